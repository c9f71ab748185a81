import { eventHandler, type EventSteps } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { recordFarmApproval, recordMarket } from '../use-cases/listings';
import { commitOrder, completeOrder, endOrder, reserveOrder } from '../use-cases/reservations';

/**
 * The order saga as catalog sees it, and identity's approvals of farms. Every step is idempotent per order (the reservation document
 * is the record), so redelivered and late events change nothing; other event types are not ours.
 */
const STEPS: EventSteps<Context> = {
  'ftt.orders.order.placed.v1': reserveOrder,
  'ftt.orders.order.confirmed.v1': (d, order, cause) => commitOrder(d, order.orderId, cause),
  'ftt.orders.order.cancelled.v1': (d, order, cause) => endOrder(d, order.orderId, 'cancelled', cause),
  'ftt.orders.order.expired.v1': (d, order, cause) => endOrder(d, order.orderId, 'expired', cause),
  'ftt.orders.order.completed.v1': (d, order) => completeOrder(d, order.orderId),
  // identity's decisions: an approved farm may publish listings
  'ftt.identity.application.decided.v1': recordFarmApproval,
  // orders' markets: the currency each market's listings are priced in
  'ftt.orders.market.published.v1': recordMarket,
};

/** `more`: steps that need stores beyond the use cases' context (identity's suspensions: messaging/suspension-steps.ts). */
export const createEventHandler = (d: Context, more: EventSteps<Context> = {}) => eventHandler(d, { ...STEPS, ...more });
