import type { Farm } from '../api/types';
import { Photo } from './bits';
import { formatDate, formatGeo, enumText, todayIso as today } from '../lib/format';
import { t } from '../i18n';

/** The farm's photo, when it has one: `wide` across a farm's page, else a card's width. */
export const FarmPhoto = ({ farm, wide = false }: { farm: Pick<Farm, 'name' | 'photo'>; wide?: boolean }) =>
  farm.photo ? (
    <Photo
      src={farm.photo}
      alt={t('farm.photoAlt', { farm: farm.name })}
      className={wide ? 'farm-photo wide' : 'farm-photo'}
      sizes={wide ? '(min-width: 700px) 900px, 100vw' : '(min-width: 700px) 400px, 100vw'}
    />
  ) : null;

export const Certifications = ({ farm }: { farm: Farm }) =>
  farm.certifications.length === 0 ? (
    <p className="muted">{t('cert.none')}</p>
  ) : (
    <ul className="plain stack">
      {farm.certifications.map((c) => (
        <li key={`${c.type}-${c.certificateNumber ?? c.certifier}`}>
          <span className={`badge ${c.validUntil >= today() ? 'badge-ok' : 'badge-bad'}`}>
            {c.name ?? enumText('certification', c.type)}
          </span>{' '}
          {t('cert.by', {
            certifier: c.certifier,
            number: c.certificateNumber ?? 'none',
            valid: c.validUntil >= today(),
            date: formatDate(c.validUntil),
          })}
        </li>
      ))}
    </ul>
  );

export const FarmFacts = ({ farm }: { farm: Farm }) => (
  <dl className="facts">
    <dt>{t('farm.address')}</dt>
    <dd>
      {farm.address.line1}
      {farm.address.line2 ? `, ${farm.address.line2}` : ''}, {farm.address.postalCode} {farm.address.city},{' '}
      {farm.address.country}
    </dd>
    <dt>{t('browse.region')}</dt>
    <dd>{farm.region}</dd>
    {farm.address.geo ? (
      <>
        <dt>{t('farm.location')}</dt>
        <dd>{formatGeo(farm.address.geo)}</dd>
      </>
    ) : null}
  </dl>
);
