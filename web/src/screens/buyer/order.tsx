import { useState } from 'react';
import { logistics } from '../../api/logistics';
import { orders } from '../../api/orders';
import type { Order, OrderState } from '../../api/types';
import { Price, StatusBadge } from '../../components/bits';
import { JourneyView } from '../../components/journey';
import { Page } from '../../components/page';
import { Async, ErrorMessage } from '../../components/states';
import { formatDate, formatDateTime, orderName, quantityText } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';
import { OrderTimeline, RefundSummary } from './order-timeline';
import { PaymentPanel } from './payment-panel';
import { OrderAgain } from './reorder';
import { DeliveryPhoto } from './delivery-photo';
import { ValueSplit } from './value-split';
import { ReceiptButtons } from './receipt-buttons';
import { CompanyInvoice } from './company-invoice';
import { t, tx, type MessageId } from '../../i18n';

const MOVING: Partial<Record<OrderState, number>> = { pending: 1000, confirmed: 3000 };
const CANCELLABLE: OrderState[] = ['pending', 'awaiting_payment', 'confirmed'];
const ENDED_EARLY: OrderState[] = ['cancelled', 'expired', 'rejected', 'refunded'];
const STATE_TEXT: Partial<Record<OrderState, MessageId>> = {
  pending: 'order.state.pending',
  awaiting_payment: 'order.state.awaiting_payment',
  confirmed: 'order.state.confirmed',
  completed: 'order.state.completed',
  rejected: 'order.state.rejected',
  expired: 'order.state.expired',
  cancelled: 'order.state.cancelled',
  refunded: 'order.state.refunded',
};

const TrackingCodes = ({
  lines,
}: {
  lines: { shipment: { shipmentId: string }; origin: { farmName: string }; trackingCode: string }[];
}) => {
  const seen = new Map(lines.map((l) => [l.shipment.shipmentId, l]));
  return (
    <ul className="plain stack tracking-codes" aria-label={t('order.trackingCodes')}>
      {[...seen.values()].map((l) => (
        <li key={l.shipment.shipmentId}>
          {t('order.trackingCodeOf', { farm: l.origin.farmName })} <code>{l.trackingCode}</code>{' '}
          <Link to={`/track?code=${encodeURIComponent(l.trackingCode)}`}>{t('order.trackBox')}</Link>
        </li>
      ))}
    </ul>
  );
};

const Shipments = ({ order }: { order: Order }) => {
  // Shipments exist once the order is confirmed; they keep moving until it completes.
  const shipping = order.state === 'confirmed' || order.state === 'completed';
  const trace = useAsync(
    `trace:${order.orderId}:${order.state}`,
    // before logistics has heard of the paid order the answer is "not yet" (null), not a 404
    () => (shipping ? logistics.traceIfKnown(order.orderId) : Promise.resolve(null)),
    {
      pollMs: () => (order.state === 'confirmed' ? 4000 : null),
      // Before logistics has made the shipments the trace is not there yet: "this updates by itself" has to be true.
      retryMs: () => (shipping ? 4000 : null),
    },
  );
  if (!shipping) return null;
  return (
    <section className="card" aria-labelledby="ship-h">
      <h2 id="ship-h">{t('order.tracking')}</h2>
      {trace.status === 'error' ? (
        <p className="muted">{t('order.planning')}</p>
      ) : (
        <Async state={trace} what={t('order.loadingShipments')}>
          {(tr) => {
            if (!tr) return <p className="muted">{t('order.planning')}</p>;
            const seen = new Map<string, { farm: string; journey: (typeof tr.lines)[number]['shipment'] }>();
            for (const l of tr.lines)
              seen.set(l.shipment.shipmentId, { farm: l.origin.farmName, journey: l.shipment });
            if (seen.size === 0) return <p className="muted">{t('order.planning')}</p>;
            return (
              <div className="stack">
                <TrackingCodes lines={tr.lines} />
                {[...seen.values()].map((s) => (
                  <div key={s.journey.shipmentId} className="stack">
                    <JourneyView journey={s.journey} title={t('order.boxFrom', { farm: s.farm })} />
                    {s.journey.deliveryPhoto ? (
                      <DeliveryPhoto orderId={order.orderId} shipmentId={s.journey.shipmentId} farm={s.farm} />
                    ) : null}
                  </div>
                ))}
              </div>
            );
          }}
        </Async>
      )}
    </section>
  );
};

