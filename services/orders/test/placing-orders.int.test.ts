import { describe, expect, it } from 'vitest';
import { orderIdFor } from '../src/use-cases/place-order';
import { startedForFile } from '@ftt/kit/test-hooks';
import { token } from '@ftt/kit/testing';
import { farmSnapshot, orderBody } from './support/fixtures';
import { startHarness } from './support/harness';
import { confirmedOrder, eventsSettled, orderAwaitingPayment } from './support/saga-steps';

const h = startedForFile(() => startHarness());

const post = (body: unknown, key: string | undefined, who = h.users.ben) =>
  h.call('POST', '/orders', {
    token: who,
    body,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });

describe('placing an order', () => {
  it('when the same Idempotency-Key is replayed with the same body, then the same order comes back (201, then 200) and only one exists', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const body = orderBody([{ listingId: apples.listingId, quantity: 1 }]);
    const key = `replay-${apples.listingId}`;
    const first = await post(body, key);
    const again = await post(
      { contact: body.contact, deliveryAddress: body.deliveryAddress, lines: body.lines },
      key,
    );
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
    // The key names the order: no record besides the order itself, which keeps the request's body hash.
    expect(first.body.orderId).toBe(orderIdFor('user-buyer-ben', key));
    const stored = await h.db.collection('orders').findOne({ _id: first.body.orderId });
    expect(stored).toMatchObject({ requestHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await h.db.collection('idempotency_keys').countDocuments({})).toBe(0);
    expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': apples.listingId })).toBe(1);
    expect(await eventsSettled(h, first.body.orderId, 'ftt.orders.order.placed.v1', 1)).toHaveLength(1);
  });

  it('when the same Idempotency-Key comes with another body, then 422 and no second order', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const key = `mismatch-${apples.listingId}`;
    expect((await post(orderBody([{ listingId: apples.listingId, quantity: 1 }]), key)).status).toBe(201);
    const other = await post(orderBody([{ listingId: apples.listingId, quantity: 5 }]), key);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'idempotency.unprocessable', status: 422 });
    expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': apples.listingId })).toBe(1);
  });

  it('when two requests with the same key race, then both get the one order', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const body = orderBody([{ listingId: apples.listingId, quantity: 4 }]);
    const key = `race-${apples.listingId}`;
    const [a, b] = await Promise.all([post(body, key), post(body, key)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.orderId).toBe(b.body.orderId);
    expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': apples.listingId })).toBe(1);
  });

  it('when a retry comes after its listing was paused, then the first order comes back (200), not a refusal', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const body = orderBody([{ listingId: apples.listingId, quantity: 1 }]);
    const key = `paused-${apples.listingId}`;
    const first = await post(body, key);
    expect(first.status).toBe(201);
    await h.probe.send('ftt.catalog.listing.updated.v1', { ...apples, status: 'paused', version: 2 });
    const { eventually } = await import('@ftt/kit/testing');
    await eventually(
      async () =>
        (await h.db.collection('listings').findOne({ _id: apples.listingId as never }))?.snapshot.status === 'paused',
    );
    const fresh = await post(body, `${key}-new`);
    expect(fresh.status).toBe(422); // a new order for it is refused ...
    const again = await post(body, key);
    expect(again.status).toBe(200); // ... while the retry of the first gets it back
    expect(again.body.orderId).toBe(first.body.orderId);
    expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': apples.listingId })).toBe(1);
  });

  it('when another buyer uses the same key, then it is a different order (keys belong to a buyer)', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const body = orderBody([{ listingId: apples.listingId, quantity: 1 }]);
    const ben = await post(body, 'shared-key-1');
    const carla = await post(body, 'shared-key-1', h.users.carla);
    expect([ben.status, carla.status]).toEqual([201, 201]);
    expect(carla.body.orderId).not.toBe(ben.body.orderId);
    expect(carla.body.buyerId).toBe('user-buyer-carla');
  });

  it('when the Idempotency-Key header is missing, then 400 naming it', async () => {
    const res = await post(orderBody([{ listingId: 'x', quantity: 1 }]), undefined);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'headers.idempotency-key', message: 'the Idempotency-Key header is required' },
    ]);
  });

  it('when a line names an unknown, paused or archived listing, then 422 naming each line and nothing is stored', async () => {
    const ok = farmSnapshot('anna');
    const paused = farmSnapshot('anna');
    const archived = farmSnapshot('joost');
    for (const s of [ok, paused, archived]) await h.publishListing(s);
    await h.probe.send('ftt.catalog.listing.updated.v1', { ...paused, status: 'paused', version: 2 });
    await h.probe.send('ftt.catalog.listing.archived.v1', {
      listingId: archived.listingId,
      farmId: archived.farmId,
      version: 2,
      archivedAt: new Date().toISOString(),
    });
    await h.probe.send('ftt.catalog.listing.updated.v1', { ...paused, status: 'published', version: 1 }); // stale: ignored
    const { eventually } = await import('@ftt/kit/testing');
    await eventually(
      async () =>
        (await h.db.collection('listings').findOne({ _id: archived.listingId as never }))?.archived === true,
    );
    await eventually(
      async () =>
        (await h.db.collection('listings').findOne({ _id: paused.listingId as never }))?.snapshot.status ===
        'paused',
    );

    const lines = [ok, { listingId: 'listing-nobody-knows' }, paused, archived].map((s) => ({
      listingId: s.listingId,
      quantity: 1,
    }));
    const res = await post(orderBody(lines), `bad-lines-${ok.listingId}`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'order.unprocessable' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'lines.1.listingId',
      'lines.2.listingId',
      'lines.3.listingId',
    ]);
    expect(res.body.errors[0].message).toBe('unknown listing: listing-nobody-knows');
    expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': ok.listingId })).toBe(0);
    // The key is not taken by a refused order: the same key with lines that can be ordered places it.
    const fixed = await post(orderBody([{ listingId: ok.listingId, quantity: 1 }]), `bad-lines-${ok.listingId}`);
    expect(fixed.status).toBe(201);
  });

  it('when the body carries a price, an unknown field or a bad quantity, then 400 naming the field', async () => {
    const body = orderBody([{ listingId: 'l-1', quantity: 0 }]);
    const zero = await post(body, 'k-zero');
    expect(zero.status).toBe(400);
    expect(zero.body.errors[0].field).toBe('body.lines.0.quantity');
    const priced = await post(
      { ...body, lines: [{ listingId: 'l-1', quantity: 1, unitPrice: 1 }] },
      'k-price',
    );
    expect(priced.status).toBe(400);
    expect(priced.body.errors[0].field).toBe('body.lines.0.unitPrice');
    const noCountry = await post(
      {
        ...body,
        lines: [{ listingId: 'l-1', quantity: 1 }],
        deliveryAddress: { line1: 'x', city: 'y', postalCode: '1' },
      },
      'k-addr',
    );
    expect(noCountry.status).toBe(400);
    expect(noCountry.body.errors[0].field).toBe('body.deliveryAddress.country');
  });
});

