import type { TypedEnvelope } from '@ftt/contracts';
import { eventCause } from '@ftt/kit';
import type { Deps } from '../use-cases/context';
import { commitOrder, completeOrder, endOrder, reserveOrder } from '../use-cases/reservations';

/**
 * The order saga as catalog sees it. Every branch is idempotent per order (the reservation document
 * is the record), so redelivered and late events change nothing; other event types are not ours.
 */
export const createEventHandler =
  (d: Deps) =>
  async (event: TypedEnvelope): Promise<void> => {
    const cause = eventCause(event);
    switch (event.type) {
      case 'ftt.orders.order.placed.v1':
        return reserveOrder(d, event.data, cause);
      case 'ftt.orders.order.confirmed.v1':
        return commitOrder(d, event.data.orderId, cause);
      case 'ftt.orders.order.cancelled.v1':
        return endOrder(d, event.data.orderId, 'cancelled', cause);
      case 'ftt.orders.order.expired.v1':
        return endOrder(d, event.data.orderId, 'expired', cause);
      case 'ftt.orders.order.completed.v1':
        return completeOrder(d, event.data.orderId);
      default:
        return;
    }
  };
