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
import { t, tx } from '../../i18n';

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
        {t('line.text', { quantity: quantityText(line.quantity, line.unit), title: line.product })}
      </h2>
      <dl className="facts">
        <dt>{t('listing.farm')}</dt>
        <dd>
          <Link to={`/farms/${line.origin.farmId}`}>{line.origin.farmName}</Link>
        </dd>
        <dt>{t('listing.field')}</dt>
        <dd>{line.origin.field ?? t('trace.notRecorded')}</dd>
        <dt>{t('listing.harvested')}</dt>
        <dd>{line.origin.harvestDate ? formatDate(line.origin.harvestDate) : t('trace.notRecorded')}</dd>
        <dt>{t('trace.lot')}</dt>
        <dd>
          <code>{line.lotCode}</code>
        </dd>
        {ordered ? (
          <>
            <dt>{t('order.youPaid')}</dt>
            <dd>
              {tx('trace.forProduce', { price: <Price key="p" money={ordered.lineTotal} /> })}
            </dd>
          </>
        ) : null}
        {part ? (
          <>
            <dt>{t('trace.farmerGot')}</dt>
            <dd>
              {tx('trace.aboutOfIt', { price: <Price key="p" money={part.amount} /> })}
            </dd>
          </>
        ) : null}
      </dl>
      {part ? (
        <ShareBar percent={part.percent} label={t('trace.farmShare', { farm: line.origin.farmName })} />
      ) : null}
      <JourneyView journey={line.shipment} title={t('trace.wayToYou')} />
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
      title={t('order.whereFrom')}
      intro={t('trace.intro')}
      actions={
        <Link className="button secondary" to={`/orders/${orderId}`}>
          {t('trace.back')}
        </Link>
      }
    >
      <Async state={state} what={t('trace.loading')}>
        {({ order, trace, temperatures }) =>
          !trace || trace.lines.length === 0 ? (
            <Empty>
              <p>{t('trace.notYet')}</p>
            </Empty>
          ) : (
            <>
              <ShareBar
                percent={order.valueSplit.farmShareOfProducePercent}
                label={t('trace.farmsShare')}
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
                      ? t('trace.tempExcursion')
                      : t('trace.keptCool')}
                  </h2>
                  {temperatures.shipments
                    .filter((s) => s.series.length > 0)
                    .map((s) => (
                      <div key={s.shipmentId} className="card">
                        <h3>{t('cart.from', { farm: s.farmName })}</h3>
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
