import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { startHarness } from './support/harness';
import { confirmedOrder, eventsSettled, orderAwaitingPayment, shipmentRef } from './support/saga-steps';

/**
 * The operators' business overview (issue #29): every figure of GET /admin/figures is checked against the orders this
 * test placed, paid, refunded, cancelled and delivered, in a database of the file's own.
 */
const h = startedForFile(() => startHarness());

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const today = () => new Date().toISOString().slice(0, 10);
const figures = async (days = 30) => {
  const res = await h.call('GET', `/admin/figures?days=${days}`, { token: h.users.ada });
  expect(res.status).toBe(200);
  return res.body as { from: string; to: string; currencies: { currency: string; days: Doc[] }[] };
};
const dayOf = (f: Awaited<ReturnType<typeof figures>>, day: string) => f.currencies.find((c) => c.currency === 'EUR')!.days.find((d) => d.day === day)!;

describe("the operators' business figures", () => {
  it('when a buyer or farmer asks, then 403; when days is out of range, then 400 naming it', async () => {
    for (const who of [h.users.ben, h.users.anna]) expect((await h.call('GET', '/admin/figures', { token: who })).status).toBe(403);
    expect((await h.call('GET', '/admin/figures')).status).toBe(401);
    for (const days of ['0', '93', 'x']) {
      const res = await h.call('GET', `/admin/figures?days=${days}`, { token: h.users.ada });
      expect(res.status, days).toBe(400);
      expect(res.body.errors[0].field).toBe('query.days');
    }
  });

  it('when nothing was placed, then every day of the window is listed per currency only once there are orders', async () => {
    const f = await figures(30);
    expect(f.to).toBe(today());
    expect(f.from).toBe(new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10));
    expect(f.currencies).toEqual([]);
  });

  it('when orders were placed, paid, refunded by an operator, cancelled and delivered, then each day shows exactly their numbers', async () => {
    const unpaid = await orderAwaitingPayment(h);
    const refundedPart = await confirmedOrder(h);
    expect((await h.call('POST', `/admin/orders/${refundedPart.orderId}/refunds`, { token: h.users.ada, body: { amountMinor: 150, reason: 'bruised apples' } })).status).toBe(201);
    const cancelled = await confirmedOrder(h);
    expect((await h.call('POST', `/orders/${cancelled.orderId}/cancel`, { token: h.users.ben, body: { reason: 'plans changed' } })).status).toBe(202);
    await eventsSettled(h, cancelled.orderId, 'ftt.orders.order.cancel_requested.v1', 1, 0);
    await h.probe.send('ftt.logistics.order_cancel.accepted.v1', { orderId: cancelled.orderId, at: new Date().toISOString(), cancelledShipmentIds: [] });
    await h.waitForState(cancelled.orderId, 'cancelled');
    const delivered = await confirmedOrder(h);
    for (const farmId of [delivered.apples.farmId, delivered.kale.farmId])
      await h.probe.send('ftt.logistics.shipment.delivered.v1', { ...shipmentRef(delivered.orderId, farmId), recipientName: 'Ben', proofRef: 'p-1' });
    await h.waitForState(delivered.orderId, 'completed');
    await eventsSettled(h, delivered.orderId, 'ftt.orders.payout.made.v1', 2, 0);
    await eventsSettled(h, cancelled.orderId, 'ftt.orders.payment.refunded.v1', 1, 0);

    // one order placed three days ago (same day of the window) and one 40 days ago (outside it)
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const old = await orderAwaitingPayment(h);
    const older = await orderAwaitingPayment(h);
    await h.db.collection('orders').updateOne({ _id: old.orderId as never }, { $set: { placedAt: threeDaysAgo } });
    await h.db.collection('orders').updateOne({ _id: older.orderId as never }, { $set: { placedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() } });

    const stored = (await h.storedOrder(delivered.orderId)) as Doc;
    const farmsPaid = (stored.farms as Doc[]).map((x) => x.payout);
    expect(farmsPaid.every(Boolean)).toBe(true);
    const payouts = farmsPaid.reduce((n, p) => n + p.amount.amount, 0);
    const fees = farmsPaid.reduce((n, p) => n + p.platformFee.amount, 0);
    const deliveryKept = farmsPaid.reduce((n, p) => n + (p.delivery?.amount ?? 0), 0);
    expect(payouts + fees + deliveryKept).toBe(delivered.total);

    const f = await figures();
    expect(f.currencies.map((c) => c.currency)).toEqual(['EUR']);
    expect(f.currencies[0]!.days).toHaveLength(30);
    expect(dayOf(f, today())).toEqual({
      day: today(),
      orders: 4,
      paidOrders: 3,
      paid: refundedPart.total + cancelled.total + delivered.total,
      refunded: 150 + cancelled.total,
      payouts,
      fees,
      deliveryKept,
      open: refundedPart.total - 150,
    });
    expect(unpaid.total).toBeGreaterThan(0); // placed, counted, but none of its money is in the sums
    expect(dayOf(f, threeDaysAgo.slice(0, 10))).toMatchObject({ orders: 1, paidOrders: 0, paid: 0 });
    const all = f.currencies[0]!.days;
    expect(all.reduce((n, d) => n + d.orders, 0)).toBe(5);
    expect(all.filter((d) => d.day !== today() && d.day !== threeDaysAgo.slice(0, 10)).every((d) => d.orders === 0 && d.paid === 0)).toBe(true);
    // a narrower window leaves the order of three days ago out
    expect((await figures(3)).currencies[0]!.days.reduce((n, d) => n + d.orders, 0)).toBe(4);
  });
});
