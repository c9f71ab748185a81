import { cancelOrder as decideCancel } from '../domain/lifecycle';
import { changeOrder, loadVisibleOrder, type Deps, type Viewer } from './context';
import { settleIfOwed } from './settle';

/**
 * The buyer (or an admin) cancels before pickup. order.cancelled makes catalog release the stock
 * and logistics cancel the shipments; a paid order is refunded right away, or by the sweeper if
 * the provider fails now.
 */
export const cancelOrder = async (deps: Deps, viewer: Viewer, orderId: string, reason: string) => {
  await loadVisibleOrder(deps, viewer, orderId);
  const by = viewer.role === 'admin' ? 'admin' : 'buyer';
  const change = await changeOrder(deps, orderId, (o, now) => decideCancel(o, by, reason, deps.settings, now));
  deps.log.info({ orderId, by }, 'order cancelled');
  await settleIfOwed(deps, change!.order);
  return (await deps.orders.load(orderId))!.order;
};
