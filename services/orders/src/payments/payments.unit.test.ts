import { describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../use-cases/ports';
import { createSimulatedProvider } from './simulated-provider';
import { stripeHostOptions } from './stripe-provider';

describe('payment providers', () => {
  it('when STRIPE_API_BASE points at stripe-mock, then it becomes host, port and protocol', () => {
    expect(stripeHostOptions('http://127.0.0.1:12111')).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http' });
    expect(stripeHostOptions('https://stripe.internal')).toEqual({ host: 'stripe.internal', port: 443, protocol: 'https' });
    expect(stripeHostOptions(undefined)).toEqual({});
  });

  it('when keys are derived from an order, then the same order always gets the same key', () => {
    expect(idempotencyKeys.payment('o-1')).toBe('pi-o-1');
    expect(idempotencyKeys.refund('o-1')).toBe('re-o-1');
    expect(idempotencyKeys.transfer('o-1', 'farm-a')).toBe('tr-o-1-farm-a');
  });

  it('when the simulated provider is asked twice with one key, then it answers the same, as Stripe would', async () => {
    const p = createSimulatedProvider();
    expect(p.name).toBe('simulated');
    const amount = { amount: 100, currency: 'EUR' };
    const a = await p.createPayment({ orderId: 'o-1', amount, method: 'alipay', idempotencyKey: 'pi-o-1' });
    expect(await p.createPayment({ orderId: 'o-1', amount, method: 'alipay', idempotencyKey: 'pi-o-1' })).toEqual(a);
    const t = { orderId: 'o-1', farmId: 'f', amount, destination: 'acct', idempotencyKey: 'tr-o-1-f' };
    expect(await p.transfer(t)).toEqual(await p.transfer(t));
  });
});
