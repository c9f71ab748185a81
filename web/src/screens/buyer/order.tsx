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

const MOVING: Partial<Record<OrderState, number>> = { pending: 1000, confirmed: 3000 };
const CANCELLABLE: OrderState[] = ['pending', 'awaiting_payment', 'confirmed'];
const ENDED_EARLY: OrderState[] = ['cancelled', 'expired', 'rejected', 'refunded'];
const STATE_TEXT: Partial<Record<OrderState, string>> = {
  pending: 'The farms are reserving your produce…',
  awaiting_payment: 'Your produce is reserved. Pay to confirm the order.',
  confirmed: 'Paid and confirmed: the farms are packing and a courier will collect it.',
  completed: 'Delivered. Enjoy your food!',
  rejected: 'A farm could not reserve everything you ordered; nothing was charged.',
  expired: 'The order was not paid in time and has been cancelled.',
  cancelled: 'The order was cancelled.',
  refunded: 'The order was refunded.',
};

const TrackingCodes = ({
  lines,
}: {
  lines: { shipment: { shipmentId: string }; origin: { farmName: string }; trackingCode: string }[];
}) => {
  const seen = new Map(lines.map((l) => [l.shipment.shipmentId, l]));
  return (
    <ul className="plain stack tracking-codes" aria-label="Tracking codes">
      {[...seen.values()].map((l) => (
        <li key={l.shipment.shipmentId}>
          Tracking code of the box from {l.origin.farmName}: <code>{l.trackingCode}</code>{' '}
          <Link to={`/track?code=${encodeURIComponent(l.trackingCode)}`}>Track this box</Link>
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
      <h2 id="ship-h">Delivery tracking</h2>
      {trace.status === 'error' ? (
        <p className="muted">The shipments are being planned; this updates by itself.</p>
      ) : (
        <Async state={trace} what="Loading shipments">
          {(t) => {
            if (!t) return <p className="muted">The shipments are being planned; this updates by itself.</p>;
            const seen = new Map<string, { farm: string; journey: (typeof t.lines)[number]['shipment'] }>();
            for (const l of t.lines)
              seen.set(l.shipment.shipmentId, { farm: l.origin.farmName, journey: l.shipment });
            if (seen.size === 0)
              return <p className="muted">The shipments are being planned; this updates by itself.</p>;
            return (
              <div className="stack">
                <TrackingCodes lines={t.lines} />
                {[...seen.values()].map((s) => (
                  <div key={s.journey.shipmentId} className="stack">
                    <JourneyView journey={s.journey} title={`Box from ${s.farm}`} />
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
        <div className="row" role="group" aria-label="Confirm cancelling">
          <span>
            Cancel this order
            {order.state === 'confirmed' ? ' and refund the payment (if no box has left a farm yet)' : ''}?
          </span>
          <button type="button" className="button danger" onClick={() => void cancel()}>
            Yes, cancel
          </button>
          <button type="button" className="button secondary" onClick={() => setAsking(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={() => setAsking(true)}>
          Cancel order
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
        <span className="spinner" aria-hidden="true" /> You asked to cancel. We are checking with the courier
        that nothing has left the farm yet…
      </p>
    );
  }
  if (r.status !== 'refused') return null;
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>We could not cancel this order.</strong> {r.refusal ? `${capitalize(r.refusal)}.` : ''} It
        will be delivered as planned, and nothing was refunded.
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
        <dt>You paid</dt>
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
        <dt>Payment</dt>
        <dd>Nothing was charged</dd>
      </>
    );
  return (
    <>
      <dt>Total to pay</dt>
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
    <Async state={state} what="Loading the order" page="Your order">
      {(o) => (
        <Page
          title={`Your order of ${orderName(o)}`}
          intro={
            <>
              Placed {formatDateTime(o.placedAt)} · <StatusBadge status={o.state} />
            </>
          }
          actions={
            <>
              <Link className="button secondary" to={`/orders/${o.orderId}/trace`}>
                Where did my food come from?
              </Link>
              <ReceiptButtons order={o} />
            </>
          }
        >
          <p role="status" className="lead">
            {STATE_TEXT[o.state]}
          </p>
          {o.state === 'awaiting_payment' ? (
            <PaymentPanel order={o} onPaid={(next) => (next ? state.set(next) : state.reload())} />
          ) : null}
          <div className="grid two">
            <section className="card" aria-labelledby="lines-h">
              <h2 id="lines-h">What you ordered</h2>
              <ul className="plain stack">
                {o.lines.map((l) => (
                  <li key={l.listingId} className="spread">
                    <span>
                      {quantityText(l.quantity, l.unit)} {l.title}
                      <br />
                      <span className="muted small">
                        {o.farms.find((f) => f.farmId === l.farmId)?.farmName} · lot <code>{l.lotCode}</code>
                      </span>
                    </span>
                    <Price money={l.lineTotal} />
                  </li>
                ))}
              </ul>
              <dl className="facts totals">
                <dt>Produce</dt>
                <dd>
                  <Price money={o.totals.goods} />
                </dd>
                <dt>
                  Delivery ({o.farms.length} {o.farms.length === 1 ? 'box' : 'boxes'})
                </dt>
                <dd>
                  <Price money={o.totals.delivery} />
                </dd>
                {o.delivery ? (
                  <>
                    <dt>Delivery day</dt>
                    <dd>
                      {formatDate(o.delivery.day)}
                      {o.delivery.drop.kind === 'pickup_point'
                        ? ` at ${o.delivery.drop.name}`
                        : ' to your door'}
                      {o.delivery.moved ? ' (moved: the cut-off had passed)' : ''}
                    </dd>
                  </>
                ) : null}
                <OrderPaid order={o} />
              </dl>
              <RefundSummary refunds={o.refunds} />
              {ENDED_EARLY.includes(o.state) ? null : (
                <p className="muted small">
                  The platform fee (<Price money={o.totals.platformFee} />) is taken from the farms&rsquo;
                  part of the produce price, not added to what you pay.
                </p>
              )}
              <CancelRequestNote order={o} />
              <CancelButton order={o} onDone={state.set} />
              <OrderAgain order={o} />
            </section>
            <OrderTimeline order={o} />
          </div>
          <Shipments order={o} />
          <ValueSplit order={o} />
        </Page>
      )}
    </Async>
  );
};
