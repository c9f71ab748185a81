import type { Money, Order } from '../../api/types';
import { Price, PriceCell, ShareBar } from '../../components/bits';
import { t, tx } from '../../i18n';

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
    <td>{t('split.percent', { n: share.toFixed(1) })}</td>
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
      <h2 id="split-h">{t('split.title')}</h2>
      <p>
        {!paid ? (
          t('split.nothingCharged')
        ) : refund && refund.amount.amount >= paid.amount ? (
          tx('split.refundedFull', { paid: <Price key="paid" money={paid} />, done: refund.status === 'refunded' })
        ) : (
          tx('split.refunding', { paid: <Price key="paid" money={paid} /> })
        )}
      </p>
    </section>
  );
};

const Split = ({ split }: { split: Order['valueSplit'] }) => (
  <section className="card" aria-labelledby="split-h">
    <h2 id="split-h">{t('split.title')}</h2>
    <p>
      {tx('split.text', {
        total: <Price key="t" money={split.total} />,
        goods: <Price key="g" money={split.goodsTotal} />,
        logistics: <Price key="l" money={split.logisticsTotal} />,
        fee: <Price key="f" money={split.platformFeeTotal} />,
        farms: <Price key="r" money={split.farmersReceive} />,
      })}
    </p>
    <ShareBar percent={split.farmShareOfProducePercent} label={t('split.share')} />
    <p className="scroll-hint muted small" aria-hidden="true">
      {t('split.swipe')}
    </p>
    <div
      className="table-wrap"
      tabIndex={0}
      role="region"
      aria-label={t('split.tableAria')}
    >
      <table>
        <caption className="visually-hidden">{t('split.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('listing.farm')}</th>
            <th scope="col">{t('cart.produce')}</th>
            <th scope="col">{t('split.fee')}</th>
            <th scope="col">{t('split.receives')}</th>
            <th scope="col">{t('cart.delivery')}</th>
            <th scope="col">{t('split.shareCol')}</th>
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
            name={t('split.total')}
            amounts={[split.goodsTotal, split.platformFeeTotal, split.farmersReceive, split.logisticsTotal]}
            share={split.farmShareOfProducePercent}
          />
        </tfoot>
      </table>
    </div>
  </section>
);
