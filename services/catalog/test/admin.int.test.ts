import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually, orderPlaced, placeOrder, publishedListing, startHarness, stockEventsOf } from './support';

const h = startedForFile(() => startHarness('catalog-admin'));

const audit = (farmId: string) => h.db.collection('admin_audit').find({ 'target.type': 'farm', 'target.id': farmId }).sort({ at: 1 }).toArray();
const searchIds = async (q: string) =>
  ((await h.call('GET', `/listings?q=${encodeURIComponent(q)}&limit=50`)).body.items as { id: string }[]).map((l) => l.id);
const snapshotsOf = (listingId: string) =>
  h.probe.events.filter((e) => e.type === 'ftt.catalog.listing.updated.v1' && (e.data as { listingId: string }).listingId === listingId);

describe("the operators' back office over farms", () => {
  it('when a buyer or farmer asks for the admin endpoints, then 403, 401 without a token, and nothing is written', async () => {
    const { farmId } = await publishedListing(h, 'lena', { title: 'Lena beans' });
    for (const who of ['ben', 'lena'] as const) {
      expect((await h.call('GET', '/admin/farms', who)).status).toBe(403);
      const res = await h.call('POST', `/admin/farms/${farmId}/suspend`, who, { reason: 'testing the guard' });
      expect(res).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });
    }
    expect((await h.call('GET', '/admin/farms')).status).toBe(401);
    expect(await audit(farmId)).toHaveLength(0);
  });

  it("when an admin suspends a farm, then its listings leave search, orders are told they are paused, a reservation is rejected, and it is audited; reinstating brings them back", async () => {
    const { farmId, listingId } = await publishedListing(h, 'anna', { title: 'Suspendable leeks', available: 10 });
    expect(await searchIds('Suspendable leeks')).toContain(listingId);

    const res = await h.call('POST', `/admin/farms/${farmId}/suspend`, 'ada', { reason: 'food safety inspection' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: farmId, suspended: { by: 'user-admin-ada', reason: 'food safety inspection' } });
    expect(await searchIds('Suspendable leeks')).not.toContain(listingId);
    await eventually(() => snapshotsOf(listingId).some((e) => (e.data as { status: string }).status === 'paused'));

    const order = orderPlaced([{ listingId, quantity: 1 }]);
    await placeOrder(h, order);
    expect(stockEventsOf(h, order.orderId)[0]).toMatchObject({ type: 'ftt.catalog.stock.rejected.v1', data: { reason: 'listing_unavailable' } });
    expect((await h.listingDoc(listingId)).available).toBe(10);

    const again = await h.call('POST', `/admin/farms/${farmId}/suspend`, 'ada', { reason: 'twice' });
    expect(again).toMatchObject({ status: 409, body: { code: 'farm.conflict' } });

    const back = await h.call('POST', `/admin/farms/${farmId}/reinstate`, 'ada', { reason: 'inspection passed' });
    expect(back).toMatchObject({ status: 200, body: { suspended: null } });
    expect(await searchIds('Suspendable leeks')).toContain(listingId);
    await eventually(() => (snapshotsOf(listingId).at(-1)?.data as { status: string } | undefined)?.status === 'published');
    const later = orderPlaced([{ listingId, quantity: 1 }]);
    await placeOrder(h, later);
    expect(stockEventsOf(h, later.orderId)[0]!.type).toBe('ftt.catalog.stock.reserved.v1');

    expect((await audit(farmId)).map((a) => [a.action, a.reason, a.actor.userId])).toEqual([
      ['farm.suspend', 'food safety inspection', 'user-admin-ada'],
      ['farm.reinstate', 'inspection passed', 'user-admin-ada'],
    ]);
    const reservation = await h.call('GET', `/admin/reservations/${later.orderId}`, 'ada');
    expect(reservation.body).toMatchObject({ orderId: later.orderId, status: 'reserved', entries: [{ service: 'catalog', type: 'reservation.opened' }, { type: 'reservation.reserved' }] });
  });

  it("when a farm is suspended, then its public farm page and listing pages are 404 and it leaves the farm list, while its own farmer and operators still see them; reinstating brings them back", async () => {
    const { farmId, listingId } = await publishedListing(h, 'joost', { title: 'Hidden chard' });
    const publicly = async () => ({
      farm: (await h.call('GET', `/farms/${farmId}`)).status,
      listing: (await h.call('GET', `/listings/${listingId}`)).status,
      listed: ((await h.call('GET', '/farms')).body.items as { id: string }[]).some((f) => f.id === farmId),
    });
    expect(await publicly()).toEqual({ farm: 200, listing: 200, listed: true });

    expect((await h.call('POST', `/admin/farms/${farmId}/suspend`, 'ada', { reason: 'hygiene complaint' })).status).toBe(200);
    expect(await publicly()).toEqual({ farm: 404, listing: 404, listed: false });
    // a buyer signed in is the public too
    expect((await h.call('GET', `/farms/${farmId}`, 'ben')).status).toBe(404);
    expect((await h.call('GET', `/listings/${listingId}`, 'ben')).status).toBe(404);
    // the farm's own farmer and operators still see the farm and its listings
    for (const who of ['joost', 'ada'] as const) {
      const farm = await h.call('GET', `/farms/${farmId}`, who);
      expect(farm.status).toBe(200);
      expect(farm.body.listings.map((l: { id: string }) => l.id)).toContain(listingId);
      expect((await h.call('GET', `/listings/${listingId}`, who)).status).toBe(200);
    }
    const mine = await h.call('GET', '/farms/mine', 'joost');
    expect(mine.body.listings.map((l: { id: string }) => l.id)).toContain(listingId);

    expect((await h.call('POST', `/admin/farms/${farmId}/reinstate`, 'ada', { reason: 'cleared' })).status).toBe(200);
    expect(await publicly()).toEqual({ farm: 200, listing: 200, listed: true });
  });

  it('when an admin pages the farms, then each page continues the last by name, and the status filter holds', async () => {
    await publishedListing(h, 'joost', { title: 'Joost kale' });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await h.call('GET', `/admin/farms?limit=1${after ? `&cursor=${after}` : ''}`, 'ada');
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((f: { name: string }) => f.name));
      after = res.body.nextCursor;
    } while (after);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    const active = await h.call('GET', '/admin/farms?status=active', 'ada');
    expect(active.body.items.every((f: { suspended: unknown }) => f.suspended === null)).toBe(true);
  });

  it('when an admin sends bad input, then 4xx problem+json naming the field', async () => {
    const { farmId } = await publishedListing(h, 'anna');
    const cases: [string, string, unknown, string][] = [
      ['GET', '/admin/farms?status=gone', undefined, 'query.status'],
      ['GET', '/admin/farms?limit=1000', undefined, 'query.limit'],
      ['GET', '/admin/farms?cursor=%%%', undefined, 'query.cursor'],
      ['POST', `/admin/farms/${farmId}/suspend`, {}, 'body.reason'],
      ['POST', `/admin/farms/${farmId}/suspend`, { reason: 'ok reason', extra: 1 }, 'body.extra'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await h.call(method, path, 'ada', body);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field), path).toContain(field);
    }
    expect((await h.call('POST', '/admin/farms/no-such-farm/suspend', 'ada', { reason: 'nobody' })).status).toBe(404);
    expect((await h.call('GET', '/admin/reservations/no-such-order', 'ada')).status).toBe(404);
  });
});
