import { startedForFile } from '@ftt/kit/test-hooks';
import { describe, expect, it } from 'vitest';
import { address, farmSnapshot } from './support/fixtures';
import { startHarness } from './support/harness';

const h = startedForFile(() => startHarness());

const REGIONS = '/admin/delivery/regions';
const audit = (region: string) =>
  h.db.collection('admin_audit').find({ 'target.type': 'delivery_region', 'target.id': region }).toArray();
const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field);

/** The stored Utrecht offer as a PUT body (everything the GET returns that the body takes). */
const editable = async (region = 'Utrecht') => {
  const got = await h.call('GET', `${REGIONS}/${region}`, { token: h.users.ada });
  expect(got.status).toBe(200);
  const { region: _r, updatedAt: _u, updatedBy: _b, ...body } = got.body;
  return body as {
    version: number;
    timeZone: string;
    rules: { weekday: number; cutoffDaysBefore: number; cutoffTime: string }[];
    pickupPoints: Record<string, unknown>[];
    zones: Record<string, unknown>[];
  };
};

const put = (body: unknown, region = 'Utrecht', token = h.users.ada) => h.call('PUT', `${REGIONS}/${region}`, { token, body });

const place = (delivery: Record<string, unknown>, listingId: string) =>
  h.call('POST', '/orders', {
    token: h.users.ben,
    body: { lines: [{ listingId, quantity: 1 }], deliveryAddress: address, contact: { name: 'Ben Buyer' }, delivery },
    headers: { 'idempotency-key': `key-${Math.random()}` },
  });

