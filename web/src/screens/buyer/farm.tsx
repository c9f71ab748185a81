import { catalog } from '../../api/catalog';
import { Page } from '../../components/page';
import { Certifications, FarmFacts, FarmPhoto } from '../../components/farm-facts';
import { Async, Empty } from '../../components/states';
import { useAsync } from '../../lib/use-async';
import { ListingCard } from './listing-card';
import { t } from '../../i18n';

export const FarmScreen = ({ farmId }: { farmId: string }) => {
  const state = useAsync(`farm:${farmId}`, () => catalog.farm(farmId));
  return (
    <Async state={state} what={t('farm.loading')} page={t('listing.farm')}>
      {({ farm, listings }) => (
        <Page title={farm.name} intro={farm.description || undefined}>
          <FarmPhoto farm={farm} wide />
          <div className="grid two">
            <section className="card" aria-labelledby="where-h">
              <h2 id="where-h">{t('farm.where')}</h2>
              <FarmFacts farm={farm} />
            </section>
            <section className="card" aria-labelledby="cert-h">
              <h2 id="cert-h">{t('farm.certifications')}</h2>
              <Certifications farm={farm} />
            </section>
          </div>
          <h2>{t('farm.onOffer')}</h2>
          {listings.length === 0 ? (
            <Empty>
              <p>{t('farm.nothing', { farm: farm.name })}</p>
            </Empty>
          ) : (
            <ul className="plain listing-grid" aria-label={t('farm.produceFrom', { farm: farm.name })}>
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
