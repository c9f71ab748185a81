import type { Money } from '@ftt/contracts';
import type { Order } from './order';

export interface RefundSummary {
  paid: Money;
  /** Back with the buyer (the provider confirmed). */
  refunded: Money;
  /** Asked of the provider, not confirmed yet. */
  refunding: Money;
  /** What the buyer paid once every refund, made or on its way, is back. */
  paidInTheEnd: Money;
}

/**
 * The buyer's money after refunds, the saga's own and the operators' (a failed refund gave nothing back). Only for a
 * paid order with something refunded: otherwise what the buyer paid is the order's total.
 */
export const refundSummary = (order: Order): RefundSummary | undefined => {
  if (order.payment?.status !== 'succeeded') return undefined;
  const all = [
    ...(order.refund ? [{ done: order.refund.status === 'refunded', amount: order.refund.amount.amount }] : []),
    ...(order.operatorRefunds ?? [])
      .filter((r) => r.status !== 'failed')
      .map((r) => ({ done: r.status === 'refunded', amount: r.amount.amount })),
  ];
  if (all.length === 0) return undefined;
  const sum = (done: boolean) => all.filter((r) => r.done === done).reduce((n, r) => n + r.amount, 0);
  const m = (amount: number): Money => ({ amount, currency: order.currency });
  const paid = order.payment.amount.amount;
  const refunded = sum(true);
  const refunding = sum(false);
  return { paid: m(paid), refunded: m(refunded), refunding: m(refunding), paidInTheEnd: m(Math.max(0, paid - refunded - refunding)) };
};
