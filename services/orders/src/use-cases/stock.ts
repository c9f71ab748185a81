import type { EventData } from '@ftt/contracts';
import { ignore, type Cause } from '@ftt/kit';
import { expireOrder, rejectOrder } from '../domain/lifecycle';
import { startPayment } from '../domain/payment';
import { onOrder, type Context } from './context';
import { idempotencyKeys } from './ports';

/**
 * Stock is held: create the payment with the provider, then let the buyer pay. The provider call comes first (it
 * cannot be part of our write) and only for an order still pending; its idempotency key makes a repeat (the decision
 * made again after a conflict, the redelivery after a crash) get the same PaymentIntent back instead of a second one.
 */
export const onStockReserved = async (ctx: Context, data: EventData<'ftt.catalog.stock.reserved.v1'>, cause: Cause) => {
  const { orderId } = data;
  let created: Awaited<ReturnType<typeof ctx.provider.createPayment>> | undefined;
  const done = await ctx.handleOrder(
    orderId,
    onOrder(orderId, async (o, now) => {
      if (o.state !== 'pending') return ignore(`order ${orderId} is ${o.state}: no payment to start`);
      created ??= await ctx.provider.createPayment({
        orderId,
        amount: o.totals.total,
        method: o.paymentMethod ?? 'card',
        idempotencyKey: idempotencyKeys.payment(orderId),
      });
      ctx.fault('crash-after-payment-created');
      return startPayment(o, { provider: ctx.provider.name, ...created, settings: ctx.settings }, now);
    }),
    cause,
  );
  if (!created) return done;
  ctx.log.info({ orderId, paymentId: created.paymentId, provider: ctx.provider.name }, 'payment created');
  ctx.paymentReady.notify(orderId);
  return done;
};

export const onStockRejected = async (ctx: Context, data: EventData<'ftt.catalog.stock.rejected.v1'>, cause: Cause) => {
  const done = await ctx.handleOrder(data.orderId, onOrder(data.orderId, (o, now) => rejectOrder(o, data, now)), cause);
  ctx.paymentReady.notify(data.orderId); // a buyer waiting to pay hears the rejection now
  return done;
};

/**
 * catalog gave the stock back. Only its own expiry is news to us: the other reasons (cancelled,
 * refunded) are catalog answering events we emitted ourselves.
 */
export const onStockReleased = async (ctx: Context, data: EventData<'ftt.catalog.stock.released.v1'>, cause: Cause) => {
  if (data.reason !== 'expired') return null;
  return ctx.handleOrder(data.orderId, onOrder(data.orderId, (o, now) => expireOrder(o, { cause: 'reservation_expired' }, now)), cause);
};
