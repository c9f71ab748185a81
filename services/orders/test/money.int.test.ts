import { eventually } from '@ftt/kit/testing';
import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { startHarness } from './support/harness';
import { confirmedOrder, eventsSettled, shipmentRef } from './support/saga-steps';

/**
 * Issue #27: the money of one order across paths that each move some of it. Whatever the order went through, the
 * buyer never gets back more than was paid, and what was paid ends as refunds + payouts + fees + delivery kept.
 */
const h = startedForFile(() => startHarness());

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const operatorRefund = (orderId: string, body: { amountMinor?: number; reason: string }) =>
  h.call('POST', `/admin/orders/${orderId}/refunds`, { token: h.users.ada, body });

/** Every refund Stripe was asked for about this order (the saga's key and the operators' keys). */
const refundCalls = (orderId: string) =>
  h.recorder.of('POST', '/v1/refunds').filter((c) => c.status === 200 && c.idempotencyKey?.startsWith(`re-${orderId}`));
const refundedAmount = (orderId: string) =>
  refundCalls(orderId).reduce((n, c) => n + Number(new URLSearchParams(c.body).get('amount')), 0);

const storedMoney = (o: Doc) => {
  const refunded =
    (o.refund?.amount.amount ?? 0) +
    ((o.operatorRefunds ?? []) as Doc[]).filter((r) => r.status !== 'failed').reduce((n, r) => n + r.amount.amount, 0);
  const payouts = (o.farms as Doc[]).filter((f) => f.payout);
  return {
    paid: o.payment.amount.amount as number,
    refunded,
    payouts: payouts.reduce((n, f) => n + f.payout.amount.amount, 0),
    fees: payouts.reduce((n, f) => n + f.payout.platformFee.amount, 0),
    delivery: payouts.reduce((n, f) => n + (f.payout.delivery?.amount ?? f.deliveryFee.amount), 0),
  };
};

