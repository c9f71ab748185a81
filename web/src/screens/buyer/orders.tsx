import { orders } from '../../api/orders';
import { Price, StatusBadge } from '../../components/bits';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { orderName, quantityText } from '../../lib/format';
import { Link } from '../../lib/router';
import { usePaged } from '../../lib/use-paged';
import { ShowMore } from '../../components/show-more';
import { intl, t } from '../../i18n';

export const OrdersScreen = () => {
  const { state, more, busy, error } = usePaged('my-orders', (cursor, signal) => orders.mine(cursor, signal), (o) => o.orderId);
  return (
    <Page title={t('nav.myOrders')}>
      <Async state={state} what={t('orders.loading')}>
        {({ all: list, next }) =>
          list.length === 0 ? (
            <Empty>
              <p>{t('orders.none')}</p>
              <Link className="button" to="/">
                {t('cart.browse')}
              </Link>
            </Empty>
          ) : (
            <>
            <ul className="plain stack">
              {list.map((o) => (
                <li key={o.orderId} className="card order-row">
                  <div>
                    <Link to={`/orders/${o.orderId}`}>{t('orders.orderOf', { name: orderName(o) })}</Link>
                    <p className="muted small">
                      {t('orders.summary', {
                        lines: intl().formatList(o.lines.map((l) => t('line.text', { quantity: quantityText(l.quantity, l.unit), title: l.title })), { type: 'unit' }),
                        farms: intl().formatList(o.farms.map((f) => f.farmName)),
                      })}
                    </p>
                  </div>
                  <div className="order-row-side">
                    <StatusBadge status={o.state} />
                    <Price money={o.totals.total} />
                  </div>
                </li>
              ))}
            </ul>
            <ShowMore next={next} busy={busy} error={error} onMore={() => void more()} label={t('orders.older')} />
            </>
          )
        }
      </Async>
    </Page>
  );
};
