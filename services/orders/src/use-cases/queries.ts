import { assertOwner, DomainError, isDomainErrorWith, type Loaded, type PageRequest, type Principal } from '@ftt/kit';
import type { Order } from '../domain/order';
import type { Deps } from './context';

/**
 * The order as stored (state and version), for its buyer or an admin; anyone else learns nothing, not even that the
 * order exists (404, not 403).
 */
export const loadVisible = async (deps: Deps, viewer: Principal, orderId: string): Promise<Loaded<Order>> => {
  const notFound = () => new DomainError('order.not_found', `no order ${orderId}`);
  const loaded = await deps.orders.load(orderId);
  if (!loaded) throw notFound();
  try {
    assertOwner(viewer, loaded.state.buyerId, 'order');
  } catch (err) {
    throw isDomainErrorWith(err, 'forbidden') ? notFound() : err;
  }
  return loaded;
};

export const loadVisibleOrder = async (deps: Deps, viewer: Principal, orderId: string): Promise<Order> =>
  (await loadVisible(deps, viewer, orderId)).state;

export const getOrder = (deps: Deps, viewer: Principal, orderId: string) => loadVisibleOrder(deps, viewer, orderId);

/** The buyer's orders, newest first, one page at a time. */
export const listMyOrders = (deps: Deps, viewer: Principal, page: PageRequest) => deps.orders.pageByBuyer(viewer.userId, page);
