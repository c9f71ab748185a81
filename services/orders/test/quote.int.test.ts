import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import { farmSnapshot, orderBody } from './support/fixtures';
import { startHarness } from './support/harness';
import { twoFarmCart } from './support/saga-steps';

const h = startedForFile(() => startHarness());

const quote = (body: unknown, token?: string) =>
  h.call('POST', '/orders/quote', { body, ...(token ? { token } : {}) });

describe('quoting an order before placing it', () => {
  it('when a cart spans two farms, then the quote gives goods, delivery per farm and a total without the platform fee, equal to the order placed afterwards', async () => {
    const { apples, lines } = await twoFarmCart(h);
    const q = await quote({ lines });
    expect(q.status).toBe(200);
    expect(q.body.totals).toEqual({
      goods: { amount: 700 + 597, currency: 'EUR' },
      delivery: { amount: 2 * 495, currency: 'EUR' },
      platformFee: { amount: 35 + 30, currency: 'EUR' },
      total: { amount: 700 + 597 + 990, currency: 'EUR' },
    });
    expect(
      q.body.valueSplit.farms.map((f: { farmShareOfProducePercent: number }) => f.farmShareOfProducePercent),
    ).toEqual([95, 95]);

    const placed = await h.call('POST', '/orders', {
      token: h.users.ben,
      body: orderBody(lines),
      headers: { 'idempotency-key': `quote-${apples.listingId}` },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.totals).toEqual(q.body.totals);
    expect(placed.body.valueSplit).toEqual(q.body.valueSplit);
  });

  it('when the body is a full POST /orders body, then it is accepted too, and nothing is stored', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const q = await quote(orderBody([{ listingId: apples.listingId, quantity: 1 }]), h.users.ben);
    expect(q.status).toBe(200);
    expect(q.body.totals.total.amount).toBe(350 + 495);
    expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': apples.listingId })).toBe(0);
  });

  it('when a line names an unknown listing or a bad quantity, then 422 or 400 naming the line', async () => {
    const unknown = await quote({ lines: [{ listingId: 'listing-nope', quantity: 1 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'lines.0.listingId' })]);
    const zero = await quote({ lines: [{ listingId: 'listing-nope', quantity: 0 }] });
    expect(zero.status).toBe(400);
    expect(zero.body.errors[0].field).toBe('body.lines.0.quantity');
  });

  it('when the cart names a delivery choice, then the quote prices its fee and gives its day and drop, as the order placed afterwards', async () => {
    const apples = farmSnapshot('anna');
    const kale = farmSnapshot('joost');
    await h.publishListing(apples);
    await h.publishListing(kale);
    const lines = [
      { listingId: apples.listingId, quantity: 1 },
      { listingId: kale.listingId, quantity: 1 },
    ];
    const options = await h.call('GET', '/delivery/options?postalCode=3511%20ED');
    const day = options.body.regions.find((r: { region: string }) => r.region === 'Utrecht').days[0].day;
    const delivery = { method: 'pickup_point', pickupPointId: 'pp-utrecht-kluis', day };
    const q = await quote({ lines, delivery });
    expect(q.status).toBe(200);
    expect(q.body.totals.delivery.amount).toBe(150); // the locker's one fee, not one per farm
    expect(q.body.delivery).toMatchObject({ day, drop: { kind: 'pickup_point', pickupPointId: 'pp-utrecht-kluis' } });
    const placed = await h.call('POST', '/orders', {
      token: h.users.ben,
      body: { ...orderBody(lines), delivery },
      headers: { 'idempotency-key': `quote-day-${apples.listingId}` },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.totals).toEqual(q.body.totals);
    expect(placed.body.delivery).toEqual(q.body.delivery);
    // Home delivery needs the postal code it depends on.
    const noAddress = await quote({ lines, delivery: { method: 'home', day } });
    expect(noAddress.status).toBe(422);
    expect(noAddress.body.errors).toEqual([expect.objectContaining({ field: 'deliveryAddress' })]);
  });
});
