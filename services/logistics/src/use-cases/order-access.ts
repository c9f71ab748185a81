import { DomainError, isOperator, type Principal } from '@ftt/kit';
import type { Context } from './context';

/**
 * An order as logistics knows it (the facts it consumed, its shipments and their lots), for its buyer and operators
 * only: what the order's trace, its temperatures and its drop photos read first.
 */
export const loadOrder = async (ctx: Context, caller: Principal, orderId: string) => {
  const [facts, shipments] = await Promise.all([ctx.orders.get(orderId), ctx.shipments.byOrder(orderId)]);
  const buyerId = facts?.buyerId ?? shipments[0]?.buyerId;
  if (!buyerId) throw new DomainError('order.not_found', `no order ${orderId}`);
  if (!isOperator(caller) && buyerId !== caller.userId) {
    throw new DomainError('order.forbidden', 'only the buyer of this order (or an operator) may trace it');
  }
  const lotCodes = [...new Set(shipments.flatMap((s) => s.lotCodes))];
  return { facts, shipments, lotCodes, lots: await ctx.lots.many(lotCodes) };
};
