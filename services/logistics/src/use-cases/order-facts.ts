import type { Cause } from '@ftt/kit';
import { decideOrderFacts, type OrderFactsCommand } from '../domain/order-facts';
import type { Context } from './context';

/** A change of an order's facts (domain/order-facts.ts) through their command handler. */
export const onFacts = (ctx: Context, orderId: string, cmd: OrderFactsCommand, cause: Cause = {}, likelyNew = false) =>
  // Most orders' facts begin with their confirmation: insert without looking first (one read less per order);
  // when they exist after all (a redelivery, a cancel request first), the insert collides and the handler loads.
  (likelyNew ? ctx.handleOrderFacts.create : ctx.handleOrderFacts)(
    orderId,
    (current, now) => decideOrderFacts(current, { ...cmd, orderId }, now),
    cause,
  );
