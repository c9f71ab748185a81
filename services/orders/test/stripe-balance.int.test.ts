import { testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeProvider, stripeClient, toProviderTransaction } from '../src/payments/stripe-provider';
import { StripeRecorder } from './support/stripe-recorder';

/**
 * Issue #33: the Stripe adapter lists a day's balance transactions (the reconciliation's other side) against
 * stripe-mock, which checks every parameter against Stripe's OpenAPI (a 400 for a wrong one) and answers fixtures.
 */
const t = testEnv('orders-stripe-balance');
const recorder = new StripeRecorder(t.stripeApiBase);
let base = '';

beforeAll(async () => {
  base = await recorder.start();
});
afterAll(() => recorder.stop());

describe('the Stripe adapter’s balance transactions', () => {
  it('when a day is listed, then Stripe is asked once per page with the day’s bounds and the parsed transactions come back', async () => {
    const provider = createStripeProvider(stripeClient({ secretKey: 'sk_test_balance', apiBase: base }));
    const from = new Date('2026-12-07T00:00:00Z');
    const got = await provider.balanceTransactions({ from, to: new Date('2026-12-08T00:00:00Z') });
    const calls = recorder.calls.filter((c) => c.path === '/v1/balance_transactions');
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.every((c) => c.method === 'GET' && c.status === 200)).toBe(true);
    expect(got.length).toBeGreaterThanOrEqual(1);
    for (const tx of got) {
      expect(tx.id).toMatch(/^txn_/);
      expect(['payment', 'refund', 'payout', 'other']).toContain(tx.kind);
      expect(tx.amount).toBeGreaterThanOrEqual(0);
      expect(tx.currency).toMatch(/^[A-Z]{3}$/);
      expect(Number.isNaN(Date.parse(tx.at))).toBe(false);
    }
  });

  it('when a transaction is a charge, a refund or a transfer, then it is known by the PaymentIntent, the refund or the transfer our orders record', () => {
    const bt = { id: 'txn_1', amount: 2_495, currency: 'eur', created: 1_796_000_000 };
    expect(toProviderTransaction({ ...bt, type: 'charge', source: { id: 'ch_1', payment_intent: 'pi_1' } })).toEqual({
      id: 'txn_1',
      kind: 'payment',
      ref: 'pi_1',
      amount: 2_495,
      currency: 'EUR',
      at: new Date(1_796_000_000_000).toISOString(),
    });
    expect(toProviderTransaction({ ...bt, amount: -500, type: 'refund', source: { id: 're_1' } })).toMatchObject({ kind: 'refund', ref: 're_1', amount: 500 });
    expect(toProviderTransaction({ ...bt, amount: -1_900, type: 'transfer', source: 'tr_1' })).toMatchObject({ kind: 'payout', ref: 'tr_1', amount: 1_900 });
    expect(toProviderTransaction({ ...bt, amount: -85, type: 'stripe_fee', source: null })).toMatchObject({ kind: 'other', amount: 85 });
  });
});
