import type { AdminOrderSummary } from '../../api/types';
import { Price, StatusBadge } from '../../components/bits';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { t } from '../../i18n';

/** Orders in a table: what operators scan for (state, buyer, farms, total, when) and a link to the order. */
export const OrderTable = ({
  orders,
  caption,
  since,
}: {
  orders: AdminOrderSummary[];
  caption: string;
  since?: boolean;
}) => (
  <div className="table-wrap card" tabIndex={0} role="region" aria-label={caption}>
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('orderTable.order')}</th>
          <th scope="col">{t('orderTable.state')}</th>
          <th scope="col">{t('orderTable.buyer')}</th>
          <th scope="col">{t('orderTable.farms')}</th>
          <th scope="col">{t('orderTable.total')}</th>
          <th scope="col">{t(since ? 'orderTable.since' : 'orderTable.placed')}</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.orderId}>
            <td>
              <Link to={`/admin/orders/${o.orderId}`}>
                <code>{o.orderId.slice(0, 8)}</code>
                <span className="visually-hidden"> {t('orderTable.orderAria', { id: o.orderId })}</span>
              </Link>
            </td>
            <td>
              <StatusBadge status={o.state} />
            </td>
            <td className="small">
              {o.buyerName}
              <span className="visually-hidden" translate="no">
                {' '}
                ({o.buyerId})
              </span>
            </td>
            <td className="small">{o.farms.map((f) => f.farmName).join(', ')}</td>
            <td>
              <Price money={o.total} />
            </td>
            <td className="small">{formatDateTime(since ? o.updatedAt : o.placedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** Keyset paging: forward with the page's cursor, back to the first page. */
export const Pager = ({
  next,
  onNext,
  onFirst,
  paged,
}: {
  next: string | null;
  onNext: (cursor: string) => void;
  onFirst: () => void;
  paged: boolean;
}) => (
  <div className="row">
    {paged ? (
      <button type="button" className="button secondary" onClick={onFirst}>
        {t('pager.first')}
      </button>
    ) : null}
    {next ? (
      <button type="button" className="button secondary" onClick={() => onNext(next)}>
        {t('pager.next')}
      </button>
    ) : null}
  </div>
);
