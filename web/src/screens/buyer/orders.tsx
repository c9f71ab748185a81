import { orders } from '../../api/orders';
import { Price, StatusBadge } from '../../components/bits';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { orderName, quantityText } from '../../lib/format';
import { Link } from '../../lib/router';
import { usePaged } from '../../lib/use-paged';
import { ShowMore } from '../../components/show-more';

export const OrdersScreen = () => {
  const { state, more, busy, error } = usePaged('my-orders', (cursor, signal) => orders.mine(cursor, signal), (o) => o.orderId);
  return (
    <Page title="My orders">
      <Async state={state} what="Loading your orders">
        {({ all: list, next }) =>
          list.length === 0 ? (
            <Empty>
              <p>You have not ordered anything yet.</p>
              <Link className="button" to="/">
                Browse produce
              </Link>
            </Empty>
          ) : (
            <>
            <ul className="plain stack">
              {list.map((o) => (
                <li key={o.orderId} className="card order-row">
                  <div>
                    <Link to={`/orders/${o.orderId}`}>Order of {orderName(o)}</Link>
                    <p className="muted small">
                      {o.lines.map((l) => `${quantityText(l.quantity, l.unit)} ${l.title}`).join(', ')} · from{' '}
                      {o.farms.map((f) => f.farmName).join(' and ')}
                    </p>
                  </div>
                  <div className="order-row-side">
                    <StatusBadge status={o.state} />
                    <Price money={o.totals.total} />
                  </div>
                </li>
              ))}
            </ul>
            <ShowMore next={next} busy={busy} error={error} onMore={() => void more()} label="Show older orders" />
            </>
          )
        }
      </Async>
    </Page>
  );
};
