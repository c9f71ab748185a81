import { eventually } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnOrders, type ChildService } from './support/child-service';
import { paymentIntent, startHarness, type Harness } from './support/harness';
import { eventsSettled, placeTwoFarmOrder, shipmentRef } from './support/saga-steps';

/**
 * The service runs as a child process with a fault-injection point (FTT_FAULT, see src/fault.ts)
 * that SIGKILLs it at the worst moment; a fresh process on the same database and topics must finish
 * the job exactly once. stripe-mock sits behind a recorder so every provider call and its
 * Idempotency-Key can be checked (stripe-mock is stateless: a repeated key gets a new id there,
 * where real Stripe returns the first object, so the keys are the proof).
 */
let h: Harness;
const children: ChildService[] = [];
const start = async (fault = '') => {
  const child = await spawnOrders({ ...h.env, FTT_FAULT: fault });
  children.push(child);
  h.setBaseUrl(child.url);
  return child;
};

beforeAll(async () => {
  h = await startHarness({ inProcess: false });
});
afterAll(async () => {
  for (const c of children) await c.stop();
  await h?.stop();
});

const delivered = (orderId: string, farmId: string) => ({
  ...shipmentRef(orderId, farmId),
  recipientName: 'Ben',
  proofRef: `proof-${farmId}`,
});

describe('crash recovery (SIGKILL)', () => {
  it('when the process dies between payment success and confirmation, then after restart the order is confirmed once, with one PaymentIntent and one transfer per farm even if it dies again mid-payout', async () => {
    const first = await start('crash-before-payment-recorded');
    const o = await placeTwoFarmOrder(h);
    await h.probe.send('ftt.catalog.stock.reserved.v1', { orderId: o.orderId, lines: o.lines, expiresAt: new Date(Date.now() + 900_000).toISOString() });
    await h.waitForState(o.orderId, 'awaiting_payment');
    const stored = await h.storedOrder(o.orderId);
    const paymentId = stored!.payment.paymentId as string;
    const eventId = `evt_crash_${o.orderId}`;
    const pi = paymentIntent(paymentId, o.orderId, stored!.totals.total.amount);

    // Stripe delivers payment_intent.succeeded; the process dies before recording it.
    await expect(h.webhook('payment_intent.succeeded', pi, { id: eventId })).rejects.toThrow();
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect((await h.storedOrder(o.orderId))!.state).toBe('awaiting_payment');

    // Stripe retries the same event (no 2xx came back); a new process, armed to die after its first transfer.
    const second = await start('crash-after-transfer');
    const retried = await h.webhook('payment_intent.succeeded', pi, { id: eventId });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ received: true, applied: true });
    expect((await h.storedOrder(o.orderId))!.state).toBe('confirmed');

    // Deliveries complete the order; the process dies right after Stripe made the first transfer.
    await h.probe.send('ftt.logistics.shipment.delivered.v1', delivered(o.orderId, o.apples.farmId));
    await h.probe.send('ftt.logistics.shipment.delivered.v1', delivered(o.orderId, o.kale.farmId));
    expect(await second.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const beforeRestart = await h.storedOrder(o.orderId);
    expect(beforeRestart!.state).toBe('completed');
    expect(beforeRestart!.farms.map((f: { payout: { status: string } }) => f.payout.status)).toEqual(['pending', 'pending']);

    // A clean process: the sweeper finishes the payouts under the same idempotency keys.
    await start();
    await eventually(async () => (await h.storedOrder(o.orderId))!.farms.every((f: { payout: { status: string } }) => f.payout.status === 'paid'), 45_000);
    const payouts = await eventsSettled(h, o.orderId, 'ftt.orders.payout.made.v1', 2, 1500);
    expect(payouts.map((p) => p.data.farmId).sort()).toEqual([o.apples.farmId, o.kale.farmId].sort());

    const transferKeys = h.recorder.of('POST', '/v1/transfers').filter((c) => c.idempotencyKey?.startsWith(`tr-${o.orderId}-`)).map((c) => c.idempotencyKey);
    expect(new Set(transferKeys)).toEqual(new Set([`tr-${o.orderId}-${o.apples.farmId}`, `tr-${o.orderId}-${o.kale.farmId}`]));
    expect(transferKeys.length).toBeGreaterThanOrEqual(3); // the transfer made before the crash was asked for again, under its key
    const final = await h.storedOrder(o.orderId);
    for (const p of payouts) {
      expect(final!.farms.find((f: { farmId: string }) => f.farmId === p.data.farmId).payout.transferId).toBe(p.data.transferId);
    }

    // Confirmed once; one PaymentIntent asked for, ever.
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.order.confirmed.v1', 1, 0)).toHaveLength(1);
    expect(h.eventsOf(o.orderId).filter((e) => e.type === 'ftt.orders.payment.succeeded.v1')).toHaveLength(1);
    expect(final!.timeline.filter((e: { cause: string }) => e.cause.startsWith(`payment ${paymentId} succeeded`))).toHaveLength(1);
    const creates = h.recorder.of('POST', '/v1/payment_intents').filter((c) => c.idempotencyKey === `pi-${o.orderId}`);
    expect(creates).toHaveLength(1);
    expect(final!.payment.paymentId).toBe(paymentId);
  }, 150_000);

  it('when the process dies after Stripe created the PaymentIntent but before the order recorded it, then the redelivered reservation asks again under the same key', async () => {
    for (const c of children) await c.stop();
    const crashing = await start('crash-after-payment-created');
    const o = await placeTwoFarmOrder(h);
    await h.probe.send('ftt.catalog.stock.reserved.v1', { orderId: o.orderId, lines: o.lines, expiresAt: new Date(Date.now() + 900_000).toISOString() });
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect((await h.storedOrder(o.orderId))!.state).toBe('pending');

    await start();
    await h.waitForState(o.orderId, 'awaiting_payment', 45_000);
    const creates = h.recorder.of('POST', '/v1/payment_intents').filter((c) => c.body.includes(encodeURIComponent(o.orderId)) || c.idempotencyKey === `pi-${o.orderId}`);
    expect(creates.length).toBe(2);
    expect(creates.every((c) => c.idempotencyKey === `pi-${o.orderId}`)).toBe(true);
    const stored = await h.storedOrder(o.orderId);
    expect(stored!.payment.paymentId).toBe(creates.at(-1)!.responseId);
    expect(stored!.timeline.filter((e: { state: string }) => e.state === 'awaiting_payment')).toHaveLength(1);
  }, 120_000);
});
