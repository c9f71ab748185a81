import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import {
  eventually,
  orderConfirmed,
  orderPlaced,
  placeOrder,
  publishedListing,
  reservationDoc,
  startHarness,
  stockEventsOf,
} from './support';

const h = startedForFile(() => startHarness('catalog-reserve'));

const stockOf = async (id: string) => {
  const d = await h.listingDoc(id);
  return { available: d.available, reserved: d.reserved, sold: d.sold };
};

const typesOf = (orderId: string) => stockEventsOf(h, orderId).map((e) => e.type);

describe('reservations from order events', () => {
  it('when the same order.placed event is delivered twice, then one reservation is made and one reserved event emitted', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([{ listingId, quantity: 3 }]);
    const first = await h.probe.send('ftt.orders.order.placed.v1', order, { correlationid: order.orderId });
    await h.probe.send('ftt.orders.order.placed.v1', order, { id: first.id, correlationid: order.orderId });
    await h.probe.send('ftt.orders.order.placed.v1', order, { correlationid: order.orderId }); // same order, new event id

    await eventually(() => typesOf(order.orderId).includes('ftt.catalog.stock.reserved.v1'));
    await new Promise((r) => setTimeout(r, 1500)); // room for a wrong second reservation to show up
    expect(typesOf(order.orderId)).toEqual(['ftt.catalog.stock.reserved.v1']);
    expect(await stockOf(listingId)).toEqual({ available: 7, reserved: 3, sold: 0 });
    const doc = await h.listingDoc(listingId);
    expect(doc.holds).toEqual([{ orderId: order.orderId, quantity: 3 }]);
    const r = await reservationDoc(h, order.orderId);
    expect(r?.status).toBe('reserved');
    const reserved = stockEventsOf(h, order.orderId)[0]!;
    expect(reserved.correlationid).toBe(order.orderId);
    expect(reserved.causationid).toBe(first.id);
    expect(reserved.source).toBe('/fieldtotable/catalog');
    expect(reserved.data).toMatchObject({ orderId: order.orderId, lines: [{ listingId, quantity: 3 }] });
    // expiresAt = now + RESERVATION_TTL_SECONDS (default 1200)
    const ttl = (Date.parse((reserved.data as { expiresAt: string }).expiresAt) - Date.parse(reserved.time)) / 1000;
    expect(ttl).toBeGreaterThan(1190);
    expect(ttl).toBeLessThan(1210);
  });

  it('when two lines of one listing are ordered, then they are reserved as one merged line', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([
      { listingId, quantity: 2 },
      { listingId, quantity: 4 },
    ]);
    await placeOrder(h, order);
    expect(stockEventsOf(h, order.orderId)[0]!.data).toMatchObject({ lines: [{ listingId, quantity: 6 }] });
    expect(await stockOf(listingId)).toEqual({ available: 4, reserved: 6, sold: 0 });
  });

  it('when a later line of an order cannot be reserved, then nothing of the order stays held and the rejection names that line', async () => {
    const a = await publishedListing(h, 'anna', { available: 10 });
    const b = await publishedListing(h, 'anna', { available: 2, title: 'Leeks' });
    const order = orderPlaced([
      { listingId: a.listingId, quantity: 5 },
      { listingId: b.listingId, quantity: 3 },
    ]);
    await placeOrder(h, order);
    const [rejected] = stockEventsOf(h, order.orderId);
    expect(rejected!.type).toBe('ftt.catalog.stock.rejected.v1');
    expect(rejected!.data).toEqual({
      orderId: order.orderId,
      listingId: b.listingId,
      lineIndex: 1,
      reason: 'insufficient_stock',
      requested: 3,
      available: 2,
    });
    expect(await stockOf(a.listingId)).toEqual({ available: 10, reserved: 0, sold: 0 });
    expect(await stockOf(b.listingId)).toEqual({ available: 2, reserved: 0, sold: 0 });
    expect((await h.listingDoc(a.listingId)).holds).toEqual([]);
    expect((await reservationDoc(h, order.orderId))?.status).toBe('rejected');
  });

  it('when an order names an unknown or paused listing, then it is rejected with that reason', async () => {
    const paused = await publishedListing(h, 'anna', { available: 5 });
    expect((await h.call('POST', `/listings/${paused.listingId}/pause`, 'anna')).status).toBe(200);
    const unknown = orderPlaced([{ listingId: 'no-such-listing', quantity: 1 }]);
    const unavailable = orderPlaced([{ listingId: paused.listingId, quantity: 1 }]);
    await h.probe.send('ftt.orders.order.placed.v1', unknown);
    await h.probe.send('ftt.orders.order.placed.v1', unavailable);
    await eventually(() => typesOf(unknown.orderId).length === 1 && typesOf(unavailable.orderId).length === 1);
    expect(stockEventsOf(h, unknown.orderId)[0]!.data).toMatchObject({ reason: 'unknown_listing', lineIndex: 0 });
    expect(stockEventsOf(h, unavailable.orderId)[0]!.data).toMatchObject({ reason: 'listing_unavailable', available: 0 });
    expect(await stockOf(paused.listingId)).toEqual({ available: 5, reserved: 0, sold: 0 });
  });

  it('when a reserved order is confirmed, then its stock is sold and stock.committed emitted once', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([{ listingId, quantity: 4 }]);
    await placeOrder(h, order);
    const confirmed = orderConfirmed(order.orderId, listingId);
    const ev = await h.probe.send('ftt.orders.order.confirmed.v1', confirmed);
    await h.probe.send('ftt.orders.order.confirmed.v1', confirmed, { id: ev.id }); // redelivered
    await eventually(() => typesOf(order.orderId).includes('ftt.catalog.stock.committed.v1'));
    await new Promise((r) => setTimeout(r, 800));
    expect(typesOf(order.orderId)).toEqual(['ftt.catalog.stock.reserved.v1', 'ftt.catalog.stock.committed.v1']);
    expect(stockEventsOf(h, order.orderId)[1]!.data).toEqual({ orderId: order.orderId, lines: [{ listingId, quantity: 4 }] });
    expect(await stockOf(listingId)).toEqual({ available: 6, reserved: 0, sold: 4 });
    expect((await reservationDoc(h, order.orderId))?.status).toBe('committed');
  });

  /** Write a reservation's next state directly, as a process that stopped right after that write leaves it. */
  const stoppedAfter = async (orderId: string, status: 'committed' | 'committing') => {
    const r = await eventually(async () => {
      const doc = await reservationDoc(h, orderId);
      return doc && Number((doc as { outboxPending?: number }).outboxPending ?? 0) === 0 ? doc : undefined;
    });
    const claimUntil = status === 'committing' ? new Date(Date.now() + 30_000).toISOString() : null;
    await h.db
      .collection('reservations')
      .updateOne({ _id: orderId as never, version: r!.version }, { $set: { status, claimUntil, version: r!.version + 1 } });
  };

  it('when catalog stopped between the commit and its stock moves, then the redelivered confirmation sells the holds', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([{ listingId, quantity: 4 }]);
    await placeOrder(h, order);
    await stoppedAfter(order.orderId, 'committed'); // its stock.committed aside: this test is about the listing
    expect(await stockOf(listingId)).toEqual({ available: 6, reserved: 4, sold: 0 });

    await h.probe.send('ftt.orders.order.confirmed.v1', orderConfirmed(order.orderId, listingId));
    await eventually(async () => (await stockOf(listingId)).sold === 4);
    await new Promise((r) => setTimeout(r, 800)); // room for a wrong second commit or event
    expect(await stockOf(listingId)).toEqual({ available: 6, reserved: 0, sold: 4 });
    expect((await h.listingDoc(listingId)).holds).toEqual([]);
    expect(typesOf(order.orderId)).toEqual(['ftt.catalog.stock.reserved.v1']);
    expect((await reservationDoc(h, order.orderId))?.status).toBe('committed');
  });

  it('when a commit was claimed as committing by an older version, then the confirmation finishes it once', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([{ listingId, quantity: 2 }]);
    await placeOrder(h, order);
    await stoppedAfter(order.orderId, 'committing');

    const confirmed = orderConfirmed(order.orderId, listingId);
    await h.probe.send('ftt.orders.order.confirmed.v1', confirmed);
    await h.probe.send('ftt.orders.order.confirmed.v1', confirmed);
    await eventually(() => typesOf(order.orderId).includes('ftt.catalog.stock.committed.v1'));
    await new Promise((r) => setTimeout(r, 800));
    expect(typesOf(order.orderId)).toEqual(['ftt.catalog.stock.reserved.v1', 'ftt.catalog.stock.committed.v1']);
    expect(await stockOf(listingId)).toEqual({ available: 8, reserved: 0, sold: 2 });
    expect((await reservationDoc(h, order.orderId))?.status).toBe('committed');
  });

  it('when a reserved order is cancelled, then its stock is available again and stock.released says cancelled', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([{ listingId, quantity: 4 }]);
    await placeOrder(h, order);
    const cancel = { orderId: order.orderId, reason: 'buyer changed mind', cancelledBy: 'buyer' as const, paid: false };
    await h.probe.send('ftt.orders.order.cancelled.v1', cancel);
    await h.probe.send('ftt.orders.order.cancelled.v1', cancel);
    await eventually(() => typesOf(order.orderId).length === 2);
    await new Promise((r) => setTimeout(r, 800));
    expect(typesOf(order.orderId)).toEqual(['ftt.catalog.stock.reserved.v1', 'ftt.catalog.stock.released.v1']);
    expect(stockEventsOf(h, order.orderId)[1]!.data).toEqual({ orderId: order.orderId, lines: [{ listingId, quantity: 4 }], reason: 'cancelled' });
    expect(await stockOf(listingId)).toEqual({ available: 10, reserved: 0, sold: 0 });
    expect((await h.listingDoc(listingId)).holds).toEqual([]);
  });

  it('when a confirmed order is cancelled before pickup, then its sold stock goes back to available', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([{ listingId, quantity: 3 }]);
    await placeOrder(h, order, true);
    expect(await stockOf(listingId)).toEqual({ available: 7, reserved: 0, sold: 3 });
    await h.probe.send('ftt.orders.order.cancelled.v1', { orderId: order.orderId, reason: 'farm flooded', cancelledBy: 'admin', paid: true });
    await eventually(() => typesOf(order.orderId).length === 3);
    expect(stockEventsOf(h, order.orderId)[2]!.data).toMatchObject({ reason: 'cancelled', lines: [{ listingId, quantity: 3 }] });
    expect(await stockOf(listingId)).toEqual({ available: 10, reserved: 0, sold: 0 });
  });

  it('when a confirmed order is completed, then the sale is final: a late cancellation changes nothing', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([{ listingId, quantity: 3 }]);
    await placeOrder(h, order, true);
    // A sale leaves no entry per order on the listing: its document does not grow with open orders.
    const sold = await h.listingDoc(listingId);
    expect([sold.holds, sold.sales ?? []]).toEqual([[], []]);
    await h.probe.send('ftt.orders.order.completed.v1', { orderId: order.orderId, completedAt: new Date().toISOString() });
    await eventually(async () => (await reservationDoc(h, order.orderId))?.status === 'completed');
    await h.probe.send('ftt.orders.order.cancelled.v1', { orderId: order.orderId, reason: 'late', cancelledBy: 'admin', paid: true });
    await new Promise((r) => setTimeout(r, 1000));
    expect(typesOf(order.orderId)).toEqual(['ftt.catalog.stock.reserved.v1', 'ftt.catalog.stock.committed.v1']);
    expect(await stockOf(listingId)).toEqual({ available: 7, reserved: 0, sold: 3 });
  });

  it('when orders reports an order expired, then its reservation is released with reason expired', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([{ listingId, quantity: 2 }]);
    await placeOrder(h, order);
    await h.probe.send('ftt.orders.order.expired.v1', { orderId: order.orderId, expiredAt: new Date().toISOString() });
    await eventually(() => typesOf(order.orderId).length === 2);
    expect(stockEventsOf(h, order.orderId)[1]!.data).toMatchObject({ reason: 'expired' });
    expect(await stockOf(listingId)).toEqual({ available: 10, reserved: 0, sold: 0 });
  });

  it('when an order is cancelled before catalog saw it placed, then the late order.placed reserves nothing', async () => {
    const { listingId } = await publishedListing(h, 'anna', { available: 10 });
    const order = orderPlaced([{ listingId, quantity: 2 }]);
    await h.probe.send('ftt.orders.order.cancelled.v1', { orderId: order.orderId, reason: 'x', cancelledBy: 'system', paid: false });
    await eventually(async () => (await reservationDoc(h, order.orderId))?.status === 'void');
    await h.probe.send('ftt.orders.order.placed.v1', order);
    const marker = orderPlaced([{ listingId, quantity: 1 }], `${order.orderId}-marker`);
    // Same partition key is not guaranteed for the marker, so wait on the listing itself instead.
    await h.probe.send('ftt.orders.order.placed.v1', marker);
    await eventually(() => typesOf(marker.orderId).length === 1);
    await new Promise((r) => setTimeout(r, 800));
    expect(typesOf(order.orderId)).toEqual([]);
    expect(await stockOf(listingId)).toEqual({ available: 9, reserved: 1, sold: 0 });
  });
});
