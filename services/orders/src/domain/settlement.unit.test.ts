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
    .when(cancelOrder, { by: 'buyer', reason: 'x', settings }, later(99))
    .then()
    .when(cancelAccepted, { at: later(100).toISOString(), settings }, later(100))
    .then().state;
const completed = () =>
  order
    .given(confirmedOrder())
    .when(recordDelivery, { farmId: 'farm-anna', at: later(300).toISOString(), settings }, later(300))
    .then()
    .when(recordDelivery, { farmId: 'farm-joost', at: later(400).toISOString(), settings }, later(400))
    .then().state;

describe('refunds', () => {
  it('when the provider refunded, then payment.refunded is emitted once and nothing more is owed', () => {
    const refunded = order
      .given(cancelledPaid())
      .when(recordRefund, { refundId: 're_1', settings }, later(101))
      .then({
        state: { refund: { status: 'refunded', refundId: 're_1' } as Order['refund'], followUpAt: null as never },
        events: [
          { type: 'ftt.orders.payment.refunded.v1', data: { orderId: 'order-1', paymentId: 'pi_1', refundId: 're_1', amount: { amount: 2487, currency: 'EUR' } } },
        ],
      });
    refunded.when(recordRefund, { refundId: 're_1', settings }, later(102)).thenIgnores();
  });

  it('when the refund failed, then it stays owed and is retried later, backing off', () => {
    const { state: twice } = order
      .given(cancelledPaid())
      .when(refundFailed, { error: 'provider down', settings }, later(101))
      .then({ state: { refund: { status: 'pending', attempts: 1, lastError: 'provider down' } as Order['refund'], followUpAt: later(101 + 60).toISOString() } })
      .when(refundFailed, { error: 'provider down', settings }, later(200))
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
      .when(recordPayout, { farmId: 'farm-anna', transferId: 'tr_a', destination: 'acct_anna', settings }, later(401))
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
    anna.when(recordPayout, { farmId: 'farm-anna', transferId: 'tr_a', destination: 'acct_anna', settings }, later(402)).thenIgnores();
    const { state: both } = anna
      .when(recordPayout, { farmId: 'farm-joost', transferId: 'tr_j', destination: 'acct_joost', settings }, later(402))
      .then({ state: { followUpAt: null as never } });
    expect(pendingWork(both).payoutFarmIds).toEqual([]);
  });

  it('when a transfer failed, then that payout stays owed with the error', () => {
    const { state } = order
      .given(completed())
      .when(payoutFailed, { farmId: 'farm-joost', error: 'no payout account', settings }, later(401))
      .then({ state: { followUpAt: later(461).toISOString() } });
    expect(state.farms[1]!.payout).toMatchObject({ status: 'pending', attempts: 1, lastError: 'no payout account' });
  });
});