const CancelButton = ({ order, onDone }: { order: Order; onDone: (o: Order) => void }) => {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!CANCELLABLE.includes(order.state) || order.farms.some((f) => f.pickedUpAt) || order.cancelRequest)
    return null;
  const cancel = async () => {
    try {
      onDone(await orders.cancel(order.orderId));
    } catch (err) {
      setError(err);
    }
    setAsking(false);
  };
  return (
    <div className="stack">
      {asking ? (
        <div className="row" role="group" aria-label={t('order.confirmCancel')}>
          <span>{t('order.cancelQuestion', { refund: order.state === 'confirmed' })}</span>
          <button type="button" className="button danger" onClick={() => void cancel()}>
            {t('order.yesCancel')}
          </button>
          <button type="button" className="button secondary" onClick={() => setAsking(false)}>
            {t('order.keep')}
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={() => setAsking(true)}>
          {t('order.cancel')}
        </button>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
};

/**
 * After confirmation a cancel is a request: the courier side decides whether any box already left a farm. While
 * it decides the buyer is told so; a refusal is shown with its reason, next to where the cancel button was.
 */
const CancelRequestNote = ({ order }: { order: Order }) => {
  const r = order.cancelRequest;
  if (!r || order.state !== 'confirmed') return null;
  if (r.status === 'requested') {
    return (
      <p className="state state-loading" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> {t('order.cancelChecking')}
      </p>
    );
  }
  if (r.status !== 'refused') return null;
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{t('order.cancelRefused')}</strong> {r.refusal ? `${capitalize(r.refusal)}.` : ''}{' '}
        {t('order.cancelRefusedThen')}
      </p>
    </div>
  );
};

/** What the buyer paid, is still to pay, or that nothing was charged (an unpaid order that did not go ahead). */
const OrderPaid = ({ order }: { order: Order }) => {
  const paid = order.payment?.status === 'succeeded' ? order.payment.amount : null;
  if (paid)
    return (
      <>
        <dt>{t('order.youPaid')}</dt>
        <dd>
          <strong>
            <Price money={paid} />
          </strong>
        </dd>
      </>
    );
  if (ENDED_EARLY.includes(order.state))
    return (
      <>
        <dt>{t('pay.title')}</dt>
        <dd>{t('order.nothingCharged')}</dd>
      </>
    );
  return (
    <>
      <dt>{t('cart.totalToPay')}</dt>
      <dd>
        <strong>
          <Price money={order.totals.total} />
        </strong>
      </dd>
    </>
  );
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const OrderScreen = ({ orderId }: { orderId: string }) => {
  const state = useAsync(`order:${orderId}`, () => orders.one(orderId), {
    // while the courier side answers a cancel the buyer watches for the answer: ask every second
    pollMs: (o) =>
      o.state === 'confirmed' && o.cancelRequest?.status === 'requested' ? 1000 : (MOVING[o.state] ?? null),
  });
  return (
    <Async state={state} what={t('order.loading')} page={t('order.page')}>
      {(o) => (
        <Page
          title={t('order.title', { name: orderName(o) })}
          intro={
            <>
              {t('order.placed', { time: formatDateTime(o.placedAt) })} · <StatusBadge status={o.state} />
            </>
          }
          actions={
            <>
              <Link className="button secondary" to={`/orders/${o.orderId}/trace`}>
                {t('order.whereFrom')}
              </Link>
              <ReceiptButtons order={o} />
            </>
          }
        >
          <p role="status" className="lead">
            {STATE_TEXT[o.state] ? t(STATE_TEXT[o.state]!) : null}
          </p>
          {o.state === 'awaiting_payment' ? (
            <PaymentPanel order={o} onPaid={(next) => (next ? state.set(next) : state.reload())} />
          ) : null}
          <div className="grid two">
            <section className="card" aria-labelledby="lines-h">
              <h2 id="lines-h">{t('order.whatYouOrdered')}</h2>
              <ul className="plain stack">
                {o.lines.map((l) => (
                  <li key={l.listingId} className="spread">
                    <span>
                      {t('line.text', { quantity: quantityText(l.quantity, l.unit), title: l.title })}
                      <br />
                      <span className="muted small">
                        {o.farms.find((f) => f.farmId === l.farmId)?.farmName} · {t('order.lot')} <code>{l.lotCode}</code>
                      </span>
                    </span>
                    <Price money={l.lineTotal} />
                  </li>
                ))}
              </ul>
              <dl className="facts totals">
                <dt>{t('cart.produce')}</dt>
                <dd>
                  <Price money={o.totals.goods} />
                </dd>
                <dt>{t('order.deliveryBoxes', { n: o.farms.length })}</dt>
                <dd>
                  <Price money={o.totals.delivery} />
                </dd>
                {o.delivery ? (
                  <>
                    <dt>{t('delivery.day')}</dt>
                    <dd>
                      {t('order.deliveryDay', {
                        day: formatDate(o.delivery.day),
                        pickup: o.delivery.drop.kind === 'pickup_point',
                        place: o.delivery.drop.kind === 'pickup_point' ? o.delivery.drop.name : '',
                        moved: Boolean(o.delivery.moved),
                      })}
                    </dd>
                  </>
                ) : null}
                <OrderPaid order={o} />
              </dl>
              <RefundSummary refunds={o.refunds} />
              {ENDED_EARLY.includes(o.state) ? null : (
                <p className="muted small">
                  {tx('order.platformFee', { fee: <Price key="fee" money={o.totals.platformFee} /> })}
                </p>
              )}
              <CancelRequestNote order={o} />
              <CancelButton order={o} onDone={state.set} />
              <OrderAgain order={o} />
            </section>
            <OrderTimeline order={o} />
          </div>
          <Shipments order={o} />
          <CompanyInvoice order={o} />
          <ValueSplit order={o} />
        </Page>
      )}
    </Async>
  );
};
