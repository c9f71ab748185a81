import { describe, expect, it } from 'vitest';
import { operatorRefundFailed, recordOperatorRefund, refundable, requestOperatorRefund } from './operator-refund';
import { awaitingOrder, changed, confirmedOrder, later } from './test-fixtures';

const by = 'user-admin-ada';

describe('operator refunds', () => {
  it('when an operator refunds part of a paid order, then it is owed first, and once made payment.refunded carries that amount', () => {
    const order = confirmedOrder();
    const paid = order.payment!.amount.amount;
    const asked = changed(requestOperatorRefund(order, { amountMinor: 300, reason: 'bruised crate', by }, later(100))).order;
    expect(asked.operatorRefunds).toMatchObject([{ id: 'op1', status: 'pending', amount: { amount: 300 }, by }]);
    expect(refundable(asked).amount).toBe(paid - 300);
    const made = changed(recordOperatorRefund(asked, 'op1', 're_1', later(101)));
    expect(made.order.operatorRefunds![0]).toMatchObject({ status: 'refunded', refundId: 're_1' });
    expect(made.events).toEqual([
      { type: 'ftt.orders.payment.refunded.v1', data: { orderId: order.orderId, paymentId: 'pi_1', refundId: 're_1', amount: { amount: 300, currency: 'EUR' } } },
    ]);
    expect(made.order.state).toBe('confirmed');
  });

  it('when no amount is given, then all that is left is refunded, and after that nothing can be', () => {
    const order = confirmedOrder();
    const all = changed(requestOperatorRefund(order, { reason: 'goodwill', by }, later(100))).order;
    expect(all.operatorRefunds![0]!.amount).toEqual(order.payment!.amount);
    const done = changed(recordOperatorRefund(all, 'op1', 're_1', later(101))).order;
    expect(requestOperatorRefund(done, { reason: 'again', by }, later(102))).toMatchObject({ kind: 'reject', code: 'refund.conflict' });
  });

  it('when more than is left is asked, another is in progress, or nothing was paid, then it is refused as a conflict', () => {
    const order = confirmedOrder();
    const tooMuch = requestOperatorRefund(order, { amountMinor: order.payment!.amount.amount + 1, reason: 'x', by }, later(100));
    expect(tooMuch).toMatchObject({ kind: 'reject', code: 'refund.conflict', issues: [{ field: 'body.amountMinor' }] });
    const pending = changed(requestOperatorRefund(order, { amountMinor: 1, reason: 'x', by }, later(100))).order;
    expect(requestOperatorRefund(pending, { amountMinor: 1, reason: 'y', by }, later(101))).toMatchObject({ kind: 'reject', code: 'refund.conflict' });
    expect(requestOperatorRefund(awaitingOrder(), { reason: 'x', by }, later(100))).toMatchObject({ kind: 'reject', code: 'refund.conflict' });
  });

  it('when the provider fails, then the refund is marked failed, does not count, and a second record is ignored', () => {
    const asked = changed(requestOperatorRefund(confirmedOrder(), { amountMinor: 500, reason: 'x', by }, later(100))).order;
    const failed = changed(operatorRefundFailed(asked, 'op1', 'card declined', later(101))).order;
    expect(failed.operatorRefunds![0]).toMatchObject({ status: 'failed', error: 'card declined' });
    expect(refundable(failed)).toEqual(asked.payment!.amount);
    expect(recordOperatorRefund(failed, 'op1', 're_late', later(102)).kind).toBe('ignore');
    expect(changed(requestOperatorRefund(failed, { amountMinor: 1, reason: 'retry', by }, later(103))).order.operatorRefunds!.at(-1)!.id).toBe('op2');
  });
});
