import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { startHarness } from './support/harness';
import { PAYMENT_WAIT_MS } from '../src/use-cases/payment-results';
import { eventsSettled, orderAwaitingPayment, placeTwoFarmOrder } from './support/saga-steps';

const h = startedForFile(() => startHarness({ stripe: false }));

describe('the simulated provider (no STRIPE_SECRET_KEY)', () => {
  it('when the buyer pays, then the order is confirmed through the same use case as a webhook, and it says "simulated"', async () => {
    const o = await orderAwaitingPayment(h);
    expect(await h.storedOrder(o.orderId)).toMatchObject({ payment: { provider: 'simulated', paymentId: `sim_pi-${o.orderId}` } });
    const details = await h.call('POST', `/orders/${o.orderId}/payment`, { token: h.users.ben });
    expect(details.body).toMatchObject({ provider: 'simulated', clientSecret: expect.stringContaining('simulated') });

    const paid = await h.call('POST', `/orders/${o.orderId}/pay`, { token: h.users.ben });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ state: 'confirmed', payment: { provider: 'simulated', status: 'succeeded' } });
    const again = await h.call('POST', `/orders/${o.orderId}/pay`, { token: h.users.ben });
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('confirmed');

    const [succeeded] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.succeeded.v1', 1);
    expect(succeeded!.data).toMatchObject({ provider: 'simulated', paymentId: `sim_pi-${o.orderId}` });
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.order.confirmed.v1', 1, 0)).toHaveLength(1);
    expect((await h.storedOrder(o.orderId))!.processedEventIds).toContain(`simulated:sim_pi-${o.orderId}:succeeded`);
    expect(h.recorder.calls).toHaveLength(0);
  });

  it('when the buyer pays while the stock is still being reserved, then the request waits for the payment and confirms', async () => {
    const o = await placeTwoFarmOrder(h);
    const paying = h.call('POST', `/orders/${o.orderId}/pay`, { token: h.users.ben });
    await new Promise((r) => setTimeout(r, 300));
    await h.probe.send('ftt.catalog.stock.reserved.v1', {
      orderId: o.orderId,
      lines: o.lines,
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    });
    const paid = await paying;
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ state: 'confirmed', payment: { provider: 'simulated', status: 'succeeded' } });
  });

  it('when the stock is not answered within the wait, then 409 and nothing is charged', async () => {
    const o = await placeTwoFarmOrder(h);
    const started = Date.now();
    const res = await h.call('POST', `/orders/${o.orderId}/pay`, { token: h.users.ben });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/no payment yet/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(PAYMENT_WAIT_MS - 50);
    expect((await h.storedOrder(o.orderId))!.state).toBe('pending');
  });

  it('when a simulated payment is declined, then payment.failed and the order keeps waiting', async () => {
    const o = await orderAwaitingPayment(h);
    const res = await h.call('POST', `/orders/${o.orderId}/pay`, { token: h.users.ben, body: { outcome: 'failed' } });
    expect(res.body).toMatchObject({ state: 'awaiting_payment', payment: { failures: 1 } });
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.payment.failed.v1', 1, 0)).toHaveLength(1);
  });

  it('when a Stripe webhook arrives without Stripe configured, then 503 and nothing changes', async () => {
    const res = await h.call('POST', '/webhooks/stripe', { raw: '{}', headers: { 'stripe-signature': 't=1,v1=x' } });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('webhook.unavailable');
  });

  it('when a simulated order is cancelled after paying, then the simulated refund is announced', async () => {
    const o = await orderAwaitingPayment(h);
    await h.call('POST', `/orders/${o.orderId}/pay`, { token: h.users.ben });
    const res = await h.call('POST', `/orders/${o.orderId}/cancel`, { token: h.users.ben });
    expect(res).toMatchObject({ status: 202, body: { state: 'confirmed', cancelRequest: { status: 'requested' } } });
    await h.probe.send('ftt.logistics.order_cancel.accepted.v1', { orderId: o.orderId, at: new Date().toISOString(), cancelledShipmentIds: [] });
    await eventually(async () => (await h.storedOrder(o.orderId))!.refund?.status === 'refunded');
    expect(await h.storedOrder(o.orderId)).toMatchObject({ state: 'cancelled', refund: { status: 'refunded', refundId: `sim_re-${o.orderId}` } });
    const [refunded] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1);
    expect(refunded!.data.refundId).toBe(`sim_re-${o.orderId}`);
  });

  it('when a buyer pays a cancelled order, then 409 and nothing is charged or recorded', async () => {
    const o = await orderAwaitingPayment(h);
    expect((await h.call('POST', `/orders/${o.orderId}/cancel`, { token: h.users.ben })).status).toBe(200);
    const res = await h.call('POST', `/orders/${o.orderId}/pay`, { token: h.users.ben });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'order.invalid_transition', detail: expect.stringContaining('cancelled') });
    const stored = await h.storedOrder(o.orderId);
    expect(stored).toMatchObject({ state: 'cancelled', payment: { status: 'requires_payment' } });
    expect(stored!.refund ?? undefined).toBeUndefined();
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.payment.succeeded.v1', 0, 300)).toHaveLength(0);
  });
});
