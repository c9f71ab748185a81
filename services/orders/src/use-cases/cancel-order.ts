import type { Principal } from '@ftt/kit';
import { cancelOrder as decideCancel } from '../domain/lifecycle';
import { onOrder, type Context } from './context';
import { loadVisibleOrder } from './queries';
import { settleIfOwed } from './settle';

/**
 * The buyer (or an admin) cancels before pickup. order.cancelled makes catalog release the stock
 * and logistics cancel the shipments; a paid order is refunded right away, or by the sweeper if
 * the provider fails now.
 */
export const cancelOrder = async (ctx: Context, viewer: Principal, orderId: string, reason: string) => {
  await loadVisibleOrder(ctx, viewer, orderId);
  const by = viewer.role === 'admin' ? 'admin' : 'buyer';
  const done = await ctx.handleOrder(orderId, onOrder(orderId, (o, now) => decideCancel(o, by, reason, ctx.settings, now)));
  ctx.log.info({ orderId, by }, 'order cancelled');
  await settleIfOwed(ctx, done.state);
  return (await ctx.orders.load(orderId))!.state;
};
