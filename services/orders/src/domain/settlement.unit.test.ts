import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { orderAggregate } from '../use-cases/aggregates';
import { cancelAccepted, cancelOrder, recordDelivery } from './lifecycle';
import type { DomainEvent, Order } from './order';
import { payoutFailed, pendingWork, recordPayout, recordRefund, refundFailed } from './settlement';
import { confirmedOrder, later, settings } from './test-fixtures';

/** Given an order, when a decider, then what the handler writes. A result recorded already is ignored. */
const order = decider<Order, DomainEvent>(orderAggregate);

const cancelledPaid = () =>
  order
    .given(confirmedOrder())
    .when((o, now) => cancelOrder(o, 'buyer', 'x', settings, now), later(99))
    .then()
    .when((o, now) => cancelAccepted(o, later(100).toISOString(), settings, now), later(100))
    .then().state;
const completed = () =>
  order
    .given(confirmedOrder())
    .when((o, now) => recordDelivery(o, 'farm-anna', later(300).toISOString(), settings, now), later(300))
    .then()
    .when((o, now) => recordDelivery(o, 'farm-joost', later(400).toISOString(), settings, now), later(400))
    .then().state;

describe('refunds', () => {
  it('when the provider refunded, then payment.refunded is emitted once and nothing more is owed', () => {
    const refunded = order
      .given(cancelledPaid())
      .when((o, now) => recordRefund(o, 're_1', settings, now), later(101))
      .then({
        state: { refund: { status: 'refunded', refundId: 're_1' } as Order['refund'], followUpAt: null as never },
        events: [
          { type: 'ftt.orders.payment.refunded.v1', data: { orderId: 'order-1', paymentId: 'pi_1', refundId: 're_1', amount: { amount: 2487, currency: 'EUR' } } },
        ],
      });
    refunded.when((o, now) => recordRefund(o, 're_1', settings, now), later(102)).thenIgnores();
  });

  it('when the refund failed, then it stays owed and is retried later, backing off', () => {
    const { state: twice } = order
      .given(cancelledPaid())
      .when((o, now) => refundFailed(o, 'provider down', settings, now), later(101))
      .then({ state: { refund: { status: 'pending', attempts: 1, lastError: 'provider down' } as Order['refund'], followUpAt: later(101 + 60).toISOString() } })
      .when((o, now) => refundFailed(o, 'provider down', settings, now), later(200))
      .then({ state: { followUpAt: later(200 + 120).toISOString() } });
    expect(pendingWork(twice).refund).toBe(true);
  });
});

describe('payouts', () => {
  it('when each farm is paid, then payout.made is emitted once per farm and the follow-up ends with the last', () => {
    const done = completed();
    expect(pendingWork(done).payoutFarmIds).toEqual(['farm-anna', 'farm-joost']);
    const anna = order
      .given(done)
      .when((o, now) => recordPayout(o, 'farm-anna', { transferId: 'tr_a', destination: 'acct_anna' }, settings, now), later(401))
      .then({
        events: [
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
        ],
      });
    expect(anna.state.followUpAt).not.toBeNull();
    anna.when((o, now) => recordPayout(o, 'farm-anna', { transferId: 'tr_a', destination: 'acct_anna' }, settings, now), later(402)).thenIgnores();
    const { state: both } = anna
      .when((o, now) => recordPayout(o, 'farm-joost', { transferId: 'tr_j', destination: 'acct_joost' }, settings, now), later(402))
      .then({ state: { followUpAt: null as never } });
    expect(pendingWork(both).payoutFarmIds).toEqual([]);
  });

  it('when a transfer failed, then that payout stays owed with the error', () => {
    const { state } = order
      .given(completed())
      .when((o, now) => payoutFailed(o, 'farm-joost', 'no payout account', settings, now), later(401))
      .then({ state: { followUpAt: later(461).toISOString() } });
    expect(state.farms[1]!.payout).toMatchObject({ status: 'pending', attempts: 1, lastError: 'no payout account' });
  });
});
