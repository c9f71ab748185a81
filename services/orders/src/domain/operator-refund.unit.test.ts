import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { orderAggregate } from '../use-cases/aggregates';
import type { DomainEvent, Order } from './order';
import { operatorRefundFailed, recordOperatorRefund, refundable, requestOperatorRefund } from './operator-refund';
import { awaitingOrder, confirmedOrder, later } from './test-fixtures';

const by = 'user-admin-ada';
/** Given an order, when an operator's refund step, then what the handler writes. */
const order = decider<Order, DomainEvent>(orderAggregate);

describe('operator refunds', () => {
  it('when an operator refunds part of a paid order, then it is owed first, and once made payment.refunded carries that amount', () => {
    const confirmed = confirmedOrder();
    const paid = confirmed.payment!.amount.amount;
    const asked = order.given(confirmed).when(requestOperatorRefund, { amountMinor: 300, reason: 'bruised crate', by }, later(100)).then();
    expect(asked.state.operatorRefunds).toMatchObject([{ id: 'op1', status: 'pending', amount: { amount: 300 }, by }]);
    expect(refundable(asked.state).amount).toBe(paid - 300);
    const made = asked
      .when(recordOperatorRefund, { id: 'op1', refundId: 're_1' }, later(101))
      .then({
        state: { state: 'confirmed' },
        events: [
          { type: 'ftt.orders.payment.refunded.v1', data: { orderId: confirmed.orderId, paymentId: 'pi_1', refundId: 're_1', amount: { amount: 300, currency: 'EUR' } } },
        ],
      });
    expect(made.state.operatorRefunds![0]).toMatchObject({ status: 'refunded', refundId: 're_1' });
  });

  it('when no amount is given, then all that is left is refunded, and after that nothing can be', () => {
    const confirmed = confirmedOrder();
    const all = order.given(confirmed).when(requestOperatorRefund, { reason: 'goodwill', by }, later(100)).then();
    expect(all.state.operatorRefunds![0]!.amount).toEqual(confirmed.payment!.amount);
    all
      .when(recordOperatorRefund, { id: 'op1', refundId: 're_1' }, later(101))
      .then()
      .when(requestOperatorRefund, { reason: 'again', by }, later(102))
      .thenRejects('refund.conflict');
  });

  it('when more than is left is asked, another is in progress, or nothing was paid, then it is refused as a conflict', () => {
    const confirmed = confirmedOrder();
    const tooMuch = order
      .given(confirmed)
      .when(requestOperatorRefund, { amountMinor: confirmed.payment!.amount.amount + 1, reason: 'x', by }, later(100));
    tooMuch.thenRejects('refund.conflict');
    expect(tooMuch.outcome).toMatchObject({ issues: [{ field: 'body.amountMinor' }] });
    order
      .given(confirmed)
      .when(requestOperatorRefund, { amountMinor: 1, reason: 'x', by }, later(100))
      .then()
      .when(requestOperatorRefund, { amountMinor: 1, reason: 'y', by }, later(101))
      .thenRejects('refund.conflict');
    order.given(awaitingOrder()).when(requestOperatorRefund, { reason: 'x', by }, later(100)).thenRejects('refund.conflict');
  });

  it('when the provider fails, then the refund is marked failed, does not count, and a second record is ignored', () => {
    const asked = order.given(confirmedOrder()).when(requestOperatorRefund, { amountMinor: 500, reason: 'x', by }, later(100)).then();
    const failed = asked.when(operatorRefundFailed, { id: 'op1', error: 'card declined' }, later(101)).then();
    expect(failed.state.operatorRefunds![0]).toMatchObject({ status: 'failed', error: 'card declined' });
    expect(refundable(failed.state)).toEqual(asked.state.payment!.amount);
    failed.when(recordOperatorRefund, { id: 'op1', refundId: 're_late' }, later(102)).thenIgnores();
    const again = failed.when(requestOperatorRefund, { amountMinor: 1, reason: 'retry', by }, later(103)).then();
    expect(again.state.operatorRefunds!.at(-1)!.id).toBe('op2');
  });
});
