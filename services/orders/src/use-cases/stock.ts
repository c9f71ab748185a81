import type { EventData } from '@ftt/contracts';
import { expireOrder, rejectOrder } from '../domain/lifecycle';
import { startPayment } from '../domain/payment';
import { idempotencyKeys } from '../payments/payment-provider';
import { changeOrder, type Cause, type Deps } from './context';

/**
 * Stock is held: create the payment with the provider, then let the buyer pay. The provider call
 * comes first (it cannot be part of our write); its idempotency key makes the redelivery after a
 * crash get the same PaymentIntent back instead of a second one.
 */
export const onStockReserved = async (deps: Deps, data: EventData<'ftt.catalog.stock.reserved.v1'>, cause: Cause) => {
  const loaded = await deps.orders.load(data.orderId, cause.processedEventId);
  if (!loaded || loaded.seen || loaded.order.state !== 'pending') return null; // unknown, duplicate or late
  const { order } = loaded;
  const created = await deps.provider.createPayment({
    orderId: order.orderId,
    amount: order.totals.total,
    idempotencyKey: idempotencyKeys.payment(order.orderId),
  });
  deps.fault('crash-after-payment-created');
  const change = await changeOrder(
    deps,
    order.orderId,
    (o, now) => startPayment(o, { provider: deps.provider.name, ...created }, deps.settings, now),
    cause,
  );
  deps.log.info({ orderId: order.orderId, paymentId: created.paymentId, provider: deps.provider.name }, 'payment created');
  return change;
};

export const onStockRejected = (deps: Deps, data: EventData<'ftt.catalog.stock.rejected.v1'>, cause: Cause) =>
  changeOrder(deps, data.orderId, (o, now) => rejectOrder(o, data.reason, data.listingId, now), cause);

/**
 * catalog gave the stock back. Only its own expiry is news to us: the other reasons (cancelled,
 * refunded) are catalog answering events we emitted ourselves.
 */
export const onStockReleased = async (deps: Deps, data: EventData<'ftt.catalog.stock.released.v1'>, cause: Cause) => {
  if (data.reason !== 'expired') return null;
  return changeOrder(
    deps,
    data.orderId,
    (o, now) => (o.state === 'pending' || o.state === 'awaiting_payment' ? expireOrder(o, 'reservation_expired', now) : null),
    cause,
  );
};
