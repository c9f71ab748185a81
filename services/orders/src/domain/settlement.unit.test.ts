import { describe, expect, it } from 'vitest';
import { cancelAccepted, cancelOrder, recordDelivery } from './lifecycle';
import { payoutFailed, pendingWork, recordPayout, recordRefund, refundFailed } from './settlement';
import { changed, confirmedOrder, later, settings } from './test-fixtures';

/** A result recorded already (by another instance or an earlier attempt) is ignored. */
const ignored = (outcome: unknown) => expect(outcome).toMatchObject({ kind: 'ignore' });

const cancelledPaid = () => {
  const requested = changed(cancelOrder(confirmedOrder(), 'buyer', 'x', settings, later(99))).order;
  return changed(cancelAccepted(requested, later(100).toISOString(), settings, later(100))).order;
};
const completed = () => {
  const first = changed(recordDelivery(confirmedOrder(), 'farm-anna', later(300).toISOString(), settings, later(300))).order;
  return changed(recordDelivery(first, 'farm-joost', later(400).toISOString(), settings, later(400))).order;
};

describe('refunds', () => {
  it('when the provider refunded, then payment.refunded is emitted once and nothing more is owed', () => {
    const { order, events } = changed(recordRefund(cancelledPaid(), 're_1', settings, later(101)));
    expect(order.refund).toMatchObject({ status: 'refunded', refundId: 're_1' });
    expect(order.followUpAt).toBeNull();
    expect(events).toEqual([
      { type: 'ftt.orders.payment.refunded.v1', data: { orderId: 'order-1', paymentId: 'pi_1', refundId: 're_1', amount: { amount: 2487, currency: 'EUR' } } },
    ]);
    ignored(recordRefund(order, 're_1', settings, later(102)));
  });

  it('when the refund failed, then it stays owed and is retried later, backing off', () => {
    const once = changed(refundFailed(cancelledPaid(), 'provider down', settings, later(101))).order;
    expect(once.refund).toMatchObject({ status: 'pending', attempts: 1, lastError: 'provider down' });
    expect(once.followUpAt).toBe(later(101 + 60).toISOString());
    const twice = changed(refundFailed(once, 'provider down', settings, later(200))).order;
    expect(twice.followUpAt).toBe(later(200 + 120).toISOString());
    expect(pendingWork(twice).refund).toBe(true);
  });
});

describe('payouts', () => {
  it('when each farm is paid, then payout.made is emitted once per farm and the follow-up ends with the last', () => {
    const order = completed();
    expect(pendingWork(order).payoutFarmIds).toEqual(['farm-anna', 'farm-joost']);
    const anna = changed(recordPayout(order, 'farm-anna', { transferId: 'tr_a', destination: 'acct_anna' }, settings, later(401)));
    expect(anna.events).toEqual([
      {
        type: 'ftt.orders.payout.made.v1',
        data: {
          orderId: 'order-1',
          farmId: 'farm-anna',
          transferId: 'tr_a',
          destination: 'acct_anna',
          gross: { amount: 900, currency: 'EUR' },
          platformFee: { amount: 45, currency: 'EUR' },
          amount: { amount: 855, currency: 'EUR' },
        },
      },
    ]);
    expect(anna.order.followUpAt).not.toBeNull();
    ignored(recordPayout(anna.order, 'farm-anna', { transferId: 'tr_a', destination: 'acct_anna' }, settings, later(402)));
    const both = changed(recordPayout(anna.order, 'farm-joost', { transferId: 'tr_j', destination: 'acct_joost' }, settings, later(402))).order;
    expect(pendingWork(both).payoutFarmIds).toEqual([]);
    expect(both.followUpAt).toBeNull();
  });

  it('when a transfer failed, then that payout stays owed with the error', () => {
    const { order } = changed(payoutFailed(completed(), 'farm-joost', 'no payout account', settings, later(401)));
    expect(order.farms[1]!.payout).toMatchObject({ status: 'pending', attempts: 1, lastError: 'no payout account' });
    expect(order.followUpAt).toBe(later(461).toISOString());
  });
});
