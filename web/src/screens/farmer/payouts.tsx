import { orders } from '../../api/orders';
import { Price, PriceCell, ShareBar, StatusBadge } from '../../components/bits';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { ShowMore } from '../../components/show-more';
import { usePaged } from '../../lib/use-paged';
import { MyFarmPage } from './my-farm-page';

const Payouts = ({ farmId }: { farmId: string }) => {
  const { state, more, busy, error } = usePaged(`payouts:${farmId}`, (cursor) => orders.farmPayouts(farmId, cursor), (p) => p.orderId);
  return (
    <Async state={state} what="Loading payouts">
      {(d) =>
        (d.totals ?? []).length === 0 ? (
          <Empty>
            <p>No payouts yet: you are paid when an order's box has been delivered.</p>
          </Empty>
        ) : (
          <>
            <div className="grid two">
              {(d.totals ?? []).map((t) => (
                <section key={t.currency} className="card" aria-label={`Totals in ${t.currency}`}>
                  <h2>Totals ({t.currency})</h2>
                  <dl className="facts">
                    <dt>Sales</dt>
                    <dd>
                      <Price money={t.gross} />
                    </dd>
                    <dt>Platform fee</dt>
                    <dd>
                      <Price money={t.platformFee} />
                    </dd>
                    <dt>Paid to you</dt>
                    <dd>
                      <Price money={t.paid} />
                    </dd>
                    <dt>Pending (paid orders not yet delivered, and transfers on their way)</dt>
                    <dd>
                      <Price money={t.pending} />
                    </dd>
                    <dt>Transfers</dt>
                    <dd>{t.transfers}</dd>
                  </dl>
                  {t.gross.amount > 0 ? (
                    <ShareBar
                      percent={t.farmShareOfProducePercent}
                      label="Farm's share of the produce price"
                    />
                  ) : null}
                </section>
              ))}
            </div>
            <div className="table-wrap card" tabIndex={0} role="region" aria-label="Payouts per order (scrolls sideways)">
              <table>
                <caption>Payouts per order</caption>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Sales</th>
                    <th scope="col">Fee</th>
                    <th scope="col">You receive</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {d.all.map((p) => (
                    <tr key={p.orderId}>
                      <th scope="row">
                        Order of {formatDateTime(p.placedAt)}
                        {p.paidAt ? (
                          <span className="muted small block">paid {formatDateTime(p.paidAt)}</span>
                        ) : null}
                      </th>
                      <PriceCell money={p.gross} />
                      <PriceCell money={p.platformFee} />
                      <PriceCell money={p.amount} />
                      <td>
                        <StatusBadge status={p.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {d.all.length === 0 ? <p className="muted">No transfers yet: you are paid when an order's box has been delivered.</p> : null}
            </div>
            <ShowMore next={d.next} busy={busy} error={error} onMore={() => void more()} label="Show older payouts" />
          </>
        )
      }
    </Async>
  );
};

export const PayoutsScreen = () => (
  <MyFarmPage title="Payouts" intro="What you were paid per delivered order, after the platform fee.">
    {(farmId) => <Payouts farmId={farmId} />}
  </MyFarmPage>
);
