import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually, orderPlaced, placeOrder, publishedListing, reservationDoc, startHarness, stockEventsOf } from './support';

// Two instances, each with its own sweeper, over one database: expiry must still happen once.
const h = startedForFile(() => startHarness('catalog-sweep', { RESERVATION_TTL_SECONDS: '6', SWEEP_INTERVAL_MS: '100' }, 2));

const typesOf = (orderId: string) => stockEventsOf(h, orderId).map((e) => e.type);

describe('the reservation sweeper', () => {
  it('when unpaid reservations pass their expiry, then exactly one instance releases each with reason expired and paid ones stay sold', async () => {
    const { listingId } = await publishedListing(h, 'lena', { available: 20, title: 'Strawberries', unit: 'box' });
    const paid = orderPlaced([{ listingId, quantity: 2 }]);
    await placeOrder(h, paid, true);

    const unpaid = Array.from({ length: 4 }, () => orderPlaced([{ listingId, quantity: 3 }]));
    for (const o of unpaid) await h.probe.send('ftt.orders.order.placed.v1', o);
    await eventually(() => unpaid.every((o) => typesOf(o.orderId).length >= 1));
    for (const o of unpaid) {
      const [ev] = stockEventsOf(h, o.orderId);
      expect(ev!.type).toBe('ftt.catalog.stock.reserved.v1');
      const ttl = Date.parse((ev!.data as { expiresAt: string }).expiresAt) - Date.parse(ev!.time);
      expect(Math.round(ttl / 1000)).toBe(6);
    }
    const during = await h.listingDoc(listingId);
    expect(Number(during.available) + Number(during.reserved) + Number(during.sold)).toBe(20);

    await eventually(() => unpaid.every((o) => typesOf(o.orderId).length === 2), 40_000);
    await new Promise((r) => setTimeout(r, 1000)); // a second instance's duplicate release would arrive here
    for (const o of unpaid) {
      expect(typesOf(o.orderId)).toEqual(['ftt.catalog.stock.reserved.v1', 'ftt.catalog.stock.released.v1']);
      expect(stockEventsOf(h, o.orderId)[1]!.data).toEqual({
        orderId: o.orderId,
        lines: [{ listingId, quantity: 3 }],
        reason: 'expired',
      });
      expect((await reservationDoc(h, o.orderId))?.status).toBe('released');
    }
    expect(typesOf(paid.orderId)).toEqual([
      'ftt.catalog.stock.reserved.v1',
      'ftt.catalog.stock.committed.v1',
    ]);
    const after = await h.listingDoc(listingId);
    expect({ available: after.available, reserved: after.reserved, sold: after.sold }).toEqual({
      available: 18,
      reserved: 0,
      sold: 2,
    });
    expect(after.holds).toEqual([]);
  });

  it('when an instance stopped halfway through a release, then the sweeper finishes it with the original reason', async () => {
    const { listingId } = await publishedListing(h, 'lena', { available: 10, title: 'Cherries', unit: 'box' });
    const order = orderPlaced([{ listingId, quantity: 4 }]);
    await placeOrder(h, order);
    expect((await h.listingDoc(listingId)).reserved).toBe(4);
    // What the claim write of a cancellation leaves when the process dies right after it. Written once the relay
    // is done with the document: this test's connection is not under the service's document lock.
    const r = await eventually(async () => {
      const doc = await reservationDoc(h, order.orderId);
      return doc && Number((doc as { outboxPending?: number }).outboxPending ?? 0) === 0 ? doc : undefined;
    });
    await h.db.collection('reservations').updateOne(
      { _id: order.orderId as never, version: r!.version },
      {
        $set: {
          status: 'releasing',
          releaseReason: 'cancelled',
          claimUntil: new Date(Date.now() - 1000).toISOString(),
          version: r!.version + 1,
        },
      },
    );
    // (no check of `reserved` here: the sweeper may already have finished the release)

    await eventually(() => typesOf(order.orderId).length === 2, 10_000);
    expect(stockEventsOf(h, order.orderId)[1]!.data).toMatchObject({
      reason: 'cancelled',
      lines: [{ listingId, quantity: 4 }],
    });
    const after = await h.listingDoc(listingId);
    expect({ available: after.available, reserved: after.reserved }).toEqual({ available: 10, reserved: 0 });
    expect((await reservationDoc(h, order.orderId))?.status).toBe('released');
  });
});
