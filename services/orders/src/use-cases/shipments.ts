import type { Cause } from '@ftt/kit';
import { markPickedUp, recordDelivery, returnOrder } from '../domain/lifecycle';
import { onOrder, type Context } from './context';
import { settledAfter } from './settle';

interface ShipmentRef {
  orderId: string;
  farmId: string;
}

export const onPickedUp = (ctx: Context, d: ShipmentRef, cause: Cause) =>
  ctx.handleOrder(d.orderId, onOrder(d.orderId, (o, now) => markPickedUp(o, d.farmId, now)), cause);

/** Recorded per farm; the last farm's delivery completes the order and pays every farmer. */
export const onDelivered = async (ctx: Context, d: ShipmentRef, cause: Cause) =>
  settledAfter(ctx, await ctx.handleOrder(d.orderId, onOrder(d.orderId, (o, now) => recordDelivery(o, d.farmId, ctx.settings, now)), cause));

/** A shipment went back to its farm: the buyer is refunded. */
export const onReturned = async (ctx: Context, d: ShipmentRef & { reason: string }, cause: Cause) =>
  settledAfter(ctx, await ctx.handleOrder(d.orderId, onOrder(d.orderId, (o, now) => returnOrder(o, d.farmId, d.reason, ctx.settings, now)), cause));
