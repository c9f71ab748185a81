import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { paymentIntent, startHarness } from './support/harness';
import { confirmedOrder, eventsSettled, orderAwaitingPayment, placeTwoFarmOrder } from './support/saga-steps';

// Long enough that the sweeper's retry never overlaps the request's own attempt (and its client retries).
const h = startedForFile(() => startHarness({ env: { FOLLOW_UP_DELAY_SECONDS: '3' } }));

const cancel = (orderId: string, who = h.users.ben) => h.call('POST', `/orders/${orderId}/cancel`, { token: who, body: { reason: 'plans changed' } });

/** Cancels a confirmed order the way the saga does: the request, then logistics' answer (here sent as logistics would). */
const cancelConfirmed = async (orderId: string) => {
  const res = await cancel(orderId);
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ state: 'confirmed', cancelRequest: { status: 'requested', reason: 'plans changed' } });
  const [asked] = await eventsSettled(h, orderId, 'ftt.orders.order.cancel_requested.v1', 1, 0);
  expect(asked!.data).toMatchObject({ orderId, reason: 'plans changed', requestedBy: 'buyer' });
  await h.probe.send('ftt.logistics.order_cancel.accepted.v1', { orderId, at: new Date().toISOString(), cancelledShipmentIds: [] });
  await h.waitForState(orderId, 'cancelled');
  return (await h.call('GET', `/orders/${orderId}`, { token: h.users.ben })).body;
};

