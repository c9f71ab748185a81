import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, orderPlaced, publishedListing, startHarness, type Harness } from './support';

const ORDERS = 200;
const STOCK = 50;

let h: Harness;
beforeAll(async () => {
  // One instance (the default): its partitions are handled concurrently over a pool of connections and
  // every reservation races for the same document; the server's conditional update is the only guard.
  // RACE_INSTANCES=2 runs the same race across two processes' pools (the sweeper test always runs two).
  const instances = Number(process.env.RACE_INSTANCES ?? 1);
  h = await startHarness('catalog-race', {}, instances);
});
afterAll(async () => {
  await h?.stop();
});

describe('orders racing for the last units', () => {
  it(`when ${ORDERS} orders of 1 race for ${STOCK} units, then exactly ${STOCK} are reserved, the rest rejected, and stock never goes below zero`, async () => {
    const { listingId } = await publishedListing(h, 'joost', { available: STOCK, title: 'Last crate of asparagus', unit: 'crate' });
    const orders = Array.from({ length: ORDERS }, () => orderPlaced([{ listingId, quantity: 1 }]));
    const ids = new Set(orders.map((o) => o.orderId));
    const settled = () => h.probe.events.filter((e) => e.type.startsWith('ftt.catalog.stock.') && ids.has((e.data as { orderId: string }).orderId));

    // Sample the listing while the race runs: the invariant must hold at every observed moment.
    const samples: { available: number; reserved: number; sold: number }[] = [];
    let sampling = true;
    const sampler = (async () => {
      // 20 ms apart: often enough to catch a broken invariant, rarely enough not to slow the race down.
      while (sampling) {
        const d = await h.listingDoc(listingId);
        samples.push({ available: Number(d.available), reserved: Number(d.reserved), sold: Number(d.sold) });
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await Promise.all(orders.map((o) => h.probe.send('ftt.orders.order.placed.v1', o, { correlationid: o.orderId })));
    await eventually(() => settled().length >= ORDERS, 340_000, 100);
    await new Promise((r) => setTimeout(r, 1000)); // a duplicate outcome would show up here
    sampling = false;
    await sampler;

    const outcomes = settled();
    const reserved = outcomes.filter((e) => e.type === 'ftt.catalog.stock.reserved.v1');
    const rejected = outcomes.filter((e) => e.type === 'ftt.catalog.stock.rejected.v1');
    expect(outcomes).toHaveLength(ORDERS);
    expect(reserved).toHaveLength(STOCK);
    expect(rejected).toHaveLength(ORDERS - STOCK);
    expect(new Set(outcomes.map((e) => (e.data as { orderId: string }).orderId)).size).toBe(ORDERS);
    for (const r of rejected) expect(r.data).toMatchObject({ reason: 'insufficient_stock', lineIndex: 0, requested: 1, available: 0 });

    expect(samples.length).toBeGreaterThan(20);
    for (const s of samples) {
      expect(s.available).toBeGreaterThanOrEqual(0);
      expect(s.available + s.reserved).toBe(STOCK);
      expect(s.sold).toBe(0);
    }
    const doc = await h.listingDoc(listingId);
    expect({ available: doc.available, reserved: doc.reserved }).toEqual({ available: 0, reserved: STOCK });
    const holds = doc.holds as { orderId: string; quantity: number }[];
    expect(new Set(holds.map((x) => x.orderId))).toEqual(new Set(reserved.map((e) => (e.data as { orderId: string }).orderId)));
    const statuses = await h.db
      .collection('reservations')
      .aggregate([{ $match: { _id: { $in: [...ids] } } }, { $group: { _id: '$status', n: { $sum: 1 } } }])
      .toArray();
    expect(Object.fromEntries(statuses.map((s) => [s._id, s.n]))).toEqual({ reserved: STOCK, rejected: ORDERS - STOCK });
  }, 360_000);
});
