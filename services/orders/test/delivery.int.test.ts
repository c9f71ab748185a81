import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { address, farmSnapshot } from './support/fixtures';
import { paymentIntent, startHarness } from './support/harness';
import { eventsSettled } from './support/saga-steps';

const h = startedForFile(() => startHarness());

const place = (body: Record<string, unknown>, key = `key-${Math.random()}`) =>
  h.call('POST', '/orders', { token: h.users.ben, body, headers: { 'idempotency-key': key } });

const contact = { name: 'Ben Buyer' };
const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field);

describe('delivery days and drops chosen at checkout', () => {
  it('when the buyer chooses a pickup point and a day, then the order carries the day, the drop and its one fee, order.confirmed passes them on, and the farm sees a packing list of that day', async () => {
    const apples = farmSnapshot('anna');
    const kale = farmSnapshot('joost');
    await h.publishListing(apples);
    await h.publishListing(kale);
    const options = await h.call('GET', '/delivery/options?postalCode=3511%20ED');
    expect(options.status).toBe(200);
    expect(options.body.homeZone).toMatchObject({ zoneId: 'zone-utrecht', feeMinor: 450 });
    const day = options.body.regions.find((r: { region: string }) => r.region === 'Utrecht').days[0].day;

    const lines = [
      { listingId: apples.listingId, quantity: 2 },
      { listingId: kale.listingId, quantity: 3 },
    ];
    const placed = await place({
      lines,
      deliveryAddress: address,
      contact,
      delivery: { method: 'pickup_point', pickupPointId: 'pp-utrecht-kluis', day },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.delivery).toMatchObject({
      day,
      moved: false,
      fee: { amount: 150, currency: 'EUR' },
      drop: { kind: 'pickup_point', pickupPointId: 'pp-utrecht-kluis', opens: '06:00' },
    });
    // The one fee of the drop, not a fee per farm; the boxes go to the locker's address.
    expect(placed.body.totals.delivery.amount).toBe(150);
    expect(placed.body.dropoff.address.line1).toBe('Stationsplein 3');
    const { orderId } = placed.body;

    await h.probe.send('ftt.catalog.stock.reserved.v1', {
      orderId,
      lines,
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    });
    await h.waitForState(orderId, 'awaiting_payment');
    const stored = await h.storedOrder(orderId);
    await h.webhook(
      'payment_intent.succeeded',
      paymentIntent(stored!.payment.paymentId, orderId, stored!.totals.total.amount),
    );
    await h.waitForState(orderId, 'confirmed');
    const [confirmed] = await eventsSettled(h, orderId, 'ftt.orders.order.confirmed.v1', 1);
    expect(confirmed!.data).toMatchObject({
      deliveryDate: day,
      drop: { kind: 'pickup_point', region: 'Utrecht', name: 'Kluis Utrecht Centraal' },
    });

    const packing = await h.call('GET', `/farms/${apples.farmId}/orders?day=${day}`, {
      token: await h.farmer(apples.farmId),
    });
    expect(packing.status).toBe(200);
    expect(packing.body).toMatchObject({ day, packing: [{ lotCode: apples.lot.lotCode, quantity: 2 }] });
    expect(packing.body.items[0]).toMatchObject({
      orderId,
      deliveryDay: day,
      drop: 'Kluis Utrecht Centraal',
    });
    const otherDay = await h.call('GET', `/farms/${apples.farmId}/orders?day=2031-01-01`, {
      token: await h.farmer(apples.farmId),
    });
    expect(otherDay.body.items).toEqual([]);

    // the farm's packer prints the packing list as its owner does
    const pdf = await fetch(`${h.service!.url}/farms/${apples.farmId}/packing.pdf?day=${day}`, {
      headers: { authorization: `Bearer ${await h.farmer(apples.farmId, 'packer', 'user-packer-piet')}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const notHers = await fetch(`${h.service!.url}/farms/${apples.farmId}/packing.pdf?day=${day}`, {
      headers: { authorization: `Bearer ${h.users.joost}` },
    });
    expect(notHers.status).toBe(403);
    const noDay = await h.call('GET', `/farms/${apples.farmId}/packing.pdf`, {
      token: await h.farmer(apples.farmId),
    });
    expect(noDay.status).toBe(400);
    expect(fields(noDay)).toEqual(['query.day']);
  });

  it('when home delivery is chosen for a day whose cut-off passed, then the order moves to the next delivery day and says so', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    // Any Wednesday before today is long past its cut-off: the order goes to the next open Utrecht day.
    const placed = await place({
      lines: [{ listingId: apples.listingId, quantity: 1 }],
      deliveryAddress: address,
      contact,
      delivery: { method: 'home', day: '2026-01-07' },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.delivery).toMatchObject({
      moved: true,
      fee: { amount: 450 },
      drop: { kind: 'home', zoneId: 'zone-utrecht' },
    });
    expect(placed.body.delivery.day > '2026-01-07').toBe(true);
    expect(Date.parse(placed.body.delivery.cutoff)).toBeGreaterThan(Date.now());
  });

  it('when the delivery choice cannot be served or is malformed, then 422 or 400 naming the field, and nothing is stored', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const lines = [{ listingId: apples.listingId, quantity: 1 }];
    const unknownPoint = await place({
      lines,
      deliveryAddress: address,
      contact,
      delivery: { method: 'pickup_point', pickupPointId: 'pp-nowhere' },
    });
    expect(unknownPoint.status).toBe(422);
    expect(fields(unknownPoint)).toEqual(['delivery.pickupPointId']);
    const outside = await place({
      lines,
      deliveryAddress: { ...address, postalCode: '1015 CW', city: 'Amsterdam' },
      contact,
      delivery: { method: 'home' },
    });
    expect(outside.status).toBe(422);
    expect(fields(outside)).toEqual(['deliveryAddress.postalCode']);
    const monday = await place({
      lines,
      deliveryAddress: address,
      contact,
      delivery: { method: 'home', day: '2030-01-07' },
    });
    expect(monday.status).toBe(422);
    expect(fields(monday)).toEqual(['delivery.day']);
    const badDay = await place({
      lines,
      deliveryAddress: address,
      contact,
      delivery: { method: 'home', day: 'next thursday' },
    });
    expect(badDay.status).toBe(400);
    expect(fields(badDay)).toEqual(['body.delivery.day']);
    const badMethod = await place({
      lines,
      deliveryAddress: address,
      contact,
      delivery: { method: 'drone' },
    });
    expect(badMethod.status).toBe(400);
    expect(fields(badMethod)[0]).toMatch(/^body\.delivery/);
    expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': apples.listingId })).toBe(0);
  });
});
