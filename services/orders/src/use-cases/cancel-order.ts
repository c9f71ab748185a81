import { isOperator, type Principal } from '@ftt/kit';
import { cancelOrder as decideCancel } from '../domain/lifecycle';
import { onOrder, type Context } from './context';
import { loadVisibleOrder } from './queries';
import { settleIfOwed } from './settle';

/**
 * The buyer (or an admin) asks to cancel. Before confirmation the order is cancelled at once: order.cancelled
 * makes catalog release the stock, and a paid order is refunded right away (or by the sweeper if the provider
 * fails now). After confirmation it is a request that logistics answers (see cancelOrder in the domain): the
 * order comes back still confirmed, with `cancelRequest.status` 'requested'.
 */
export const cancelOrder = async (ctx: Context, viewer: Principal, orderId: string, reason: string) => {
  const order = await loadVisibleOrder(ctx, viewer, orderId);
  // an operator cancelling someone else's order does it as the back office; their own order, as its buyer
  const by = isOperator(viewer) && viewer.userId !== order.buyerId ? 'admin' : 'buyer';
  const done = await ctx.handleOrder(orderId, onOrder(orderId, (o, now) => decideCancel(o, { by, reason, settings: ctx.settings }, now)));
  if (done.result === 'written') {
    ctx.log.info({ orderId, by, state: done.state.state }, done.state.state === 'cancelled' ? 'order cancelled' : 'cancel requested');
  }
  await settleIfOwed(ctx, done.state);
  return (await ctx.orders.load(orderId))!.state;
};