describe('who may see and change an order', () => {
  it('when there is no token or the wrong role, then 401 or 403', async () => {
    expect((await h.call('POST', '/orders', { body: {} })).status).toBe(401);
    // a farmer shops too (memberships: everyone is a buyer); a farm member without the buyer membership does not
    expect((await post(orderBody([{ listingId: 'l', quantity: 1 }]), 'k-farmer', h.users.anna)).status).toBe(422);
    const onlyFarm = await token(h.t, { userId: 'user-farmer-x', memberships: [{ kind: 'farm', farmId: 'f-x', role: 'owner' }] });
    expect((await post(orderBody([{ listingId: 'l', quantity: 1 }]), 'k-farm-only', onlyFarm)).status).toBe(403);
  });

  it('when another buyer reads, cancels or pays my order, then 404 and nothing changes', async () => {
    const o = await orderAwaitingPayment(h);
    for (const [method, path] of [
      ['GET', `/orders/${o.orderId}`],
      ['POST', `/orders/${o.orderId}/cancel`],
      ['POST', `/orders/${o.orderId}/payment`],
      ['POST', `/orders/${o.orderId}/pay`],
    ] as const) {
      const res = await h.call(method, path, { token: h.users.carla });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('order.not_found');
    }
    expect((await h.storedOrder(o.orderId))!.state).toBe('awaiting_payment');
    const carlas = await h.call('GET', '/orders', { token: h.users.carla });
    expect(carlas.body.items.map((x: { orderId: string }) => x.orderId)).not.toContain(o.orderId);
    expect((await h.call('GET', `/orders/${o.orderId}`, { token: h.users.ada })).status).toBe(200);
  });

  it('when I list my orders, then each comes with its timeline and value split', async () => {
    const o = await orderAwaitingPayment(h);
    const mine = await h.call('GET', '/orders', { token: h.users.ben });
    expect(mine.status).toBe(200);
    const listed = mine.body.items.find((x: { orderId: string }) => x.orderId === o.orderId);
    expect(listed.timeline.map((e: { state: string }) => e.state)).toEqual(['pending', 'awaiting_payment']);
    expect(listed.valueSplit).toMatchObject({
      total: { amount: 2287 },
      farmersReceive: { amount: 665 + 567 },
      farmShareOfProducePercent: 95,
    });
    expect(listed).not.toHaveProperty('payment.clientSecret');
  });

  it('when Stripe is the provider, then the simulated pay endpoint is refused', async () => {
    const o = await orderAwaitingPayment(h);
    const res = await h.call('POST', `/orders/${o.orderId}/pay`, { token: h.users.ben });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('payment.conflict');
    expect((await h.storedOrder(o.orderId))!.state).toBe('awaiting_payment');
  });
});

