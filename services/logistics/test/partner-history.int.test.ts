import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { awaitShipments, listing, orderConfirmed, startHarness, users } from './support';

const h = startedForFile(() => startHarness('logistics-history'));

/** One confirmed order of one farm's lot: its shipment, claimed and picked up by Pia. */
const pickedUpShipment = async () => {
  const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `HIST-${randomUUID().slice(0, 8)}` })]);
  await h.probe.send('ftt.orders.order.confirmed.v1', order);
  const [s] = await awaitShipments(h, order.orderId, 1);
  expect((await h.call('POST', `/shipments/${s!.shipmentId}/claim`, users.pia)).status).toBe(200);
  expect((await h.call('POST', `/shipments/${s!.shipmentId}/pickup`, users.pia)).status).toBe(200);
  return s!.shipmentId;
};

const deliver = async (id: string) => {
  expect((await h.call('POST', `/shipments/${id}/out-for-delivery`, users.pia)).status).toBe(200);
  expect(
    (
      await h.call('POST', `/shipments/${id}/deliver`, users.pia, {
        recipientName: 'B. Jansen',
        proofRef: 'photo-1',
      })
    ).status,
  ).toBe(200);
};

type Page = { items: { shipmentId: string; status: string }[]; nextCursor: string | null };

describe("a partner's delivery history", () => {
  it('when a partner delivered and returned shipments, then the history lists only those, newest first, a page at a time', async () => {
    const first = await pickedUpShipment();
    await deliver(first);
    const second = await pickedUpShipment();
    expect(
      (await h.call('POST', `/shipments/${second}/return`, users.pia, { reason: 'Box damaged' })).status,
    ).toBe(200);
    const third = await pickedUpShipment();
    await deliver(third);
    const active = await pickedUpShipment(); // still on its way: not history

    const page1 = await h.call('GET', '/shipments/mine/history?limit=2', users.pia);
    expect(page1.status).toBe(200);
    const body1 = page1.body as Page;
    expect(body1.items.map((s) => s.shipmentId)).toEqual([third, second]);
    expect(body1.nextCursor).toEqual(expect.any(String));
    const page2 = await h.call(
      'GET',
      `/shipments/mine/history?limit=2&cursor=${encodeURIComponent(body1.nextCursor!)}`,
      users.pia,
    );
    const body2 = page2.body as Page;
    const ids = body2.items.map((s) => s.shipmentId);
    expect(ids[0]).toBe(first);
    expect([...body1.items, ...body2.items].map((s) => s.shipmentId)).not.toContain(active);
    expect(body2.items.every((s) => s.status === 'delivered' || s.status === 'returned')).toBe(true);
  });

  it('when someone else asks, then they see none of Pia’s history, and a bad page size is a 400 naming it', async () => {
    const buyer = await h.call('GET', '/shipments/mine/history', users.ben);
    expect(buyer.status).toBe(403);
    const bad = await h.call('GET', '/shipments/mine/history?limit=0', users.pia);
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { field: string }[] }).errors[0]!.field).toBe('query.limit');
    // A cursor that no page gave: 400 naming the cursor.
    const forged = await h.call('GET', '/shipments/mine/history?cursor=2026-02-28T00%3A00Z', users.pia);
    expect(forged.status).toBe(400);
    expect((forged.body as { errors: { field: string }[] }).errors[0]!.field).toBe('query.cursor');
  });
});
