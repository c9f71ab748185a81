import type { Money, Order } from '../../api/types';
import { Price, PriceCell, ShareBar } from '../../components/bits';

/** One row of the split (a farm's, or the total): its produce, the fee taken from it, what the farm receives, delivery. */
const SplitRow = ({
  name,
  amounts,
  share,
}: {
  name: string;
  amounts: [Money, Money, Money, Money];
  share: number;
}) => (
  <tr>
    <th scope="row">{name}</th>
    {amounts.map((money, i) => (
      <PriceCell key={i} money={money} />
    ))}
    <td>{share.toFixed(1)}%</td>
  </tr>
);

/** An order that ended before the farms were owed anything: its split would describe money that never moved. */
const ENDED_EARLY: Order['state'][] = ['cancelled', 'expired', 'rejected', 'refunded'];

/**
 * Where the buyer's money goes. What the buyer pays is produce + delivery; the platform fee is taken from the produce
 * price, so the farm's share is what the farm receives of its produce price (the same number the farmer's payouts show).
 * An order that did not go ahead says what happened to the money instead: nothing charged, or refunded.
 */
export const ValueSplit = ({ order }: { order: Order }) =>
  ENDED_EARLY.includes(order.state) ? <NoSplit order={order} /> : <Split split={order.valueSplit} />;

const NoSplit = ({ order }: { order: Order }) => {
  const paid = order.payment?.status === 'succeeded' ? order.payment.amount : null;
  const refund = order.refund;
  return (
    <section className="card" aria-labelledby="split-h">
      <h2 id="split-h">Where your money goes</h2>
      <p>
        {!paid ? (
          'The order did not go ahead and nothing was charged: no money went to the farms, the courier or the platform.'
        ) : refund && refund.amount.amount >= paid.amount ? (
          <>
            The order did not go ahead: your payment of <Price money={paid} /> is{' '}
            {refund.status === 'refunded' ? 'refunded in full' : 'being refunded in full'}. The farms, the courier and
            the platform keep nothing.
          </>
        ) : (
          <>
            The order did not go ahead: your payment of <Price money={paid} /> is being refunded. The farms, the courier
            and the platform keep nothing.
          </>
        )}
      </p>
    </section>
  );
};

const Split = ({ split }: { split: Order['valueSplit'] }) => (
  <section className="card" aria-labelledby="split-h">
    <h2 id="split-h">Where your money goes</h2>
    <p>
      Of <Price money={split.total} />, <Price money={split.goodsTotal} /> is the produce price and{' '}
      <Price money={split.logisticsTotal} /> pays the courier. From the produce price the platform keeps{' '}
      <Price money={split.platformFeeTotal} />; the farms receive <Price money={split.farmersReceive} />.
    </p>
    <ShareBar percent={split.farmShareOfProducePercent} label="Farm's share of the produce price" />
    <p className="scroll-hint muted small" aria-hidden="true">
      Swipe the table sideways to see every column →
    </p>
    <div
      className="table-wrap"
      tabIndex={0}
      role="region"
      aria-label="Value split per farm (scrolls sideways)"
    >
      <table>
        <caption className="visually-hidden">Value split per farm</caption>
        <thead>
          <tr>
            <th scope="col">Farm</th>
            <th scope="col">Produce</th>
            <th scope="col">Platform fee (from produce)</th>
            <th scope="col">Farm receives</th>
            <th scope="col">Delivery</th>
            <th scope="col">Farm&rsquo;s share of produce price</th>
          </tr>
        </thead>
        <tbody>
          {split.farms.map((f) => (
            <SplitRow
              key={f.farmId}
              name={f.farmName}
              amounts={[f.goods, f.platformFee, f.farmerReceives, f.logisticsCost]}
              share={f.farmShareOfProducePercent}
            />
          ))}
        </tbody>
        <tfoot>
          <SplitRow
            name="Total"
            amounts={[split.goodsTotal, split.platformFeeTotal, split.farmersReceive, split.logisticsTotal]}
            share={split.farmShareOfProducePercent}
          />
        </tfoot>
      </table>
    </div>
  </section>
);
