import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentIntent, startHarness, type Harness } from './support/harness';
import { eventsSettled, orderAwaitingPayment, placeTwoFarmOrder } from './support/saga-steps';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { PAYMENT_TIMEOUT_SECONDS: '2' } });
});
afterAll(async () => {
  await h?.stop();
});

describe('expiry (PAYMENT_TIMEOUT_SECONDS=2)', () => {
  it('when an order is not paid in time, then the sweeper expires it and order.expired asks catalog to release the stock', async () => {
    const o = await orderAwaitingPayment(h);
    const stored = await h.storedOrder(o.orderId);
    expect(Date.parse(stored!.expiresAt) - Date.parse(stored!.timeline[1].at)).toBe(2000);
    await h.waitForState(o.orderId, 'expired', 10_000);
    const [expired] = await eventsSettled(h, o.orderId, 'ftt.orders.order.expired.v1', 1);
    expect(expired!.data.orderId).toBe(o.orderId);
    const after = await h.storedOrder(o.orderId);
    expect(after!.timeline.at(-1)).toMatchObject({ state: 'expired', cause: 'not paid in time' });
    expect(after!.expiresAt).toBeNull();
    const late = await h.call('POST', `/orders/${o.orderId}/payment`, { token: h.users.ben });
    expect(late.status).toBe(409);
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
    expect(h.recorder.of('POST', '/v1/refunds').filter((c) => c.idempotencyKey === `re-${o.orderId}`)).toHaveLength(1);
    expect((await h.storedOrder(o.orderId))!.state).toBe('expired');
  });
});