describe('compensation', () => {
  it('when catalog rejects the stock, then the order is rejected and order.rejected names the listing', async () => {
    const o = await placeTwoFarmOrder(h);
    const cause = await h.probe.send(
      'ftt.catalog.stock.rejected.v1',
      { orderId: o.orderId, listingId: o.kale.listingId, lineIndex: 1, reason: 'insufficient_stock', requested: 3, available: 1 },
      { correlationid: `saga-${o.orderId}` },
    );
    await h.waitForState(o.orderId, 'rejected');
    const [rejected] = await eventsSettled(h, o.orderId, 'ftt.orders.order.rejected.v1', 1, 0);
    expect(rejected!.data).toEqual({ orderId: o.orderId, reason: 'insufficient_stock', listingId: o.kale.listingId });
    expect(rejected).toMatchObject({ correlationid: `saga-${o.orderId}`, causationid: cause.id, source: '/fieldtotable/orders', subject: `order/${o.orderId}` });
    expect((await h.storedOrder(o.orderId))!.processedEventIds).toContain(cause.id);
    expect(h.recorder.of('POST', '/v1/payment_intents').filter((c) => c.idempotencyKey === `pi-${o.orderId}`)).toHaveLength(0);
  });

  it('when an unpaid order is cancelled, then order.cancelled (paid: false) asks catalog to release and nothing is refunded', async () => {
    const o = await orderAwaitingPayment(h);
    const res = await cancel(o.orderId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'cancelled' });
    expect(res.body.refund).toBeUndefined();
    const [cancelled] = await eventsSettled(h, o.orderId, 'ftt.orders.order.cancelled.v1', 1);
    expect(cancelled!.data).toEqual({ orderId: o.orderId, reason: 'plans changed', cancelledBy: 'buyer', paid: false });
    expect(h.recorder.of('POST', '/v1/refunds').filter((c) => c.idempotencyKey === `re-${o.orderId}`)).toHaveLength(0);
    expect((await cancel(o.orderId)).status).toBe(409);
  });

  it('when a paid order is cancelled before pickup, then logistics is asked first, and once it accepts Stripe refunds it and payment.refunded carries the refund id', async () => {
    const o = await confirmedOrder(h);
    expect((await h.storedOrder(o.orderId))!.state).toBe('confirmed');
    const body = await cancelConfirmed(o.orderId);
    await eventually(async () => (await h.storedOrder(o.orderId))!.refund?.status === 'refunded');
    expect(body).toMatchObject({ state: 'cancelled', cancelRequest: { status: 'accepted' }, refund: { amount: { amount: 2287, currency: 'EUR' } } });
    const refundCall = h.recorder.of('POST', '/v1/refunds').find((c) => c.idempotencyKey === `re-${o.orderId}`)!;
    expect(Object.fromEntries(new URLSearchParams(refundCall.body))).toMatchObject({ payment_intent: o.paymentId, amount: '2287' });
    const [refunded] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1);
    expect(refunded!.data).toEqual({ orderId: o.orderId, paymentId: o.paymentId, refundId: refundCall.responseId, amount: { amount: 2287, currency: 'EUR' } });
    expect(refunded!.data.refundId).toMatch(/^re_/);
    const [cancelled] = await eventsSettled(h, o.orderId, 'ftt.orders.order.cancelled.v1', 1, 0);
    expect(cancelled!.data.paid).toBe(true);
    expect(await h.storedOrder(o.orderId)).toMatchObject({ state: 'cancelled', refund: { status: 'refunded', refundId: refundCall.responseId }, followUpAt: null });
  });

  it('when Stripe fails the refund, then it stays owed and the sweeper retries until it succeeds, announcing it once', async () => {
    const o = await confirmedOrder(h);
    h.recorder.failNext('/v1/refunds', 3); // the stripe client's own two retries included
    await cancelConfirmed(o.orderId);
    await eventually(async () => (await h.storedOrder(o.orderId))!.refund?.attempts === 1);
    const pending = await h.storedOrder(o.orderId);
    expect(pending!.refund).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending!.followUpAt).toEqual(expect.any(String));
    await eventually(async () => (await h.storedOrder(o.orderId))!.refund.status === 'refunded', 30_000);
    const calls = h.recorder.of('POST', '/v1/refunds').filter((c) => c.idempotencyKey === `re-${o.orderId}`);
    expect(calls.map((c) => c.status)).toEqual([500, 500, 500, 200]);
    const refunded = await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1, 1000);
    expect(refunded).toHaveLength(1);
    expect(refunded[0]!.data.refundId).toBe(calls.at(-1)!.responseId);
  });

  it('when any shipment was picked up, then cancelling is refused with 409 and the order stays confirmed', async () => {
    const o = await confirmedOrder(h);
    await h.probe.send('ftt.logistics.shipment.picked_up.v1', { shipmentId: 'shp-1', orderId: o.orderId, farmId: o.kale.farmId, at: new Date().toISOString(), partnerId: 'user-partner-pia' });
    await eventually(async () => (await h.storedOrder(o.orderId))!.farms[1].pickedUpAt);
    const res = await cancel(o.orderId);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('order.invalid_transition');
    expect((await h.storedOrder(o.orderId))!.state).toBe('confirmed');
    await new Promise((r) => setTimeout(r, 500));
    expect(h.eventsOf(o.orderId).map((e) => e.type)).not.toContain('ftt.orders.order.cancelled.v1');
  });

  it('when logistics refuses the cancel, then the order stays confirmed, nothing is refunded and the buyer sees why', async () => {
    const o = await confirmedOrder(h);
    expect((await cancel(o.orderId)).status).toBe(202);
    // Asking again while the request is open changes nothing.
    expect((await cancel(o.orderId)).status).toBe(202);
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.order.cancel_requested.v1', 1, 300)).toHaveLength(1);
    const at = new Date(Date.now() - 5000).toISOString();
    await h.probe.send('ftt.logistics.order_cancel.refused.v1', { orderId: o.orderId, at, reason: 'the produce from Kale Farm was already picked up and is on its way' });
    await eventually(async () => (await h.storedOrder(o.orderId))!.cancelRequest?.status === 'refused');
    const seen = (await h.call('GET', `/orders/${o.orderId}`, { token: h.users.ben })).body;
    expect(seen).toMatchObject({
      state: 'confirmed',
      cancelRequest: { status: 'refused', answeredAt: at, refusal: 'the produce from Kale Farm was already picked up and is on its way' },
    });
    expect(seen.refund).toBeUndefined();
    expect(h.eventsOf(o.orderId).map((e) => e.type)).not.toContain('ftt.orders.order.cancelled.v1');
    expect(h.recorder.of('POST', '/v1/refunds').filter((c) => c.idempotencyKey === `re-${o.orderId}`)).toHaveLength(0);
  });

  it('when a shipment reports its pickup, then the order keeps the shipment’s time, not when it processed the event', async () => {
    const o = await confirmedOrder(h);
    const at = new Date(Date.now() - 866).toISOString();
    await h.probe.send('ftt.logistics.shipment.picked_up.v1', { shipmentId: 'shp-2', orderId: o.orderId, farmId: o.kale.farmId, at, partnerId: 'user-partner-pia' });
    await eventually(async () => (await h.storedOrder(o.orderId))!.farms[1].pickedUpAt);
    expect((await h.storedOrder(o.orderId))!.farms[1].pickedUpAt).toBe(at);
  });

  it('when catalog’s reservation expires while the buyer has not paid, then the order expires', async () => {
    const o = await orderAwaitingPayment(h);
    await h.probe.send('ftt.catalog.stock.released.v1', { orderId: o.orderId, lines: o.lines, reason: 'expired' });
    await h.waitForState(o.orderId, 'expired');
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.order.expired.v1', 1)).toHaveLength(1);
    expect((await h.storedOrder(o.orderId))!.timeline.at(-1)).toMatchObject({ state: 'expired', cause: 'stock reservation expired' });
  });

  it('when a payment succeeds after the order was cancelled, then nothing ships and the money goes back', async () => {
    const o = await orderAwaitingPayment(h);
    expect((await cancel(o.orderId)).status).toBe(200);
    const res = await h.webhook('payment_intent.succeeded', paymentIntent(o.paymentId, o.orderId, o.total));
    expect(res.body).toEqual({ received: true, applied: true });
    const [refunded] = await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1);
    expect(refunded!.data).toMatchObject({ paymentId: o.paymentId, refundId: expect.stringMatching(/^re_/) });
    expect((await h.storedOrder(o.orderId))!.state).toBe('cancelled');
    expect(h.eventsOf(o.orderId).map((e) => e.type)).not.toContain('ftt.orders.order.confirmed.v1');
  });
});
