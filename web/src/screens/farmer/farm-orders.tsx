import { orders } from '../../api/orders';
import { Price, StatusBadge } from '../../components/bits';
import { Async, Empty } from '../../components/states';
import { boxName, formatDate, formatDateTime, humanize, quantityText } from '../../lib/format';
import { ShowMore } from '../../components/show-more';
import { usePaged } from '../../lib/use-paged';
import { MyFarmPage } from './my-farm-page';

/** Orders that end without a sale: the farm is not paid for them. */
const ENDED = ['cancelled', 'expired', 'rejected', 'refunded'];

const FarmOrders = ({ farmId }: { farmId: string }) => {
  const { state, more, busy, error } = usePaged(`farm-orders:${farmId}`, (cursor) => orders.farmOrders(farmId, cursor), (o) => o.orderId, {
    pollMs: () => 10_000,
  });
  return (
    <Async state={state} what="Loading incoming orders">
      {(d) => (
        <>
          <section className="card" aria-labelledby="pack-h">
            <h2 id="pack-h">To pack now</h2>
            {(d.packing ?? []).length === 0 ? (
              <p className="muted">Nothing to pack: no paid orders are waiting for pickup.</p>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="pack-h">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Product</th>
                      <th scope="col">Lot</th>
                      <th scope="col">Quantity</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(d.packing ?? []).map((p) => (
                      <tr key={`${p.listingId}-${p.lotCode}`}>
                        <th scope="row">{p.title}</th>
                        <td>
                          <code>{p.lotCode}</code>
                        </td>
                        <td>
                          {quantityText(p.quantity, p.unit)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <h2>Orders</h2>
          {d.all.length === 0 ? (
            <Empty>
              <p>No orders yet. Published listings appear in the shop for buyers.</p>
            </Empty>
          ) : (
            <ul className="plain stack" aria-label="Orders for your farm">
              {d.all.map((o) => (
                <li key={o.orderId} className={`card ${o.toPack ? 'to-pack' : ''}`}>
                  <div className="spread">
                    <strong>{boxName(o)}</strong>
                    <StatusBadge status={o.state} />
                  </div>
                  <p className="muted small">
                    Placed {formatDateTime(o.placedAt)}
                    {o.deliveryDay ? ` · for ${formatDate(o.deliveryDay)}${o.drop ? ` → ${o.drop}` : ''}` : ''} · 
                    {o.toPack ? 'To pack' : humanize(o.state)}
                    {o.pickedUpAt ? ` · picked up ${formatDateTime(o.pickedUpAt)}` : ''}
                    {o.deliveredAt ? ` · delivered ${formatDateTime(o.deliveredAt)}` : ''}
                  </p>
                  <ul className="small">
                    {o.lines.map((l) => (
                      <li key={l.listingId}>
                        {quantityText(l.quantity, l.unit)} {l.title} (lot <code>{l.lotCode}</code>)
                      </li>
                    ))}
                  </ul>
                  <p className="small">
                    Produce <Price money={o.goods} /> ·{' '}
                    {ENDED.includes(o.state) ? (
                      <>the order did not go ahead: you receive nothing</>
                    ) : o.state === 'completed' ? (
                      <>
                        you received <Price money={o.farmerReceives} />
                      </>
                    ) : (
                      <>
                        you will receive <Price money={o.farmerReceives} /> once it is delivered
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <ShowMore next={d.next} busy={busy} error={error} onMore={() => void more()} label="Show older orders" />
        </>
      )}
    </Async>
  );
};

export const FarmOrdersScreen = () => (
  <MyFarmPage
    title="Incoming orders"
    intro="Paid orders waiting for pickup are summed per product and lot, ready for packing."
  >
    {(farmId) => <FarmOrders farmId={farmId} />}
  </MyFarmPage>
);
