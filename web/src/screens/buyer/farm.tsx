import { catalog } from '../../api/catalog';
import { Photo } from '../../components/bits';
import { Page } from '../../components/page';
import { Certifications, FarmFacts } from '../../components/farm-facts';
import { Async, Empty } from '../../components/states';
import { useAsync } from '../../lib/use-async';
import { ListingCard } from './listing-card';

export const FarmScreen = ({ farmId }: { farmId: string }) => {
  const state = useAsync(`farm:${farmId}`, () => catalog.farm(farmId));
  return (
    <Async state={state} what="Loading the farm" page="Farm">
      {({ farm, listings }) => (
        <Page title={farm.name} intro={farm.description || undefined}>
          {farm.photo ? (
            <Photo
              src={farm.photo}
              alt={`${farm.name}, the farm`}
              className="farm-photo wide"
              sizes="(min-width: 700px) 900px, 100vw"
            />
          ) : null}
          <div className="grid two">
            <section className="card" aria-labelledby="where-h">
              <h2 id="where-h">Where the farm is</h2>
              <FarmFacts farm={farm} />
            </section>
            <section className="card" aria-labelledby="cert-h">
              <h2 id="cert-h">Certifications</h2>
              <Certifications farm={farm} />
            </section>
          </div>
          <h2>On offer now</h2>
          {listings.length === 0 ? (
            <Empty>
              <p>{farm.name} has nothing on offer right now.</p>
            </Empty>
          ) : (
            <ul className="plain listing-grid" aria-label={`Produce from ${farm.name}`}>
              {listings.map((l) => (
                <ListingCard key={l.id} listing={l} />
              ))}
            </ul>
          )}
        </Page>
      )}
    </Async>
  );
};