describe('the API description', () => {
  it('when /openapi.json is read, then every orders route is described with its Idempotency-Key and problem replies', async () => {
    const res = await h.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).sort()).toEqual(
      [
        // the kit's operator endpoints, on every service
        '/admin/audit',
        '/admin/dead-letters',
        '/admin/dead-letters/replay',
        '/admin/lag',
        '/admin/outbox',
        // the back office over orders
        '/admin/orders',
        '/admin/orders/stuck',
        '/admin/orders/{orderId}',
        '/admin/orders/{orderId}/refunds',
        // the reconciliation of a farm's running payout totals
        '/admin/farms/{farmId}/payouts/totals/reconcile',
        // the business figures per day
        '/admin/figures',
        // the day's reconciliation against the payment provider (issue #33)
        '/admin/reconciliation',
        '/admin/reconciliation.csv',
        // the published delivery offer per region
        '/admin/delivery/regions',
        '/admin/delivery/regions/{region}',
        // the published markets (issue #31)
        '/admin/markets/{code}',
        '/markets',
        '/delivery/options',
        '/farms/{farmId}/orders',
        '/farms/{farmId}/packing.pdf',
        '/farms/{farmId}/payouts',
        '/farms/{farmId}/payouts/totals',
        '/farms/{farmId}/report.csv',
        '/farms/{farmId}/report.pdf',
        '/orders',
        '/orders/{orderId}',
        '/orders/{orderId}/cancel',
        '/orders/{orderId}/company',
        '/orders/{orderId}/credit-note.pdf',
        '/orders/{orderId}/invoice.pdf',
        '/orders/{orderId}/pay',
        '/orders/{orderId}/payment',
        '/orders/{orderId}/receipt.pdf',
        '/orders/quote',
        '/webhooks/stripe',
      ].sort(),
    );
    expect(res.body.paths['/orders'].post.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
    expect(Object.keys(res.body.paths['/orders'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409', '422']),
    );
  });
});

describe('what farmers see', () => {
  it('when a farmer opens their farm, then paid orders show their own lines and what is left to pack; another farmer gets 403', async () => {
    const o = await confirmedOrder(h);
    const res = await h.call('GET', `/farms/${o.apples.farmId}/orders`, { token: await h.farmer(o.apples.farmId) });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        orderId: o.orderId,
        state: 'confirmed',
        toPack: true,
        lines: [
          {
            listingId: o.apples.listingId,
            title: 'Elstar apples',
            unit: 'kg',
            lotCode: o.apples.lot.lotCode,
            quantity: 2,
          },
        ],
        farmerReceives: { amount: 665, currency: 'EUR' },
      }),
    ]);
    expect(res.body.packing).toEqual([
      {
        listingId: o.apples.listingId,
        title: 'Elstar apples',
        unit: 'kg',
        lotCode: o.apples.lot.lotCode,
        quantity: 2,
      },
    ]);
    expect((await h.call('GET', `/farms/${o.apples.farmId}/orders`, { token: h.users.joost })).status).toBe(
      403,
    );
    // a packer of the farm sees what to pack, and not its payouts (issue #28: the permission table)
    const packer = await h.farmer(o.apples.farmId, 'packer', 'user-packer-piet');
    expect((await h.call('GET', `/farms/${o.apples.farmId}/orders`, { token: packer })).body.items).toHaveLength(1);
    for (const path of ['payouts', 'payouts/totals']) {
      const r = await h.call('GET', `/farms/${o.apples.farmId}/${path}`, { token: packer });
      expect(r.status, path).toBe(403);
      expect(r.body.detail, path).toMatch(/a packer of this farm may not do this \(payouts.read\)/);
    }
    expect((await h.call('GET', `/farms/${o.apples.farmId}/orders`, { token: h.users.ben })).status).toBe(
      403,
    );
    expect((await h.call('GET', '/farms/farm-nobody/orders', { token: h.users.anna })).status).toBe(404);
  });
});