describe('money: refunds are capped by what is still refundable', () => {
  it('when an operator refunded an order in full and the buyer then cancels, then the order is cancelled and nothing more is refunded', async () => {
    const o = await confirmedOrder(h);
    const full = await operatorRefund(o.orderId, { reason: 'goodwill' });
    expect(full).toMatchObject({ status: 201, body: { refundable: { amount: 0 } } });

    expect((await h.call('POST', `/orders/${o.orderId}/cancel`, { token: h.users.ben, body: { reason: 'plans changed' } })).status).toBe(202);
    await eventsSettled(h, o.orderId, 'ftt.orders.order.cancel_requested.v1', 1, 0);
    await h.probe.send('ftt.logistics.order_cancel.accepted.v1', { orderId: o.orderId, at: new Date().toISOString(), cancelledShipmentIds: [] });
    await h.waitForState(o.orderId, 'cancelled');
    await new Promise((r) => setTimeout(r, 1000)); // a second refund would be attempted right after the write

    const stored = (await h.storedOrder(o.orderId))!;
    expect(refundedAmount(o.orderId)).toBe(o.total);
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1)).toHaveLength(1);
    expect(stored.refund?.amount.amount ?? 0).toBe(0);
    expect(stored).toMatchObject({ state: 'cancelled', followUpAt: null });
    expect(storedMoney(stored)).toEqual({ paid: o.total, refunded: o.total, payouts: 0, fees: 0, delivery: 0 });
  });

  it('when an operator refunded an order in full and every shipment then went back, then the order ends refunded without a second refund', async () => {
    const o = await confirmedOrder(h);
    expect((await operatorRefund(o.orderId, { reason: 'goodwill' })).status).toBe(201);
    await h.probe.send('ftt.logistics.shipment.returned.v1', { ...shipmentRef(o.orderId, o.kale.farmId), reason: 'nobody home' });
    await h.probe.send('ftt.logistics.shipment.returned.v1', { ...shipmentRef(o.orderId, o.apples.farmId), reason: 'nobody home' });
    await h.waitForState(o.orderId, 'refunded');
    await new Promise((r) => setTimeout(r, 1000));

    expect(refundedAmount(o.orderId)).toBe(o.total);
    expect(await eventsSettled(h, o.orderId, 'ftt.orders.payment.refunded.v1', 1)).toHaveLength(1);
    const stored = (await h.storedOrder(o.orderId))!;
    expect(stored).toMatchObject({ state: 'refunded', followUpAt: null });
    expect(storedMoney(stored)).toEqual({ paid: o.total, refunded: o.total, payouts: 0, fees: 0, delivery: 0 });
  });

  it('when an operator refunded part and one farm then delivered while the other went back, then the return refund counts what was refunded already and the farmer is paid in full', async () => {
    const o = await confirmedOrder(h);
    expect((await operatorRefund(o.orderId, { amountMinor: 300, reason: 'kale crate missing' })).status).toBe(201);
    await h.probe.send('ftt.logistics.shipment.delivered.v1', { ...shipmentRef(o.orderId, o.apples.farmId), recipientName: 'Ben', proofRef: 'p-1' });
    await h.probe.send('ftt.logistics.shipment.returned.v1', { ...shipmentRef(o.orderId, o.kale.farmId), reason: 'crates crushed' });
    await h.waitForState(o.orderId, 'completed');
    await eventually(async () => (await h.storedOrder(o.orderId))!.followUpAt === null);

    const stored = (await h.storedOrder(o.orderId))!;
    const kale = (stored.farms as Doc[]).find((f) => f.farmId === o.kale.farmId)!;
    const returnedValue = kale.goods.amount + kale.deliveryFee.amount;
    // The buyer gets the returned part back once: 300 by the operator, the rest by the saga.
    expect(stored.refund).toMatchObject({ status: 'refunded', amount: { amount: returnedValue - 300 } });
    expect(refundedAmount(o.orderId)).toBe(returnedValue);
    const [payout] = await eventsSettled(h, o.orderId, 'ftt.orders.payout.made.v1', 1);
    expect(payout!.data).toMatchObject({ farmId: o.apples.farmId, gross: { amount: 700 }, platformFee: { amount: 35 }, amount: { amount: 665 } });
    const m = storedMoney(stored);
    expect(m.paid).toBe(m.refunded + m.payouts + m.fees + m.delivery);
  });

  it('when an operator refunded more than went back, then the rest comes out of the platform fee and delivery first and the farmer is paid what is left', async () => {
    const o = await confirmedOrder(h);
    // 2287 paid: apples 700 (fee 35) + kale 597 (fee 30) + 2 x 495 delivery. Kale goes back (1092); 1200 refunded first.
    expect((await operatorRefund(o.orderId, { amountMinor: 1200, reason: 'late and bruised' })).status).toBe(201);
    await h.probe.send('ftt.logistics.shipment.returned.v1', { ...shipmentRef(o.orderId, o.kale.farmId), reason: 'crates crushed' });
    await h.probe.send('ftt.logistics.shipment.delivered.v1', { ...shipmentRef(o.orderId, o.apples.farmId), recipientName: 'Ben', proofRef: 'p-1' });
    await h.waitForState(o.orderId, 'completed');
    const [payout] = await eventsSettled(h, o.orderId, 'ftt.orders.payout.made.v1', 1);
    // 108 more than the returned part: 35 from the fee, 73 from the delivery kept; the farmer keeps 665.
    expect(payout!.data).toMatchObject({ gross: { amount: 665 }, platformFee: { amount: 0 }, amount: { amount: 665 } });
    const stored = (await h.storedOrder(o.orderId))!;
    expect(stored.refund?.amount.amount ?? 0).toBe(0);
    expect(refundedAmount(o.orderId)).toBe(1200);
    expect(storedMoney(stored)).toEqual({ paid: 2287, refunded: 1200, payouts: 665, fees: 0, delivery: 422 });
    // After the end only what the platform keeps can still go back, never the farmer's payout.
    const after = await h.call('GET', `/admin/orders/${o.orderId}`, { token: h.users.ada });
    expect(after.body.refundable.amount).toBe(422);
    expect((await operatorRefund(o.orderId, { amountMinor: 423, reason: 'more' })).status).toBe(409);
  });
});
