import { describe, expect, it } from 'vitest';
import { moneyDayKeys, monthPeriod, periodRange, utcDaysOf } from './money-days';
import { reconcile, type MoneyRecord, type ProviderTransaction } from './reconciliation';

const ours: MoneyRecord[] = [
  { kind: 'payment', ref: 'pi_1', orderId: 'o1', amount: 2_495, currency: 'EUR', at: '2026-12-07T10:00:00.000Z' },
  { kind: 'refund', ref: 're_1', orderId: 'o1', amount: 500, currency: 'EUR', at: '2026-12-07T11:00:00.000Z' },
  { kind: 'payout', ref: 'tr_1', orderId: 'o2', farmId: 'f', amount: 1_900, currency: 'EUR', at: '2026-12-07T12:00:00.000Z', platformFee: 100 },
  // settled without a transfer (nothing left to pay): not looked for at the provider
  { kind: 'payout', ref: '', orderId: 'o3', farmId: 'f', amount: 0, currency: 'EUR', at: '2026-12-07T12:00:00.000Z', platformFee: 0 },
];
const tx = (id: string, kind: ProviderTransaction['kind'], ref: string, amount: number): ProviderTransaction => ({
  id,
  kind,
  ref,
  amount,
  currency: 'EUR',
  at: '2026-12-07T12:00:00.000Z',
});
const theirs = [tx('txn_1', 'payment', 'pi_1', 2_495), tx('txn_2', 'refund', 're_1', 500), tx('txn_3', 'payout', 'tr_1', 1_900), tx('txn_4', 'other', 'fee', 85)];

describe('reconciliation of a day', () => {
  it('when every record has its transaction with the same amount, then nothing is listed and the totals agree', () => {
    const r = reconcile(ours, theirs);
    expect(r.mismatches).toEqual([]);
    expect(r.matched).toBe(3);
    expect(r.totals).toEqual([
      { currency: 'EUR', payments: 2_495, refunds: 500, payouts: 1_900, platformFees: 100, provider: { payments: 2_495, refunds: 500, payouts: 1_900, other: 85 } },
    ]);
  });

  it('when the provider has a refund we do not, one amount is a cent off and one of ours is missing there, then each is listed', () => {
    const r = reconcile(ours, [tx('txn_1', 'payment', 'pi_1', 2_494), tx('txn_3', 'payout', 'tr_1', 1_900), tx('txn_9', 'refund', 're_x', 700)]);
    expect(r.mismatches).toEqual([
      { problem: 'amount_differs', kind: 'payment', ref: 'pi_1', orderId: 'o1', transactionId: 'txn_1', ours: 2_495, theirs: 2_494, currency: 'EUR' },
      { problem: 'missing_at_provider', kind: 'refund', ref: 're_1', orderId: 'o1', ours: 500, currency: 'EUR' },
      { problem: 'missing_in_records', kind: 'refund', ref: 're_x', transactionId: 'txn_9', theirs: 700, currency: 'EUR' },
    ]);
    expect(r.matched).toBe(1);
  });

  it('when a local day or month is read, then the UTC days that overlap it are its keys, and an order keys the days it moved money', () => {
    const day = periodRange({ from: '2026-12-07', to: '2026-12-07' }, 'Europe/Amsterdam');
    expect(day.start.toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(utcDaysOf(day.start, day.end)).toEqual(['2026-12-06', '2026-12-07']);
    // bounded even past the year 9999, where ISO dates gain a sign and no longer compare as text
    expect(utcDaysOf(new Date('9999-12-30T00:00:00Z'), new Date(Date.UTC(10_000, 0, 3))).length).toBeLessThanOrEqual(368);
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    const money = { amount: 100, currency: 'EUR' };
    expect(
      moneyDayKeys({
        payment: { provider: 'x', paymentId: 'pi', clientSecret: 's', amount: money, status: 'succeeded', failures: 0, succeededAt: '2026-12-06T23:30:00.000Z' },
        refund: undefined,
        operatorRefunds: [{ id: 'op1', status: 'refunded', amount: money, reason: 'r', by: 'ada', requestedAt: '2026-12-08T09:00:00.000Z', refundedAt: '2026-12-08T09:00:01.000Z' }],
        farms: [{ farmId: 'f', payout: { status: 'paid', gross: money, platformFee: money, amount: money, attempts: 1, paidAt: '2026-12-09T10:00:00.000Z' } }] as never,
      }),
    ).toEqual(['d:2026-12-06', 'd:2026-12-08', 'd:2026-12-09', 'f:f:2026-12-06', 'f:f:2026-12-09']);
  });
});
