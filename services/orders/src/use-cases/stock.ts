import type { EventData } from '@ftt/contracts';
import type { Cause } from '@ftt/kit';
import { expireOrder, rejectOrder } from '../domain/lifecycle';
import { startPayment } from '../domain/payment';
import { onOrder, type Context } from './context';
import { idempotencyKeys } from './ports';

/**
 * Stock is held: create the payment with the provider, then let the buyer pay. The provider call
 * comes first (it cannot be part of our write); its idempotency key makes the redelivery after a
 * crash get the same PaymentIntent back instead of a second one.
 */
export const onStockReserved = async (ctx: Context, data: EventData<'ftt.catalog.stock.reserved.v1'>, cause: Cause) => {
  // Unknown, duplicate or late: no payment to ask the provider for (startPayment would ignore it too, but after the call).
  // The order as this process placed it a moment ago, if it did: a state past pending is past it in the store too; a
  // pending one that is stale (another instance moved it on) costs a repeated provider call (same idempotency key)
  // and a write that conflicts, and the handler decides again on what is stored.
  const remembered = ctx.handleOrder.remembered(data.orderId);
  const loaded = remembered ?? (await ctx.orders.load(data.orderId, cause.processedEventId));
  if (!loaded || loaded.seen || loaded.state.state !== 'pending') return null;
  const { orderId, totals } = loaded.state;
  const created = await ctx.provider.createPayment({ orderId, amount: totals.total, idempotencyKey: idempotencyKeys.payment(orderId) });
  ctx.fault('crash-after-payment-created');
  const done = await ctx.handleOrder(
    orderId,
    onOrder(orderId, (o, now) => startPayment(o, { provider: ctx.provider.name, ...created }, ctx.settings, now)),
    cause,
    // Decided on as loaded above, no second read (a concurrent change makes the write conflict and reload); what was
    // remembered, the handler decides on itself, and on a fresh load whenever that does not write.
    remembered ? undefined : loaded,
  );
  ctx.log.info({ orderId, paymentId: created.paymentId, provider: ctx.provider.name }, 'payment created');
  ctx.paymentReady.notify(orderId);
  return done;
};

export const onStockRejected = async (ctx: Context, data: EventData<'ftt.catalog.stock.rejected.v1'>, cause: Cause) => {
  const done = await ctx.handleOrder(data.orderId, onOrder(data.orderId, (o, now) => rejectOrder(o, data.reason, data.listingId, now)), cause);
  ctx.paymentReady.notify(data.orderId); // a buyer waiting to pay hears the rejection now
  return done;
};

/**
 * catalog gave the stock back. Only its own expiry is news to us: the other reasons (cancelled,
 * refunded) are catalog answering events we emitted ourselves.
 */
export const onStockReleased = async (ctx: Context, data: EventData<'ftt.catalog.stock.released.v1'>, cause: Cause) => {
  if (data.reason !== 'expired') return null;
  return ctx.handleOrder(data.orderId, onOrder(data.orderId, (o, now) => expireOrder(o, 'reservation_expired', now)), cause);
};
