import { logistics } from '../../api/logistics';
import { orders } from '../../api/orders';
import type { Money, Order, OrderTrace } from '../../api/types';
import { Price, ShareBar } from '../../components/bits';
import { JourneyView } from '../../components/journey';
import { TemperatureChart } from '../../components/temperature-chart';
import { Page } from '../../components/page';
import { Async, Empty } from '../../components/states';
import { formatDate, quantityText } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

type TraceLine = OrderTrace['lines'][number];

/** The farmer's part of one line: the line's share of what the farm receives for the whole box. */
const farmerPartOf = (
  order: Order,
  farmId: string,
  lineTotal: Money,
): { amount: Money; percent: number } | null => {
  const farm = order.valueSplit.farms.find((f) => f.farmId === farmId);
  if (!farm || farm.goods.amount === 0) return null;
  return {
    amount: {
      amount: Math.round((farm.farmerReceives.amount * lineTotal.amount) / farm.goods.amount),
      currency: lineTotal.currency,
    },
    percent: farm.farmShareOfProducePercent,
  };
};

const Origin = ({ line, order }: { line: TraceLine; order: Order }) => {
  const ordered = order.lines.find((l) => l.listingId === line.listingId);
  const part = ordered ? farmerPartOf(order, line.origin.farmId, ordered.lineTotal) : null;
  return (
    <li className="card trace-item">
      <h2>
        {quantityText(line.quantity, line.unit)} {line.product}
      </h2>
      <dl className="facts">
        <dt>Farm</dt>
        <dd>
          <Link to={`/farms/${line.origin.farmId}`}>{line.origin.farmName}</Link>
        </dd>
        <dt>Field</dt>
        <dd>{line.origin.field ?? 'not recorded'}</dd>
        <dt>Harvested</dt>
        <dd>{line.origin.harvestDate ? formatDate(line.origin.harvestDate) : 'not recorded'}</dd>
        <dt>Lot</dt>
        <dd>
          <code>{line.lotCode}</code>
        </dd>
        {ordered ? (
          <>
            <dt>You paid</dt>
            <dd>
              <Price money={ordered.lineTotal} /> for the produce
            </dd>
          </>
        ) : null}
        {part ? (
          <>
            <dt>The farmer got</dt>
            <dd>
              about <Price money={part.amount} /> of it
            </dd>
          </>
        ) : null}
      </dl>
      {part ? (
        <ShareBar percent={part.percent} label={`${line.origin.farmName}'s share of the produce price`} />
      ) : null}
      <JourneyView journey={line.shipment} title="Its way to you" />
    </li>
  );
};

export const TraceScreen = ({ orderId }: { orderId: string }) => {
  const state = useAsync(`trace-page:${orderId}`, async () => {
    const [order, trace, temperatures] = await Promise.all([
      orders.one(orderId),
      logistics.traceOrder(orderId).catch(() => null),
      logistics.orderTemperatures(orderId).catch(() => null),
    ]);
    return { order, trace, temperatures };
  });
  return (
    <Page
      title="Where did my food come from?"
      intro="Each item, back to the farm, the field and the harvest it came from — and what the farmer kept."
      actions={
        <Link className="button secondary" to={`/orders/${orderId}`}>
          Back to the order
        </Link>
      }
    >
      <Async state={state} what="Tracing your order">
        {({ order, trace, temperatures }) =>
          !trace || trace.lines.length === 0 ? (
            <Empty>
              <p>The trace appears once the order is paid and its shipments are planned.</p>
            </Empty>
          ) : (
            <>
              <ShareBar
                percent={order.valueSplit.farmShareOfProducePercent}
                label="Farms' share of the produce price"
              />
              <ul className="plain stack">
                {trace.lines.map((l) => (
                  <Origin key={`${l.listingId}-${l.lotCode}`} line={l} order={order} />
                ))}
              </ul>
              {temperatures?.shipments.some((s) => s.series.length > 0) ? (
                <section className="stack" aria-labelledby="cold-chain-heading">
                  <h2 id="cold-chain-heading">
                    {temperatures.shipments.some((s) => s.excursions.length > 0)
                      ? 'Temperature on the way: too warm or too cold for a while'
                      : 'Kept cool on the way'}
                  </h2>
                  {temperatures.shipments
                    .filter((s) => s.series.length > 0)
                    .map((s) => (
                      <div key={s.shipmentId} className="card">
                        <h3>From {s.farmName}</h3>
                        <TemperatureChart curve={s} />
                      </div>
                    ))}
                </section>
              ) : null}
            </>
          )
        }
      </Async>
    </Page>
  );
};