describe('operators publish the delivery offer per region', () => {
  it('when a buyer, farmer or anonymous caller uses the offer endpoints, then 403 / 401 and nothing changes', async () => {
    const body = { ...(await editable()), reason: 'not theirs to change' };
    for (const who of [h.users.ben, h.users.anna]) {
      expect((await h.call('GET', REGIONS, { token: who })).status).toBe(403);
      expect((await h.call('GET', `${REGIONS}/Utrecht`, { token: who })).status).toBe(403);
      expect(await put(body, 'Utrecht', who)).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });
    }
    expect((await h.call('GET', REGIONS)).status).toBe(401);
    expect((await h.call('PUT', `${REGIONS}/Utrecht`, { body })).status).toBe(401);
    expect(await audit('Utrecht')).toHaveLength(0);
    expect((await editable()).version).toBe(body.version);
  });

  it('when the service starts on an empty database, then the bundled demo offer is the first version of each region', async () => {
    const list = await h.call('GET', REGIONS, { token: h.users.ada });
    expect(list.status).toBe(200);
    expect(list.body.regions).toEqual([
      expect.objectContaining({ region: 'Gelderland', version: 1, days: 2, pickupPoints: 3, zones: 3, updatedBy: 'bundled demo offer' }),
      expect.objectContaining({ region: 'Utrecht', version: 1, days: 2, pickupPoints: 2, zones: 2 }),
    ]);
    expect((await h.call('GET', `${REGIONS}/Friesland`, { token: h.users.ada })).status).toBe(404);
  });

  it('when an operator publishes a change, then it is audited, the checkout offers it, a new order uses it and an order placed before keeps its drop', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const before = await place({ method: 'pickup_point', pickupPointId: 'pp-utrecht-vredenburg' }, apples.listingId);
    expect(before.status).toBe(201);

    const offer = await editable();
    const locker = {
      pickupPointId: 'pp-utrecht-leidsche-rijn',
      name: 'Kluis Leidsche Rijn',
      kind: 'locker',
      address: { line1: 'Berlijnplein 1', city: 'Utrecht', postalCode: '3541 CM', country: 'NL', geo: { lat: 52.098, lng: 5.06 } },
      opens: '07:00',
      closes: '22:00',
      feeMinor: 99,
    };
    const published = await put({
      ...offer,
      // Friday only now, orders by Wednesday 12:00; the market stall is gone, a new locker opens.
      rules: [{ weekday: 5, cutoffDaysBefore: 2, cutoffTime: '12:00' }],
      pickupPoints: [offer.pickupPoints.find((p) => p.pickupPointId === 'pp-utrecht-kluis'), locker],
      reason: 'Friday round from January',
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ region: 'Utrecht', version: offer.version + 1, updatedBy: 'user-admin-ada' });

    const [entry] = await audit('Utrecht');
    expect(entry).toMatchObject({
      action: 'delivery_offer.publish',
      reason: 'Friday round from January',
      actor: { userId: 'user-admin-ada' },
      details: { version: offer.version + 1, pickupPoints: ['pp-utrecht-kluis', 'pp-utrecht-leidsche-rijn'] },
    });

    const options = await h.call('GET', '/delivery/options');
    const utrecht = options.body.regions.find((r: { region: string }) => r.region === 'Utrecht');
    expect(utrecht.days.length).toBeGreaterThan(0);
    expect(utrecht.days.every((d: { day: string }) => new Date(`${d.day}T12:00:00Z`).getUTCDay() === 5)).toBe(true);
    const ids = options.body.pickupPoints.map((p: { pickupPointId: string }) => p.pickupPointId);
    expect(ids).toContain('pp-utrecht-leidsche-rijn');
    expect(ids).not.toContain('pp-utrecht-vredenburg');

    const quote = await h.call('POST', '/orders/quote', {
      body: { lines: [{ listingId: apples.listingId, quantity: 1 }], delivery: { method: 'pickup_point', pickupPointId: 'pp-utrecht-leidsche-rijn' } },
    });
    expect(quote.status).toBe(200);
    expect(quote.body.delivery).toMatchObject({ day: utrecht.days[0].day, fee: { amount: 99 } });
    const after = await place({ method: 'pickup_point', pickupPointId: 'pp-utrecht-leidsche-rijn' }, apples.listingId);
    expect(after.status).toBe(201);
    expect(after.body.delivery).toMatchObject({
      day: utrecht.days[0].day,
      fee: { amount: 99 },
      drop: { pickupPointId: 'pp-utrecht-leidsche-rijn', opens: '07:00' },
    });
    const gone = await place({ method: 'pickup_point', pickupPointId: 'pp-utrecht-vredenburg' }, apples.listingId);
    expect(gone.status).toBe(422);
    expect(fields(gone)).toEqual(['delivery.pickupPointId']);

    const kept = await h.storedOrder(before.body.orderId);
    expect(kept!.delivery).toMatchObject({ day: before.body.delivery.day, drop: { pickupPointId: 'pp-utrecht-vredenburg' } });
  });

  it('when two operators edit the same version, then the second gets 409 naming the version and nothing of theirs is stored', async () => {
    const offer = await editable('Gelderland');
    const first = await put({ ...offer, reason: 'first edit' }, 'Gelderland');
    expect(first.status).toBe(200);
    const second = await put({ ...offer, zones: [], reason: 'second edit' }, 'Gelderland');
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect(second.body).toMatchObject({ code: 'offer.conflict' });
    expect(fields(second)).toEqual(['body.version']);
    expect((await editable('Gelderland')).zones).toHaveLength(3);
    expect((await audit('Gelderland')).map((e) => e.reason)).toEqual(['first edit']);
  });

  it('when a new region is published with version 0, then it is listed and offered; version 0 again is a 409', async () => {
    const body = {
      version: 0,
      rules: [{ weekday: 2, cutoffDaysBefore: 1, cutoffTime: '20:00' }],
      pickupPoints: [],
      zones: [{ zoneId: 'zone-haarlem', name: 'Haarlem', postcodes: [[2000, 2037]], feeMinor: 500 }],
      reason: 'opening Noord-Holland',
    };
    const created = await put(body, 'Noord-Holland');
    expect(created).toMatchObject({ status: 200, body: { version: 1, timeZone: 'Europe/Amsterdam' } });
    const options = await h.call('GET', '/delivery/options?postalCode=2011%20AB');
    expect(options.body.homeZone).toMatchObject({ zoneId: 'zone-haarlem', region: 'Noord-Holland', feeMinor: 500 });
    expect((await put(body, 'Noord-Holland')).status).toBe(409);
  });

  it('when the offer is malformed or breaks a rule, then 400 problem+json naming the field, and nothing is stored', async () => {
    const offer = await editable();
    const [rule] = offer.rules;
    const [point] = offer.pickupPoints;
    const [zone] = offer.zones;
    const cases: [Record<string, unknown>, string][] = [
      [{ rules: [{ ...rule, cutoffDaysBefore: 0 }] }, 'body.rules.0.cutoffDaysBefore'],
      [{ rules: [{ ...rule, cutoffTime: '25:00' }] }, 'body.rules.0.cutoffTime'],
      [{ rules: [{ ...rule, weekday: 8 }] }, 'body.rules.0.weekday'],
      [{ pickupPoints: [point, point] }, 'body.pickupPoints.1.pickupPointId'],
      [{ pickupPoints: [{ ...point, feeMinor: -1 }] }, 'body.pickupPoints.0.feeMinor'],
      [{ pickupPoints: [{ ...point, kind: 'van' }] }, 'body.pickupPoints.0.kind'],
      [{ pickupPoints: [{ ...point, pickupPointId: 'pp-ede-hofwinkel' }] }, 'body.pickupPoints.0.pickupPointId'],
      [{ zones: [{ ...zone, feeMinor: -10 }] }, 'body.zones.0.feeMinor'],
      [{ zones: [{ ...zone, postcodes: [[6700, 6705]] }] }, 'body.zones.0.postcodes.0'],
      [{ timeZone: 'Europe/London' }, 'body.timeZone'],
      [{ reason: undefined }, 'body.reason'],
      [{ colour: 'green' }, 'body.colour'],
    ];
    for (const [change, field] of cases) {
      const res = await put({ ...offer, reason: 'a bad edit', ...change });
      expect(res.status, field).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(fields(res), field).toContain(field);
    }
    expect((await h.call('PUT', `${REGIONS}/%24where`, { token: h.users.ada, body: { ...offer, reason: 'x y z' } })).status).toBe(400);
    expect((await editable()).version).toBe(offer.version);
  });
});
