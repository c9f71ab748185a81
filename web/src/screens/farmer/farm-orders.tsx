import { orders } from '../../api/orders';
import { Price, StatusBadge } from '../../components/bits';
import { PackingTable } from '../../components/table';
import { Async, Empty } from '../../components/states';
import { boxName, formatDate, formatDateTime, humanize, quantityText } from '../../lib/format';
import { ShowMore } from '../../components/show-more';
import { usePaged } from '../../lib/use-paged';
import { MyFarmPage } from './my-farm-page';
import { t, tx } from '../../i18n';

/** Orders that end without a sale: the farm is not paid for them. */
const ENDED = ['cancelled', 'expired', 'rejected', 'refunded'];

const FarmOrders = ({ farmId }: { farmId: string }) => {
  const { state, more, busy, error } = usePaged(`farm-orders:${farmId}`, (cursor) => orders.farmOrders(farmId, cursor), (o) => o.orderId, {
    pollMs: () => 10_000,
  });
  return (
    <Async state={state} what={t('farmOrders.loading')}>
      {(d) => (
        <>
          <section className="card" aria-labelledby="pack-h">
            <h2 id="pack-h">{t('farmOrders.toPackNow')}</h2>
            {(d.packing ?? []).length === 0 ? (
              <p className="muted">{t('farmOrders.nothing')}</p>
            ) : (
              <PackingTable labelledBy="pack-h" packing={d.packing ?? []} />
            )}
          </section>
          <h2>{t('nav.orders')}</h2>
          {d.all.length === 0 ? (
            <Empty>
              <p>{t('farmOrders.none')}</p>
            </Empty>
          ) : (
            <ul className="plain stack" aria-label={t('farmOrders.aria')}>
              {d.all.map((o) => (
                <li key={o.orderId} className={`card ${o.toPack ? 'to-pack' : ''}`}>
                  <div className="spread">
                    <strong>{boxName(o)}</strong>
                    <StatusBadge status={o.state} />
                  </div>
                  <p className="muted small">
                    {t('order.placed', { time: formatDateTime(o.placedAt) })}
                    {o.deliveryDay
                      ? ` · ${t('farmOrders.for', { day: formatDate(o.deliveryDay) })}${o.drop ? ` → ${o.drop}` : ''}`
                      : ''}{' '}
                    · {o.toPack ? t('farmOrders.toPack') : humanize(o.state)}
                    {o.pickedUpAt ? ` · ${t('farmOrders.pickedUp', { time: formatDateTime(o.pickedUpAt) })}` : ''}
                    {o.deliveredAt ? ` · ${t('farmOrders.delivered', { time: formatDateTime(o.deliveredAt) })}` : ''}
                  </p>
                  <ul className="small">
                    {o.lines.map((l) => (
                      <li key={l.listingId}>
                        {t('line.text', { quantity: quantityText(l.quantity, l.unit), title: l.title })} ({t('order.lot')}{' '}
                        <code>{l.lotCode}</code>)
                      </li>
                    ))}
                  </ul>
                  <p className="small">
                    {t('cart.produce')} <Price money={o.goods} /> ·{' '}
                    {ENDED.includes(o.state)
                      ? t('farmOrders.nothingReceived')
                      : o.state === 'completed'
                        ? tx('farmOrders.received', { money: <Price key="m" money={o.farmerReceives} /> })
                        : tx('farmOrders.willReceive', { money: <Price key="m" money={o.farmerReceives} /> })}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <ShowMore next={d.next} busy={busy} error={error} onMore={() => void more()} label={t('orders.older')} />
        </>
      )}
    </Async>
  );
};

export const FarmOrdersScreen = () => (
  <MyFarmPage
    title={t('farmOrders.title')}
    intro={t('farmOrders.intro')}
  >
    {(farmId) => <FarmOrders farmId={farmId} />}
  </MyFarmPage>
);
