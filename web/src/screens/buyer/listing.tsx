import { catalog } from '../../api/catalog';
import { Photo, Price } from '../../components/bits';
import { FarmPhoto } from '../../components/farm-facts';
import { Page } from '../../components/page';
import { Async } from '../../components/states';
import { formatDate, enumText, quantityText, unitLabel } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { AddToCart } from './add-to-cart';
import { t } from '../../i18n';

export const ListingScreen = ({ listingId }: { listingId: string }) => {
  const state = useAsync(`listing:${listingId}`, () => catalog.listing(listingId));
  return (
    <Async state={state} what={t('listing.loading')} page={t('listing.page')}>
      {({ listing: l, farm }) => (
        <Page title={l.title} intro={t('listing.intro', { category: enumText('category', l.category), farm: farm.name, city: farm.address.city })}>
          <div className="grid two detail">
            <Photo src={l.photos[0]} alt={t('listing.photoAlt', { title: l.title })} className="large" />
            <div className="stack">
              <p className="big">
                <Price money={l.unitPrice} /> <span className="muted">{unitLabel(l.unit)}</span>
              </p>
              {l.description ? <p>{l.description}</p> : null}
              <p>{l.available > 0 ? t('listing.available', { quantity: quantityText(l.available, l.unit) }) : t('listing.soldOut')}</p>
              <AddToCart listing={l} />
              <section className="card" aria-labelledby="lot-h">
                <h2 id="lot-h">{t('listing.whereFrom')}</h2>
                <FarmPhoto farm={farm} />
                <dl className="facts">
                  <dt>{t('listing.farm')}</dt>
                  <dd>
                    <Link to={`/farms/${farm.id}`}>{farm.name}</Link> ({farm.region})
                  </dd>
                  <dt>{t('listing.field')}</dt>
                  <dd>{l.lot.field}</dd>
                  <dt>{t('listing.harvested')}</dt>
                  <dd>{formatDate(l.lot.harvestDate)}</dd>
                  {l.lot.bestBefore ? (
                    <>
                      <dt>{t('listing.bestBefore')}</dt>
                      <dd>{formatDate(l.lot.bestBefore)}</dd>
                    </>
                  ) : null}
                  <dt>{t('listing.lotCode')}</dt>
                  <dd>
                    <code>{l.lot.lotCode}</code>
                  </dd>
                  <dt>{t('listing.keptAt')}</dt>
                  <dd>
                    {t('listing.range', { min: l.coldChain.minC, max: l.coldChain.maxC })}
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
