import { catalog } from '../../api/catalog';
import { Photo, Price } from '../../components/bits';
import { Page } from '../../components/page';
import { Async } from '../../components/states';
import { formatDate, humanize, quantityText, unitLabel } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AddToCart } from './add-to-cart';

export const ListingScreen = ({ listingId }: { listingId: string }) => {
  const state = useAsync(`listing:${listingId}`, () => catalog.listing(listingId));
  return (
    <Async state={state} what="Loading the listing" page="Produce">
      {({ listing: l, farm }) => (
        <Page title={l.title} intro={`${humanize(l.category)} from ${farm.name}, ${farm.address.city}`}>
          <div className="grid two detail">
            <Photo src={l.photos[0]} alt={`${l.title}, illustration`} className="large" />
            <div className="stack">
              <p className="big">
                <Price money={l.unitPrice} /> <span className="muted">{unitLabel(l.unit)}</span>
              </p>
              {l.description ? <p>{l.description}</p> : null}
              <p>{l.available > 0 ? `${quantityText(l.available, l.unit)} available` : 'Sold out for now'}</p>
              <AddToCart listing={l} />
              <section className="card" aria-labelledby="lot-h">
                <h2 id="lot-h">Where it comes from</h2>
                {farm.photo ? (
                  <Photo
                    src={farm.photo}
                    alt={`${farm.name}, the farm`}
                    className="farm-photo"
                    sizes="(min-width: 700px) 400px, 100vw"
                  />
                ) : null}
                <dl className="facts">
                  <dt>Farm</dt>
                  <dd>
                    <Link to={`/farms/${farm.id}`}>{farm.name}</Link> ({farm.region})
                  </dd>
                  <dt>Field</dt>
                  <dd>{l.lot.field}</dd>
                  <dt>Harvested</dt>
                  <dd>{formatDate(l.lot.harvestDate)}</dd>
                  {l.lot.bestBefore ? (
                    <>
                      <dt>Best before</dt>
                      <dd>{formatDate(l.lot.bestBefore)}</dd>
                    </>
                  ) : null}
                  <dt>Lot code</dt>
                  <dd>
                    <code>{l.lot.lotCode}</code>
                  </dd>
                  <dt>Kept at</dt>
                  <dd>
                    {l.coldChain.minC} to {l.coldChain.maxC} °C
                  </dd>
                </dl>
              </section>
            </div>
          </div>
        </Page>
      )}
    </Async>
  );
};
