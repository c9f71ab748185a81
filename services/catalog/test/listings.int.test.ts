import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo, daysAhead, eventually, farmBody, listingBody, orderPlaced, startHarness, type Harness } from './support';

let h: Harness;
let annaFarm: string;
beforeAll(async () => {
  h = await startHarness('catalog-listings');
  const farm = await h.call('POST', '/farms', 'anna', farmBody());
  expect(farm.status).toBe(201);
  annaFarm = farm.body.id;
  expect((await h.call('POST', '/farms', 'joost', farmBody({ name: 'Hof van Joost', region: 'Utrecht' }))).status).toBe(201);
});
afterAll(async () => {
  await h?.stop();
});

const listingEvents = (listingId: string) =>
  h.probe.events.filter((e) => e.type.startsWith('ftt.catalog.listing.') && (e.data as { listingId: string }).listingId === listingId);

const draft = async (over: Record<string, unknown> = {}) => {
  const r = await h.call('POST', `/farms/${annaFarm}/listings`, 'anna', listingBody(over));
  expect(r.status).toBe(201);
  return r.body as { id: string; version: number };
};

describe('farms', () => {
  it('when a farmer creates a farm, then it is stored with its certifications (a payout account only comes from Connect onboarding), and a second one is refused', async () => {
    const stored = await h.db.collection('farms').findOne({ _id: annaFarm as never });
    expect(stored).toMatchObject({
      farmerId: 'user-farmer-anna',
      region: 'Gelderland',
      address: { city: 'Ede', geo: { lat: 52.04, lng: 5.66 } },
      certifications: [{ type: 'organic', certifier: 'SKAL' }],
    });
    const again = await h.call('POST', '/farms', 'anna', farmBody({ name: 'Second' }));
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
  });

  it('when a buyer or an anonymous caller creates a farm, then 403 and 401', async () => {
    expect((await h.call('POST', '/farms', 'ben', farmBody())).status).toBe(403);
    expect((await h.call('POST', '/farms', undefined, farmBody())).status).toBe(401);
  });

  it('when a farm lacks coordinates or types a payout account, then 400 naming the field', async () => {
    const noGeo = await h.call('POST', '/farms', 'lena', farmBody({ address: { line1: 'a', city: 'b', postalCode: 'c', country: 'NL' } }));
    expect(noGeo.status).toBe(400);
    expect(noGeo.body.errors.map((e: { field: string }) => e.field)).toContain('body.address.geo');
    const badAcct = await h.call('POST', '/farms', 'lena', farmBody({ payoutAccountId: 'bank-123' }));
    expect(badAcct.body.errors.map((e: { field: string }) => e.field)).toContain('body.payoutAccountId');
    expect(await h.db.collection('farms').countDocuments({ farmerId: 'user-farmer-lena' })).toBe(0);
  });

  it('when a farmer edits another farmer\'s farm, then 403 and nothing changes', async () => {
    const r = await h.call('PATCH', `/farms/${annaFarm}`, 'joost', { name: 'Taken over' });
    expect(r.status).toBe(403);
    expect((await h.db.collection('farms').findOne({ _id: annaFarm as never }))?.name).toBe('De Groene Hoeve');
  });
});

