import type { Cause } from '@ftt/kit';
import { cancelAccepted, cancelRefused, markPickedUp, recordDelivery, returnOrder } from '../domain/lifecycle';
import { onOrder, type Context } from './context';
import { settledAfter } from './settle';

/** What every shipment event carries: which order, which farm, and when it happened (the shipment's time). */
interface ShipmentRef {
  orderId: string;
  farmId: string;
  at: string;
}

export const onPickedUp = (ctx: Context, d: ShipmentRef, cause: Cause) =>
  ctx.handleOrder(d.orderId, onOrder(d.orderId, (o, now) => markPickedUp(o, d, now)), cause);

/** Recorded per farm; when the last farm's shipment ends, the order ends and every farmer whose produce arrived is paid. */
export const onDelivered = async (ctx: Context, d: ShipmentRef, cause: Cause) =>
  settledAfter(ctx, await ctx.handleOrder(d.orderId, onOrder(d.orderId, (o, now) => recordDelivery(o, { ...d, settings: ctx.settings }, now)), cause));

/** A shipment went back to its farm: that part is refunded to the buyer when the order ends. */
export const onReturned = async (ctx: Context, d: ShipmentRef & { reason: string }, cause: Cause) =>
  settledAfter(ctx, await ctx.handleOrder(d.orderId, onOrder(d.orderId, (o, now) => returnOrder(o, { ...d, settings: ctx.settings }, now)), cause));

/** Logistics cancelled every shipment before a pickup: the order is cancelled, its stock released, a payment refunded. */
export const onCancelAccepted = async (ctx: Context, d: { orderId: string; at: string }, cause: Cause) => {
  const done = await ctx.handleOrder(d.orderId, onOrder(d.orderId, (o, now) => cancelAccepted(o, { at: d.at, settings: ctx.settings }, now)), cause);
  if (done.result === 'written') ctx.log.info({ orderId: d.orderId }, 'order cancelled');
  return settledAfter(ctx, done);
};

/** A box had left its farm: the order goes on and the buyer sees why the cancel was refused. */
export const onCancelRefused = async (ctx: Context, d: { orderId: string; at: string; reason: string }, cause: Cause) => {
  const done = await ctx.handleOrder(d.orderId, onOrder(d.orderId, (o, now) => cancelRefused(o, d, now)), cause);
  if (done.result === 'written') ctx.log.info({ orderId: d.orderId }, 'cancel refused by logistics');
  return done;
};
