import type { Listing } from '../../api/types';
import { Photo, Price } from '../../components/bits';
import { AddToCart } from './add-to-cart';
import { formatDate, quantityText, unitLabel } from '../../lib/format';
import { Link } from '../../lib/router';
import { t, tx } from '../../i18n';

export const ListingCard = ({ listing: l }: { listing: Listing }) => (
  <li className="card listing-card">
    <Photo src={l.photos[0]} alt="" />
    <div className="listing-body">
      <h2 className="listing-title">
        <Link to={`/listings/${l.id}`}>{l.title}</Link>
      </h2>
      <p className="muted small">
        {tx('card.from', { farm: <Link to={`/farms/${l.farmId}`}>{l.farm.name}</Link>, region: l.farm.region })}
        {l.farm.certified ? <span className="badge badge-ok inline">{t('card.certified')}</span> : null}
      </p>
      <p>
        <Price money={l.unitPrice} /> <span className="muted">{unitLabel(l.unit)}</span>
      </p>
      <p className="muted small">
        {t('card.harvested', { date: formatDate(l.lot.harvestDate) })} ·{' '}
        {l.available > 0 ? t('card.left', { quantity: quantityText(l.available, l.unit) }) : t('card.soldOut')}
      </p>
      <AddToCart listing={l} compact />
    </div>
  </li>
);
