import type { Money } from '@ftt/contracts';
import { change, ignore, reject } from '@ftt/kit/domain';
import { ledger, refundable } from './ledger';
import { event, note, type OperatorRefund, type Order, type OrderOutcome } from './order';

const fmt = (m: Money) => `${(m.amount / 100).toFixed(2)} ${m.currency}`;

/** What can still go back to the buyer lives with the rest of the order's money (ledger.ts). */
export { refundable };

/**
 * An operator refunds part or all of what is left (default: all). Recorded as owed first, so the provider
 * call that follows carries a key derived from it; one at a time per order. Before the order ends it may take any of
 * what was paid (an order that then ends counts it: see allotEnd); after the end only what the platform holds.
 */
export const requestOperatorRefund = (
  order: Order,
  input: { amountMinor?: number | undefined; reason: string; by: string },
  now: Date,
): OrderOutcome => {
  if (order.payment?.status !== 'succeeded') {
    return reject('refund.conflict', `nothing was paid for this order (it is ${order.state}), so nothing can be refunded`);
  }
  if ((order.operatorRefunds ?? []).some((r) => r.status === 'pending') || order.refund?.status === 'pending') {
    return reject('refund.conflict', 'another refund of this order is in progress; try again when it is done');
  }
  const left = refundable(order);
  if (left.amount === 0) {
    const l = ledger(order);
    return reject(
      'refund.conflict',
      l.refunded >= l.paid ? 'this order was already refunded in full' : 'nothing of this order can still be refunded: the rest was paid to its farmers',
    );
  }
  const amount = input.amountMinor ?? left.amount;
  if (amount > left.amount) {
    return reject('refund.conflict', `only ${fmt(left)} of this order can still be refunded`, [
      { field: 'body.amountMinor', message: `at most ${left.amount}` },
    ]);
  }
  const refund: OperatorRefund = {
    id: `op${(order.operatorRefunds ?? []).length + 1}`,
    status: 'pending',
    amount: { amount, currency: order.currency },
    reason: input.reason,
    by: input.by,
    requestedAt: now.toISOString(),
  };
  const noted = note(order, { kind: 'operator_refund_requested', amount: refund.amount, by: input.by, reason: input.reason }, now);
  return change({ ...noted, operatorRefunds: [...(order.operatorRefunds ?? []), refund] });
};

const settleOne = (order: Order, id: string, what: string, f: (r: OperatorRefund) => OperatorRefund): Order | string => {
  const r = order.operatorRefunds?.find((x) => x.id === id);
  if (r?.status !== 'pending') return `${what}: operator refund ${id} is not pending`;
  return { ...order, operatorRefunds: order.operatorRefunds!.map((x) => (x.id === id ? f(x) : x)) };
};

/** The provider refunded: recorded once, with payment.refunded. */
export const recordOperatorRefund = (order: Order, { id, refundId }: { id: string; refundId: string }, now: Date): OrderOutcome => {
  const at = now.toISOString();
  const next = settleOne(order, id, 'recording a refund', (r) => ({ ...r, status: 'refunded', refundId, refundedAt: at }));
  if (typeof next === 'string') return ignore(next);
  const r = next.operatorRefunds!.find((x) => x.id === id)!;
  return change(note(next, { kind: 'operator_refund_made', amount: r.amount, refundId }, now), [
    event('ftt.orders.payment.refunded.v1', { orderId: order.orderId, paymentId: order.payment!.paymentId, refundId, amount: r.amount }),
  ]);
};

/** The provider refused or was unreachable: the refund is marked failed (it does not count) and may be asked again. */
export const operatorRefundFailed = (order: Order, { id, error }: { id: string; error: string }, now: Date): OrderOutcome => {
  const next = settleOne(order, id, 'recording a failed refund', (r) => ({ ...r, status: 'failed', error }));
  if (typeof next === 'string') return ignore(next);
  return change(note(next, { kind: 'operator_refund_failed', id, error }, now));
};
