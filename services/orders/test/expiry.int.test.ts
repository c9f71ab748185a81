import type { RunningService } from '@ftt/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrders } from '../src/service';
import { paymentIntent, startHarness, type Harness } from './support/harness';
import { eventsSettled, orderAwaitingPayment, placeTwoFarmOrder } from './support/saga-steps';

let h: Harness;
let second: RunningService | undefined;
beforeAll(async () => {
  h = await startHarness({ env: { PAYMENT_TIMEOUT_SECONDS: '3' } });
});
afterAll(async () => {
  await second?.stop();
  await h?.stop();
});

describe('expiry (PAYMENT_TIMEOUT_SECONDS=3)', () => {
  it('when an order is not paid in time, then the sweeper expires it and order.expired asks catalog to release the stock', async () => {
    const o = await orderAwaitingPayment(h);
    const stored = await h.storedOrder(o.orderId);
    expect(Date.parse(stored!.expiresAt) - Date.parse(stored!.timeline[1].at)).toBe(3000);
    await h.waitForState(o.orderId, 'expired', 10_000);
    const [expired] = await eventsSettled(h, o.orderId, 'ftt.orders.order.expired.v1', 1);
    expect(expired!.data.orderId).toBe(o.orderId);
    const after = await h.storedOrder(o.orderId);
    expect(after!.timeline.at(-1)).toMatchObject({ state: 'expired', cause: 'not paid in time' });
    expect(after!.expiresAt).toBeNull();
    const late = await h.call('POST', `/orders/${o.orderId}/payment`, { token: h.users.ben });
    expect(late.status).toBe(409);
  });

  it('when two instances sweep the same due orders, then each order expires exactly once', async () => {
    // A second instance on the same database and topics: both sweepers race for every due order.
    second = await startOrders(h.env);
    const orders = await Promise.all([placeTwoFarmOrder(h), placeTwoFarmOrder(h), placeTwoFarmOrder(h)]);
    for (const o of orders) await h.waitForState(o.orderId, 'expired', 10_000);
    for (const o of orders) {
      expect(await eventsSettled(h, o.orderId, 'ftt.orders.order.expired.v1', 1, 300)).toHaveLength(1);
      const stored = await h.storedOrder(o.orderId);
      expect(stored!.timeline.filter((e: { state: string }) => e.state === 'expired')).toHaveLength(1);
    }
    await second.stop();
    second = undefined;
  });

  it('when catalog never answers, then the pending order expires as well', async () => {
    const o = await placeTwoFarmOrder(h);
    await h.waitForState(o.orderId, 'expired', 10_000);
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.order.expired.v1', 1)).toHaveLength(1);
  });

  it('when the money arrives after expiry, then it is refunded', async () => {
    const o = await orderAwaitingPayment(h);
    await h.waitForState(o.orderId, 'expired', 10_000);
    await h.webhook('payment_intent.succeeded', paymentIntent(o.paymentId, o.orderId, o.total));
    const [refunded] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1);
    expect(refunded!.data).toMatchObject({ orderId: o.orderId, paymentId: o.paymentId, amount: { amount: o.total } });
    // Two instances may both ask (the sweeper races the request path); one key means one refund at Stripe, announced once.
    const calls = h.recorder.of('POST', '/v1/refunds').filter((c) => new URLSearchParams(c.body).get('payment_intent') === o.paymentId);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(new Set(calls.map((c) => c.idempotencyKey))).toEqual(new Set([`re-${o.orderId}`]));
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1, 1000)).toHaveLength(1);
    expect((await h.storedOrder(o.orderId))!.state).toBe('expired');
  });
});
