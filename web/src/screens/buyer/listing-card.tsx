import type { Listing } from '../../api/types';
import { Photo, Price } from '../../components/bits';
import { AddToCart } from './add-to-cart';
import { formatDate, quantityText, unitLabel } from '../../lib/format';
import { Link } from '../../lib/router';

export const ListingCard = ({ listing: l }: { listing: Listing }) => (
  <li className="card listing-card">
    <Photo src={l.photos[0]} alt="" />
    <div className="listing-body">
      <h2 className="listing-title">
        <Link to={`/listings/${l.id}`}>{l.title}</Link>
      </h2>
      <p className="muted small">
        from <Link to={`/farms/${l.farmId}`}>{l.farm.name}</Link> · {l.farm.region}
        {l.farm.certified ? <span className="badge badge-ok inline">Certified</span> : null}
      </p>
      <p>
        <Price money={l.unitPrice} /> <span className="muted">{unitLabel(l.unit)}</span>
      </p>
      <p className="muted small">
        Harvested {formatDate(l.lot.harvestDate)} ·{' '}
        {l.available > 0 ? `${quantityText(l.available, l.unit)} left` : 'Sold out'}
      </p>
      <AddToCart listing={l} compact />
    </div>
  </li>
);
