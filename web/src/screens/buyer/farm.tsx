import { catalog } from '../../api/catalog';
import type { Farm } from '../../api/types';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDate, formatGeo, humanize } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { ListingCard } from './listing-card';

const today = () => new Date().toISOString().slice(0, 10);

export const Certifications = ({ farm }: { farm: Farm }) =>
  farm.certifications.length === 0 ? (
    <p className="muted">No certifications on record.</p>
  ) : (
    <ul className="plain stack">
      {farm.certifications.map((c) => (
        <li key={`${c.type}-${c.certificateNumber ?? c.certifier}`}>
          <span className={`badge ${c.validUntil >= today() ? 'badge-ok' : 'badge-bad'}`}>
            {c.name ?? humanize(c.type)}
          </span>{' '}
          by {c.certifier}
          {c.certificateNumber ? ` (${c.certificateNumber})` : ''} ·{' '}
          {c.validUntil >= today() ? 'valid until' : 'expired'} {formatDate(c.validUntil)}
        </li>
      ))}
    </ul>
  );

export const FarmFacts = ({ farm }: { farm: Farm }) => (
  <dl className="facts">
    <dt>Address</dt>
    <dd>
      {farm.address.line1}
      {farm.address.line2 ? `, ${farm.address.line2}` : ''}, {farm.address.postalCode} {farm.address.city},{' '}
      {farm.address.country}
    </dd>
    <dt>Region</dt>
    <dd>{farm.region}</dd>
    {farm.address.geo ? (
      <>
        <dt>Location</dt>
        <dd>{formatGeo(farm.address.geo)}</dd>
      </>
    ) : null}
  </dl>
);

export const FarmScreen = ({ farmId }: { farmId: string }) => {
  const state = useAsync(`farm:${farmId}`, () => catalog.farm(farmId));
  return (
    <Async state={state} what="Loading the farm" page="Farm">
      {({ farm, listings }) => (
        <Page title={farm.name} intro={farm.description || undefined}>
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