describe('listings', () => {
  it('when a farmer publishes a listing, then listing.published carries the full snapshot with farm, payout account, lot and cold chain', async () => {
    const l = await draft({ title: 'Rainbow chard', unit: 'bunch', unitPrice: { amount: 275, currency: 'EUR' } });
    expect(listingEvents(l.id)).toEqual([]); // a draft is nobody's business yet
    const pub = await h.call('POST', `/listings/${l.id}/publish`, 'anna');
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'published', version: 2, stock: { available: 100, reserved: 0, sold: 0 } });
    const stored = await h.listingDoc(l.id);
    expect(stored).toMatchObject({ status: 'published', version: 2, available: 100, farm: { name: 'De Groene Hoeve', region: 'Gelderland' } });
    await eventually(() => listingEvents(l.id).length === 1);
    const [ev] = listingEvents(l.id);
    expect(ev!.type).toBe('ftt.catalog.listing.published.v1');
    expect(ev!.source).toBe('/fieldtotable/catalog');
    expect(ev!.data).toEqual({
      listingId: l.id,
      farmId: annaFarm,
      farmName: 'De Groene Hoeve',
      farmerId: 'user-farmer-anna',
      region: 'Gelderland',
      pickupAddress: { line1: 'Bosweg 12', city: 'Ede', postalCode: '6711 AB', country: 'NL', geo: { lat: 52.04, lng: 5.66 } },
      title: 'Rainbow chard',
      category: 'vegetables',
      unit: 'bunch',
      unitPrice: { amount: 275, currency: 'EUR' },
      status: 'published',
      lot: { ...(stored.lot as object), farmId: annaFarm, unit: 'bunch' },
      coldChain: { minC: 1, maxC: 6 },
      version: 2,
    });
    const detail = await h.call('GET', `/listings/${l.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.listing).toMatchObject({ id: l.id, lot: stored.lot, available: 100 });
    expect(detail.body.listing.stock).toBeUndefined();
    expect(detail.body.farm).toMatchObject({ id: annaFarm, name: 'De Groene Hoeve', certified: true });
  });

  it('when a listing is edited, paused and archived, then listing.updated (twice) and listing.archived follow with rising versions', async () => {
    const l = await draft();
    await h.call('POST', `/listings/${l.id}/publish`, 'anna');
    const edit = await h.call('PATCH', `/listings/${l.id}`, 'anna', { unitPrice: { amount: 399, currency: 'EUR' }, title: 'Winter carrots (large)' });
    expect(edit.status).toBe(200);
    expect((await h.call('POST', `/listings/${l.id}/pause`, 'anna')).status).toBe(200);
    expect((await h.call('POST', `/listings/${l.id}/archive`, 'anna')).status).toBe(200);
    await eventually(() => listingEvents(l.id).length === 4);
    const evs = listingEvents(l.id);
    expect(evs.map((e) => e.type)).toEqual([
      'ftt.catalog.listing.published.v1',
      'ftt.catalog.listing.updated.v1',
      'ftt.catalog.listing.updated.v1',
      'ftt.catalog.listing.archived.v1',
    ]);
    expect(evs[1]!.data).toMatchObject({ unitPrice: { amount: 399 }, title: 'Winter carrots (large)', status: 'published', version: 3 });
    expect(evs[2]!.data).toMatchObject({ status: 'paused', version: 4 });
    expect(evs[3]!.data).toMatchObject({ listingId: l.id, farmId: annaFarm, version: 5 });
    expect(await h.listingDoc(l.id)).toMatchObject({ status: 'archived', version: 5, unitPrice: { amount: 399 } });
    const again = await h.call('PATCH', `/listings/${l.id}`, 'anna', { title: 'Back' });
    expect(again.status).toBe(409);
    expect((await h.call('GET', `/listings/${l.id}`)).body.listing.status).toBe('archived');
  });

  it('when the unit of a published listing is changed, then 409: held quantities would change meaning', async () => {
    const l = await draft();
    await h.call('POST', `/listings/${l.id}/publish`, 'anna');
    const r = await h.call('PATCH', `/listings/${l.id}`, 'anna', { unit: 'crate' });
    expect(r.status).toBe(409);
    expect((await h.listingDoc(l.id)).unit).toBe('kg');
  });

  it("when a farmer edits, publishes or restocks another farmer's listing, then 403 and nothing changes", async () => {
    const l = await draft();
    const before = await h.listingDoc(l.id);
    expect((await h.call('PATCH', `/listings/${l.id}`, 'joost', { title: 'Mine now' })).status).toBe(403);
    expect((await h.call('POST', `/listings/${l.id}/publish`, 'joost')).status).toBe(403);
    const adj = await h.call('POST', `/listings/${l.id}/stock-adjustments`, 'joost', { kind: 'write_off', quantity: 5, reason: 'spite' });
    expect(adj.status).toBe(403);
    expect(adj.body.code).toBe('listing.forbidden');
    expect(await h.listingDoc(l.id)).toEqual(before);
  });

  it("when a buyer creates a listing, or a farmer creates one on another's farm, then 403", async () => {
    const asBuyer = await h.call('POST', `/farms/${annaFarm}/listings`, 'ben', listingBody());
    expect(asBuyer.status).toBe(403);
    const onOthers = await h.call('POST', `/farms/${annaFarm}/listings`, 'joost', listingBody());
    expect(onOthers.status).toBe(403);
    expect(await h.db.collection('listings').countDocuments({ farmerId: { $ne: 'user-farmer-anna' } })).toBe(0);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a zero price', { unitPrice: { amount: 0, currency: 'EUR' } }, 'body.unitPrice.amount'],
    ['a fractional price', { unitPrice: { amount: 3.5, currency: 'EUR' } }, 'body.unitPrice.amount'],
    ['a lower-case currency', { unitPrice: { amount: 300, currency: 'eur' } }, 'body.unitPrice.currency'],
    ['a negative quantity', { available: -1 }, 'body.available'],
    ['a fractional quantity', { available: 1.5 }, 'body.available'],
    ['an unknown unit', { unit: 'tonne' }, 'body.unit'],
    ['a future harvest date', { lot: { lotCode: 'LOT-F', field: 'A', harvestDate: daysAhead(5), quantity: 10 } }, 'body.lot.harvestDate'],
    ['a best-before before the harvest', { lot: { lotCode: 'LOT-B', field: 'A', harvestDate: daysAgo(2), bestBefore: daysAgo(5), quantity: 10 } }, 'body.lot.bestBefore'],
    ['an impossible date', { lot: { lotCode: 'LOT-I', field: 'A', harvestDate: '2026-02-30', quantity: 10 } }, 'body.lot.harvestDate'],
    ['an inverted cold chain', { coldChain: { minC: 8, maxC: 2 } }, 'body.coldChain.minC'],
    ['a photo that is not a URL', { photos: ['javascript:alert(1)'] }, 'body.photos.0'],
    ['an unknown field', { available: 5, reserved: 3 }, 'body.reserved'],
  ];
  it.each(invalid)('when a listing has %s, then 400 naming the field and nothing is stored', async (_what, over, field) => {
    const count = await h.db.collection('listings').countDocuments({});
    const r = await h.call('POST', `/farms/${annaFarm}/listings`, 'anna', listingBody(over));
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await h.db.collection('listings').countDocuments({})).toBe(count);
  });

  it('when the published listing is past its best-before date, then publishing is refused', async () => {
    const l = await draft({ lot: { lotCode: 'LOT-OLD', field: 'A', harvestDate: daysAgo(20), bestBefore: daysAgo(1), quantity: 10 } });
    const r = await h.call('POST', `/listings/${l.id}/publish`, 'anna');
    expect(r.status).toBe(422);
    expect((await h.listingDoc(l.id)).status).toBe('draft');
  });

  it('when a farm is renamed and moved, then its listings carry the new details and live ones emit listing.updated', async () => {
    const farm = await h.call('POST', '/farms', 'lena', farmBody({ name: 'Lena\'s Orchard' }));
    const l = await h.call('POST', `/farms/${farm.body.id}/listings`, 'lena', listingBody({ category: 'fruit', title: 'Elstar apples' }));
    await h.call('POST', `/listings/${l.body.id}/publish`, 'lena');
    const patch = await h.call('PATCH', `/farms/${farm.body.id}`, 'lena', { name: 'Boomgaard Lena', region: 'Utrecht' });
    expect(patch.status).toBe(200);
    expect(await h.listingDoc(l.body.id)).toMatchObject({ farm: { name: 'Boomgaard Lena', region: 'Utrecht' } });
    await eventually(() => listingEvents(l.body.id).length === 2);
    expect(listingEvents(l.body.id)[1]).toMatchObject({
      type: 'ftt.catalog.listing.updated.v1',
      data: { farmName: 'Boomgaard Lena', region: 'Utrecht', version: 3 },
    });
    const search = await h.call('GET', '/listings?region=Utrecht&category=fruit');
    expect(search.body.items.map((i: { id: string }) => i.id)).toEqual([l.body.id]);
    expect((await h.db.collection('farms').findOne({ _id: farm.body.id }))?.listingsSynced).toBe(true);
  });
});

describe('stock', () => {
  it('when a farmer restocks and writes off, then stock moves, the history keeps both, and no listing event is emitted', async () => {
    const l = await draft({ available: 10 });
    await h.call('POST', `/listings/${l.id}/publish`, 'anna');
    await eventually(() => listingEvents(l.id).length === 1);
    const restock = await h.call('POST', `/listings/${l.id}/stock-adjustments`, 'anna', { kind: 'restock', quantity: 15, reason: 'second picking' }, { 'idempotency-key': 'rs-1' });
    expect(restock.status).toBe(201);
    expect(restock.body.stock).toEqual({ available: 25, reserved: 0, sold: 0 });
    const repeat = await h.call('POST', `/listings/${l.id}/stock-adjustments`, 'anna', { kind: 'restock', quantity: 15, reason: 'second picking' }, { 'idempotency-key': 'rs-1' });
    expect(repeat.body.stock.available).toBe(25);
    const off = await h.call('POST', `/listings/${l.id}/stock-adjustments`, 'anna', { kind: 'write_off', quantity: 4, reason: 'frost damage' });
    expect(off.body.stock.available).toBe(21);
    const tooMuch = await h.call('POST', `/listings/${l.id}/stock-adjustments`, 'anna', { kind: 'write_off', quantity: 22, reason: 'all gone' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.errors[0].field).toBe('body.quantity');
    const noReason = await h.call('POST', `/listings/${l.id}/stock-adjustments`, 'anna', { kind: 'restock', quantity: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('body.reason');

    expect((await h.listingDoc(l.id)).available).toBe(21);
    const history = await h.call('GET', `/listings/${l.id}/stock-adjustments`, 'anna');
    expect(history.body.items.map((a: { kind: string; quantity: number; reason: string; by: string }) => [a.kind, a.quantity, a.reason, a.by])).toEqual([
      ['restock', 15, 'second picking', 'user-farmer-anna'],
      ['write_off', 4, 'frost damage', 'user-farmer-anna'],
    ]);
    await new Promise((r) => setTimeout(r, 800));
    expect(listingEvents(l.id)).toHaveLength(1);
  });

  it('when edits race with reservations, then no reservation is lost: edits never write stock', async () => {
    const l = await draft({ available: 30 });
    await h.call('POST', `/listings/${l.id}/publish`, 'anna');
    const orders = Array.from({ length: 12 }, () => orderPlaced([{ listingId: l.id, quantity: 2 }]));
    await h.probe.send('ftt.orders.order.placed.v1', orders[0]!);
    await Promise.all([
      ...orders.slice(1).map((o) => h.probe.send('ftt.orders.order.placed.v1', o)),
      ...Array.from({ length: 8 }, (_, i) => h.call('PATCH', `/listings/${l.id}`, 'anna', { title: `Carrots, edit ${i}` })),
    ]);
    const reservedIds = () => h.probe.of('ftt.catalog.stock.reserved.v1').filter((e) => orders.some((o) => o.orderId === e.data.orderId));
    await eventually(() => reservedIds().length === 12, 30_000);
    const doc = await h.listingDoc(l.id);
    expect({ available: doc.available, reserved: doc.reserved }).toEqual({ available: 6, reserved: 24 });
    expect((doc.holds as unknown[]).length).toBe(12);
    expect(doc.version).toBeGreaterThanOrEqual(3);
  });
});

describe('the API description', () => {
  it('when /openapi.json and /docs are requested, then the catalog routes are described', async () => {
    const spec = await h.call('GET', '/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/farms', '/farms/{farmId}', '/farms/{farmId}/listings', '/listings', '/listings/{listingId}', '/listings/{listingId}/stock-adjustments']),
    );
    const docs = await fetch(`${h.url}/docs`);
    expect(docs.status).toBe(200);
  });
});
