import type { Farm } from '../api/types';
import { formatDate, formatGeo, humanize, todayIso as today } from '../lib/format';

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
