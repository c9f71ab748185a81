import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, testEnv } from '@ftt/kit/testing';
import mongoose, { type mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, buyerAddress, farmBody, listingBody } from '../support/actors';
import { SERVICES } from '../support/chaos-db';
import { Mailpit } from '../support/mailpit';
import { root, startSystem, type AnyServiceName } from '../support/system';
import { describePlan, explainAll, fieldsOf, profiledQueries, setProfiling, startProfiling, type Kind, type Plan, type QueryShape } from './query-plan-check';

/**
 * Every query the three services send to the database, on the per-order path and in the background
 * (sweepers, outbox relays, the backlog gauge), is served by an index: a new query without one fails here.
 *
 * How (./query-plan-check.ts): every operation profiled, each distinct query explained again and its plan
 * summarised; a COLLSCAN in the plan of any query of a shape fails the service's test
 * and names the shape (namespace, filter, sort). The table of every shape and its plans is written to
 * test-results/logs/<run>-query-plans.txt.
 */

const t = testEnv('qplans');
/** The saga's services and notifications (which sends its mail to a mailpit of the test's own). */
const PROFILED: readonly AnyServiceName[] = [...SERVICES, 'notifications'];
const serviceDbName = (service: AnyServiceName) => `${new URL(t.mongoUrl).pathname.slice(1)}_${service}`;
const mail = new Mailpit(t.run);
const PROFILE_BYTES = 64 * 1024 * 1024; // the default 1 MB capped profile would wrap during the run
let client: mongo.MongoClient;
let sys: Awaited<ReturnType<typeof startSystem>> | undefined;
let plans: Plan[] | undefined;

interface Expected {
  what: string;
  service: AnyServiceName;
  collection: string;
  kind: Kind;
  fields: string[];
  /** A sweeper or relay scan: must have run at least twice after the traffic. */
  background: boolean;
}
const expected = (
  what: string,
  [service, collection]: [AnyServiceName, string],
  kind: Kind,
  fields: string[],
  background = false,
): Expected => ({ what, service, collection, kind, fields, background });

/** The queries the run must have produced, so the index check cannot pass on an empty profile. */
const EXPECTED: Expected[] = [
  expected("a buyer's orders (GET /orders)", ['orders', 'orders'], 'find', ['buyerId']),
  expected("a buyer's orders, a next page (placedAt, _id)", ['orders', 'orders'], 'find', ['buyerId', 'placedAt', '_id']),
  // A farm's lists (its orders, its orders in an end state, its payouts) read day buckets (issue #27, order-pages.ts).
  expected("a farm's orders, its payouts, its orders in an end state: a day bucket", ['orders', 'orders'], 'find', ['pageKeys']),
  expected("a farm's lists, a next page: the cursor's day bucket from the cursor's time", ['orders', 'orders'], 'find', ['pageKeys', 'placedAt']),
  expected("a farm's lists: which days hold orders (the directory)", ['orders', 'page_buckets'], 'find', ['k', 'y']),
  expected("an order's day buckets listed before its write (the directory)", ['orders', 'page_buckets'], 'update', ['_id']),
  expected("a farm's orders in a state orders pass through (those in flight)", ['orders', 'orders'], 'find', ['farmIds', 'state']),
  expected("a farm's orders in flight, a next page", ['orders', 'orders'], 'find', ['farmIds', 'state', 'placedAt', '_id']),
  expected("a farm's running payout totals", ['orders', 'farm_money'], 'find', ['farmId']),
  expected("an order's write moving its farms' totals (in its transaction)", ['orders', 'farm_money'], 'update', ['_id']),
  expected("a farm's money over its history (the totals' reconciliation)", ['orders', 'orders'], 'aggregate', ['farmIds', 'state']),
  expected("a farm's packing sums (its orders in flight)", ['orders', 'orders'], 'aggregate', ['farmIds', 'state']),
  expected('the back office: orders, a next page', ['orders', 'orders'], 'find', ['placedAt', '_id']),
  expected('the orders expiry sweeper', ['orders', 'orders'], 'find', ['state', 'expiresAt'], true),
  expected('the orders follow-up sweeper', ['orders', 'orders'], 'find', ['followUpAt'], true),
  expected('the orders outbox relay scan', ['orders', 'orders'], 'find', ['outboxPending'], true),
  // A write that carries events takes the relay's lease itself when nothing older is pending (the usual case), so the
  // relay's own claim (findAndModify on _id and outboxPending) runs only after a crash or behind a pending event: it is
  // checked whenever it shows up, but a run need not make one.
  expected('the orders write that takes the outbox lease', ['orders', 'orders'], 'update', ['_id', 'version', 'outboxPending']),
  expected('the orders outbox backlog gauge', ['orders', 'orders'], 'aggregate', ['outboxPending']),
  expected("the operators' business figures (GET /admin/figures)", ['orders', 'orders'], 'aggregate', ['placedAt']),
  expected("a farm's farmer (orders' listings)", ['orders', 'listings'], 'find', ['snapshot.farmId']),
  expected("catalog's expired reservations sweep", ['catalog', 'reservations'], 'find', ['status', 'expiresAt'], true),
  expected("catalog's stalled reservations sweep", ['catalog', 'reservations'], 'find', ['status', 'claimUntil'], true),
  expected("catalog's unsynced farms sweep", ['catalog', 'farms'], 'find', ['listingsSynced'], true),
  expected('the public farm list (suspended farms left out)', ['catalog', 'farms'], 'find', ['suspended.at']),
  // audit entries written with an action and left on its document by a crash: each watched collection's recovery
  expected("the audit recovery (catalog's farms)", ['catalog', 'farms'], 'find', ['auditPending.at'], true),
  expected("the audit recovery (orders' orders)", ['orders', 'orders'], 'find', ['auditPending.at'], true),
  expected("the audit recovery (logistics' partners)", ['logistics', 'partners'], 'find', ['auditPending.at'], true),
  expected('the listings outbox relay scan', ['catalog', 'listings'], 'find', ['outboxPending'], true),
  expected(
    'the reservations outbox relay scan',
    ['catalog', 'reservations'],
    'find',
    ['outboxPending'],
    true,
  ),
  expected('catalog search', ['catalog', 'listings'], 'find', ['status', 'unitPrice.amount']),
  expected("a farm's listings", ['catalog', 'listings'], 'find', ['farmId']),
  expected('a stock hold', ['catalog', 'listings'], 'update', ['_id', 'available']),
  expected('open shipments of a region', ['logistics', 'shipments'], 'find', ['status', 'region']),
  expected('notices waiting for a fact', ['notifications', 'notices'], 'find', ['waitKey', 'status']),
  expected('the waiting notices sweep', ['notifications', 'notices'], 'find', ['status', 'retryAt'], true),
  expected('the digest window sweep', ['notifications', 'digest_items'], 'find', ['status', 'batchedAt'], true),
  expected('the unfinished digests sweep', ['notifications', 'digest_items'], 'find', ['status', 'claimedAt'], true),
  expected("a recipient's digest claim", ['notifications', 'digest_items'], 'update', ['recipient', 'kind', 'status']),
  expected("a digest's items", ['notifications', 'digest_items'], 'find', ['digestId']),
  expected('the stuck orders sweep', ['notifications', 'order_facts'], 'find', ['watchUntil'], true),
  expected("the mail sender's claim", ['notifications', 'deliveries'], 'findAndModify', ['status', 'nextAttemptAt'], true),
  expected('the in-app inbox', ['notifications', 'deliveries'], 'find', ['recipient', 'channel']),
  expected('the in-app inbox, a next page', ['notifications', 'deliveries'], 'find', ['recipient', 'channel', 'createdAt', '_id']),
  expected('the unread inbox, a next page', ['notifications', 'deliveries'], 'find', ['recipient', 'channel', 'readAt', 'createdAt', '_id']),
  expected('the unread count', ['notifications', 'deliveries'], 'aggregate', ['recipient', 'channel', 'readAt']),
  expected('mark all read', ['notifications', 'deliveries'], 'update', ['recipient', 'channel', 'readAt']),
  expected('partners of a region', ['notifications', 'profiles'], 'find', ['regions']),
  // A partner's lists (all, history, one end status) read day buckets (issue #27, shipment-pages.ts).
  expected("a partner's shipments, history, one end status: a day bucket", ['logistics', 'shipments'], 'find', ['pageKeys']),
  expected("a partner's lists, a next page: the cursor's day bucket from the cursor's time", ['logistics', 'shipments'], 'find', ['pageKeys', 'createdAt']),
  expected("a partner's lists: which days hold shipments (the directory)", ['logistics', 'page_buckets'], 'find', ['k', 'y']),
  expected("a shipment's day buckets listed before its write (the directory)", ['logistics', 'page_buckets'], 'update', ['_id']),
  expected("a partner's shipments in a status shipments pass through", ['logistics', 'shipments'], 'find', ['partnerId', 'status']),
  expected("a partner's shipments in flight, a next page", ['logistics', 'shipments'], 'find', ['partnerId', 'status', 'createdAt', '_id']),
  expected("an order's shipments", ['logistics', 'shipments'], 'find', ['orderId']),
  expected("a lot's shipments (trace)", ['logistics', 'shipments'], 'find', ['lotCodes']),
  expected('the shipments outbox relay scan', ['logistics', 'shipments'], 'find', ['outboxPending'], true),
  expected("a delivery day's open boxes (run planning)", ['logistics', 'shipments'], 'find', ['deliveryDate', 'drop.region', 'status']),
  expected("a delivery day's runs", ['logistics', 'runs'], 'find', ['region', 'day']),
  expected("a partner's runs", ['logistics', 'runs'], 'find', ['partnerId']),
  expected("a partner's runs, a next page", ['logistics', 'runs'], 'find', ['partnerId', 'day', '_id']),
  expected("a farm's packing list of a delivery day", ['orders', 'orders'], 'find', ['farmIds', 'delivery.day']),
  expected("a farm's box labels of a delivery day", ['logistics', 'shipments'], 'find', ['farmId', 'deliveryDate']),
  expected("numbering a receipt in its seller's month", ['orders', 'document_numbers'], 'update', ['_id', 'docs']),
  // Issue #33: a farm's report of a period and the operators' reconciliation of a day read the days money moved.
  expected("a farm's report of a period, a day's reconciliation", ['orders', 'orders'], 'find', ['moneyDays']),
  expected("an order's company details (its invoice)", ['orders', 'invoice_details'], 'find', ['_id']),
  expected("an order's company details saved, or its invoice issued", ['orders', 'invoice_details'], 'update', ['_id', 'issuedAt']),
  // One document per region, all read (bounded, by _id order) into the checkout's cache and the back office's list.
  expected('the published delivery offer, every region', ['orders', 'delivery_offers'], 'find', []),
  expected("one region's delivery offer", ['orders', 'delivery_offers'], 'find', ['_id']),
  expected("publishing a region's delivery offer", ['orders', 'delivery_offers'], 'update', ['_id', 'version']),
];

const matches = (q: QueryShape, x: Expected) =>
  q.service === x.service &&
  q.collection === x.collection &&
  q.kind === x.kind &&
  x.fields.every((f) => fieldsOf(q.filter).includes(f));

const serviceDbs = (): Record<AnyServiceName, mongo.Db> =>
  Object.fromEntries(PROFILED.map((s) => [s, client.db(serviceDbName(s))])) as Record<
    AnyServiceName,
    mongo.Db
  >;

beforeAll(async () => {
  const url = new URL(t.mongoUrl);
  url.pathname = '/';
  client = new mongoose.mongo.MongoClient(url.toString(), {
    maxPoolSize: 2,
    serverSelectionTimeoutMS: 10_000,
  });
  await client.connect();
  // Profile each service database from its first operation: a larger profile collection first, then level 2.
  for (const db of Object.values(serviceDbs())) {
    await startProfiling(db, PROFILE_BYTES);
  }
  sys = await startSystem(t, {
    // Short intervals so the sweepers, relay safety scans and the payment expiry run during the test.
    catalog: { SWEEP_INTERVAL_MS: '250', OUTBOX_SCAN_MS: '250' },
    // No Stripe variables: the simulated payment provider, paid with POST /orders/:id/pay.
    orders: { SWEEP_INTERVAL_MS: '250', OUTBOX_SCAN_MS: '250', PAYMENT_TIMEOUT_SECONDS: '20' },
    logistics: { OUTBOX_SCAN_MS: '250' },
    notifications: {
      ...(await mail.start()).smtpEnv,
      SWEEP_INTERVAL_MS: '250',
      SEND_INTERVAL_MS: '250',
      DIGEST_WINDOW_MS: '500',
      TRACKING_WAIT_MS: '2000',
    },
  });
});

afterAll(async () => {
  await sys?.stop();
  if (client) {
    for (const db of Object.values(serviceDbs())) await setProfiling(db, 0).catch(() => undefined);
    await client.close();
  }
  await mail.dispose();
});

describe('database query plans: the three services as processes, every operation profiled', () => {
  it('when a query filters on a field no index serves, then the profiler records it and the check reports a COLLSCAN', async () => {
    // Proves the detector end to end (profile -> shapes -> explain -> plan) on this server, apart from the services.
    const db = client.db(`${serviceDbName('catalog')}_selfcheck`);
    try {
      const c = db.collection<{ _id: string; indexed: number; unindexed: number; seen?: boolean }>('probe');
      await c.createIndex({ indexed: 1 });
      await c.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: `p${i}`, indexed: i, unindexed: i })));
      await setProfiling(db, 2);
      await c.find({ indexed: 3 }).toArray();
      await c.find({ unindexed: 3 }).toArray();
      await c.updateOne({ unindexed: 4 }, { $set: { seen: true } });
      await c.findOne({ _id: 'p5' });
      await setProfiling(db, 0);

      const checked = await explainAll({ selfcheck: db }, await profiledQueries({ selfcheck: db }));
      const planOf = (kind: Kind, field: string) =>
        checked.find((p) => p.kind === kind && fieldsOf(p.filter).includes(field))?.plan;
      expect(planOf('find', 'unindexed')).toBe('COLLSCAN');
      expect(planOf('update', 'unindexed')).toBe('COLLSCAN');
      expect(planOf('find', 'indexed')).toBe('IXSCAN { indexed: 1 }');
      expect(planOf('find', '_id')).toMatch(/^(IDHACK|EXPRESS_IXSCAN|IXSCAN)\b.*_id/);
      expect(
        checked.filter((p) => p.scans).map((p) => p.collection + ' ' + fieldsOf(p.filter).join()),
      ).toEqual(['probe unindexed', 'probe unindexed']);
    } finally {
      await db.dropDatabase();
    }
  });

  it('when farmers list, buyers browse and order (one completed and paid out, one expired, one cancelled), partners deliver and the sweepers and relays run, then the profile holds every per-order and background query', async () => {
    const C = sys!.catalog.url;
    const O = sys!.orders.url;
    const L = sys!.logistics.url;
    const N = sys!.notifications!.url;
    const anna = await actor(t, 'user-farmer-anna', 'farmer');
    const ben = await actor(t, 'user-buyer-ben', 'buyer');
    const pia = await actor(t, 'user-partner-pia', 'logistics', 'Gelderland');
    const admin = await actor(t, 'user-admin-ada', 'admin');
    const ok = <T>(r: { status: number; body: T }, what: string): T => {
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };

    // The partner and the operator open their notifications once (partners of a region are found by profile).
    ok(await pia.call(N, 'GET', '/me/profile'), 'partner profile');
    ok(await admin.call(N, 'GET', '/me/profile'), 'operator profile');

    // A farmer lists two products.
    const farm = ok(
      await anna.call<{ id: string }>(
        C,
        'POST',
        '/farms',
        farmBody('De Hof', 'Gelderland', 'Wageningen', 51.97, 5.66),
      ),
      'create farm',
    );
    ok(await anna.call(C, 'POST', `/farms/${farm.id}/payout-onboarding`), 'connect payout account');
    const lotCode = `LOT-${t.run}-0`;
    const listings: string[] = [];
    for (const [title, lot, price] of [
      ['Truss tomatoes', lotCode, 350],
      ['Winter carrots', `LOT-${t.run}-1`, 180],
    ] as const) {
      const l = ok(
        await anna.call<{ id: string }>(
          C,
          'POST',
          `/farms/${farm.id}/listings`,
          listingBody(title, lot, 100, price),
        ),
        'create listing',
      );
      ok(await anna.call(C, 'POST', `/listings/${l.id}/publish`), 'publish');
      listings.push(l.id);
    }
    const [tomatoes, carrots] = listings as [string, string];
    ok(
      await anna.call(C, 'PATCH', `/farms/${farm.id}`, { description: 'De Hof, organic since 1990' }),
      'edit farm',
    );
    ok(
      await anna.call(C, 'POST', `/listings/${carrots}/stock-adjustments`, {
        kind: 'restock',
        quantity: 5,
        reason: 'late harvest',
      }),
      'restock',
    );
    ok(await anna.call(C, 'GET', `/listings/${carrots}/stock-adjustments`), 'adjustments');
    ok(await anna.call(C, 'GET', '/farms/mine'), 'my farm');

    // A buyer browses: farms, a farm page, a listing, and search with filters, sorts and a next page.
    ok(await ben.call(C, 'GET', '/farms'), 'farms');
    ok(await ben.call(C, 'GET', '/farms?region=Gelderland'), 'farms of a region');
    ok(await ben.call(C, 'GET', `/farms/${farm.id}`), 'farm page');
    ok(await ben.call(C, 'GET', `/listings/${tomatoes}`), 'listing');
    for (const q of [
      '',
      '?sort=price&category=vegetables&inStock=true',
      '?region=Gelderland&sort=-price&minPrice=100&maxPrice=10000',
      '?q=tomato&sort=freshness&harvestedSince=2020-01-01',
      '?certified=true&currency=EUR',
      '?certified=false',
      `?farmId=${farm.id}&sort=newest`,
    ]) {
      ok(await ben.call(C, 'GET', `/listings${q}`), `search ${q}`);
    }
    const first = ok(
      await ben.call<{ nextCursor: string | null }>(C, 'GET', '/listings?sort=price&limit=1'),
      'search page 1',
    );
    expect(first.nextCursor).toBeTruthy();
    ok(await ben.call(C, 'GET', `/listings?sort=price&limit=1&cursor=${first.nextCursor}`), 'search page 2');

    // Three orders (orders learns listings from catalog's events, so the first may have to wait for them).
    let attempt = 0;
    const place = (listingId: string) =>
      eventually(
        async () => {
          const r = await ben.call<{ orderId: string }>(
            O,
            'POST',
            '/orders',
            // Collected at a pickup point on a delivery day (issue #18), so the runs' queries are profiled too.
            { lines: [{ listingId, quantity: 2 }], ...buyerAddress, delivery: { method: 'pickup_point', pickupPointId: 'pp-wageningen-markt' } },
            { 'idempotency-key': `qp-${t.run}-${attempt++}` },
          );
          return r.status === 201 ? r.body.orderId : undefined;
        },
        30_000,
        250,
      );
    const paid = await place(tomatoes);
    const unpaid = await place(carrots);
    const cancelled = await place(carrots);
    const stateOf = async (orderId: string) =>
      (await ben.call<{ state: string }>(O, 'GET', `/orders/${orderId}`)).body.state;
    for (const orderId of [paid, cancelled]) {
      await eventually(async () => (await stateOf(orderId)) === 'awaiting_payment', 30_000, 100);
      ok(await ben.call(O, 'POST', `/orders/${orderId}/payment`), 'payment details');
      ok(await ben.call(O, 'POST', `/orders/${orderId}/pay`, { outcome: 'succeeded' }), 'pay');
      await eventually(async () => (await stateOf(orderId)) === 'confirmed', 30_000, 100);
    }
    // A paid order cancelled before pickup: refunded, its shipment cancelled, its stock released.
    ok(await ben.call(O, 'POST', `/orders/${cancelled}/cancel`, { reason: 'changed my mind' }), 'cancel');

    // A partner takes the paid order's shipment from the open list to the door.
    const open = await eventually(
      async () => {
        const r = await pia.call<{ shipmentId: string; orderId: string }[]>(
          L,
          'GET',
          '/shipments/open?region=Gelderland',
        );
        return r.body.find((s) => s.orderId === paid);
      },
      30_000,
      250,
    );
    const shipment = open.shipmentId;
    ok(await pia.call(L, 'GET', `/shipments/${shipment}`), 'open shipment');
    for (const [step, body] of [
      ['claim', undefined],
      ['pickup', undefined],
      ['checkpoints', { place: 'Utrecht hub', temperatureC: 6.5 }],
      ['out-for-delivery', undefined],
      ['deliver', { recipientName: 'B. Jansen', proofRef: 'photo-qp' }],
    ] as const) {
      ok(await pia.call(L, 'POST', `/shipments/${shipment}/${step}`, body), step);
    }
    const mine = ok(
      await pia.call<{ items: { shipmentId: string; trackingCode: string; createdAt: string }[] }>(L, 'GET', '/shipments/mine'),
      'mine',
    ).items;
    ok(await pia.call(L, 'GET', '/shipments/mine?status=delivered'), 'mine delivered');
    ok(await pia.call(L, 'GET', '/shipments/mine/history?limit=5'), 'delivery history');
    // Next pages start at a cursor: the range on (createdAt, _id) must stay on the partner's index too.
    const fakeCursor = (v: string, id = 'zzzz', d?: 1) => Buffer.from(JSON.stringify({ v, id, ...(d ? { d } : {}) })).toString('base64url');
    const farFuture = '2999-01-01T00:00:00.000Z';
    ok(await pia.call(L, 'GET', `/shipments/mine/history?limit=1&cursor=${fakeCursor(farFuture)}`), 'delivery history, next page');
    ok(await pia.call(L, 'GET', `/shipments/mine?status=delivered&cursor=${fakeCursor(farFuture)}`), 'mine delivered, next page');
    ok(await pia.call(L, 'GET', `/shipments/mine?cursor=${fakeCursor(farFuture)}`), 'mine, next page');
    // A cursor on a day that holds shipments: that day's bucket is read from the cursor's time on.
    ok(await pia.call(L, 'GET', `/shipments/mine?cursor=${fakeCursor(mine[0]!.createdAt)}`), 'mine, a page from a day of shipments');
    ok(await pia.call(L, 'GET', '/shipments/mine?status=picked_up'), 'mine in flight');
    ok(await pia.call(L, 'GET', `/shipments/mine?status=picked_up&cursor=${fakeCursor(farFuture)}`), 'mine in flight, next page');
    const tracking = mine.find((s) => s.shipmentId === shipment)?.trackingCode;
    expect(tracking).toBeTruthy();
    expect((await fetch(`${L}/track/${tracking}`)).status).toBe(200);
    ok(await admin.call(L, 'GET', `/orders/${paid}/shipments`), "an order's shipments");
    // The delivery day's runs and packing list (the box went alone above, so the plan finds nothing open).
    const day = (await ben.call<{ delivery: { day: string } }>(O, 'GET', `/orders/${paid}`)).body.delivery.day;
    ok(await pia.call(L, 'POST', '/runs/plan', { region: 'Gelderland', day }), 'plan runs');
    ok(await pia.call(L, 'GET', `/runs?day=${day}`), 'runs of a day');
    ok(await pia.call(L, 'GET', '/runs/mine'), 'my runs');
    ok(await pia.call(L, 'GET', `/runs/mine?limit=1&cursor=${fakeCursor('2999-01-01')}`), 'my runs, next page');
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/orders?day=${day}`), 'packing list of a day');
    // Issue #33: the day's box labels, a partner's scan of one, the buyer's receipt (PDFs: status only)
    const pdf = async (who: { bearer: string }, url: string, what: string) =>
      expect((await fetch(url, { headers: { authorization: `Bearer ${who.bearer}` } })).status, what).toBe(200);
    await pdf(anna, `${L}/farms/${farm.id}/box-labels.pdf?day=${day}`, 'box labels of a day');
    ok(await pia.call(L, 'GET', `/shipments/by-serial/${tracking}`), 'a scanned label');
    await pdf(ben, `${O}/orders/${paid}/receipt.pdf`, 'a receipt');

    // Completed and paid out; the unpaid order expires; the cancelled one is refunded.
    await eventually(async () => (await stateOf(paid)) === 'completed', 45_000, 250);
    await eventually(
      async () => {
        const r = await anna.call<{ items: { orderId: string; status: string }[] }>(
          O,
          'GET',
          `/farms/${farm.id}/payouts`,
        );
        return r.body.items?.some((p) => p.orderId === paid && p.status === 'paid');
      },
      30_000,
      250,
    );
    // Issue #33: the farm's report of this month, the day's reconciliation, a business buyer's invoice
    const thisDay = new Date().toISOString().slice(0, 10);
    await pdf(anna, `${O}/farms/${farm.id}/report.pdf?month=${thisDay.slice(0, 7)}`, "a farm's report of a month");
    ok(await admin.call(O, 'GET', `/admin/reconciliation?day=${thisDay}`), "a day's reconciliation");
    const company = { name: 'De Kas B.V.', address: { line1: 'Kamerlingh Onneslaan 3', postalCode: '1097 DE', city: 'Amsterdam', country: 'NL' }, vatId: 'NL812345678B01' };
    ok(await ben.call(O, 'PUT', `/orders/${paid}/company`, company), 'company details');
    await pdf(ben, `${O}/orders/${paid}/invoice.pdf`, 'an invoice');
    await eventually(async () => (await stateOf(unpaid)) === 'expired', 45_000, 250);
    await eventually(async () => ['cancelled', 'refunded'].includes(await stateOf(cancelled)), 30_000, 250);

    // The buyer's and the farmer's lists, the traces, and each service's metrics (the outbox backlog gauge).
    expect(ok(await ben.call<{ items: unknown[] }>(O, 'GET', '/orders'), 'my orders').items).toHaveLength(
      3,
    );
    const myFirst = ok(await ben.call<{ nextCursor: string | null }>(O, 'GET', '/orders?limit=1'), 'my orders, first page');
    expect(myFirst.nextCursor).toEqual(expect.any(String));
    ok(await ben.call(O, 'GET', `/orders?limit=1&cursor=${myFirst.nextCursor}`), 'my orders, next page');
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/orders`), 'farm orders');
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/orders?state=completed`), 'farm orders by state');
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/orders?state=confirmed`), 'farm orders in flight');
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/orders?state=confirmed&limit=1&cursor=${fakeCursor(farFuture)}`), 'farm orders in flight, next page');
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/orders?state=cancelled&limit=1&cursor=${fakeCursor(farFuture)}`), 'farm orders in an end state, next page');
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/payouts/totals`), 'payout totals');
    const farmFirst = ok(await anna.call<{ nextCursor: string | null }>(O, 'GET', `/farms/${farm.id}/orders?limit=1`), 'farm orders, first page');
    expect(farmFirst.nextCursor, 'the paid and the cancelled order: two pages of one').toEqual(expect.any(String));
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/orders?limit=1&cursor=${encodeURIComponent(farmFirst.nextCursor!)}`), 'farm orders, next page');
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/orders?day=${day}&cursor=${fakeCursor(farFuture)}`), 'a day, next page');
    ok(await anna.call(O, 'GET', `/farms/${farm.id}/payouts?limit=1&cursor=${fakeCursor(farFuture)}`), 'payouts, next page');
    await eventually(
      async () => (await anna.call(L, 'GET', `/trace/lots/${lotCode}`)).status === 200,
      30_000,
      250,
    );
    ok(await anna.call(L, 'GET', `/trace/lots/${lotCode}/epcis`), 'lot epcis');
    ok(await ben.call(L, 'GET', `/trace/orders/${paid}`), 'order trace');
    for (const base of [C, O, L, N]) expect((await fetch(`${base}/metrics`)).status).toBe(200);

    // The back office: every operator list, search, page and action, and each service's audit trail.
    type Paged = { nextCursor: string | null };
    const next = (r: Paged, what: string) => {
      expect(r.nextCursor, `${what}: a second page`).toEqual(expect.any(String));
      return encodeURIComponent(r.nextCursor!);
    };
    for (const q of ['', '?state=completed', '?buyerId=user-buyer-ben', `?farmId=${farm.id}`, `?orderId=${paid.slice(0, 6)}`]) {
      ok(await admin.call(O, 'GET', `/admin/orders${q}`), `admin orders ${q}`);
    }
    const firstPage = ok(await admin.call<Paged>(O, "GET", "/admin/orders?limit=1"), "admin orders, first page");
    ok(await admin.call(O, 'GET', `/admin/orders?limit=1&cursor=${next(firstPage, "admin orders")}`), 'admin orders, next page');
    const byState = ok(await admin.call<Paged>(O, 'GET', '/admin/orders?state=completed&limit=1'), 'by state');
    if (byState.nextCursor) ok(await admin.call(O, 'GET', `/admin/orders?state=completed&limit=1&cursor=${encodeURIComponent(byState.nextCursor)}`), 'by state, next page');
    const stuck = ok(await admin.call<Paged>(O, 'GET', '/admin/orders/stuck?olderThanMinutes=1&limit=1'), 'stuck orders');
    if (stuck.nextCursor) ok(await admin.call(O, 'GET', `/admin/orders/stuck?olderThanMinutes=1&limit=1&cursor=${encodeURIComponent(stuck.nextCursor)}`), 'stuck, next');
    ok(await admin.call(O, 'POST', `/admin/orders/${paid}/refunds`, { amountMinor: 1, reason: 'query plan check' }), 'operator refund');
    ok(await admin.call(O, 'GET', `/admin/orders/${paid}`), 'admin order with its audited actions');
    ok(await admin.call(O, 'POST', `/admin/farms/${farm.id}/payouts/totals/reconcile`, { reason: 'query plan check' }), "reconcile a farm's totals");
    ok(await admin.call(C, 'GET', `/admin/reservations/${paid}`), "an order's reservation");
    ok(await admin.call(C, 'POST', `/admin/farms/${farm.id}/suspend`, { reason: 'query plan check' }), 'suspend farm');
    ok(await admin.call(C, 'GET', '/admin/farms?status=suspended'), 'suspended farms');
    ok(await admin.call(C, 'POST', `/admin/farms/${farm.id}/reinstate`, { reason: 'query plan check' }), 'reinstate farm');
    const farms = ok(await admin.call<Paged>(C, 'GET', '/admin/farms?limit=1'), 'admin farms');
    if (farms.nextCursor) ok(await admin.call(C, 'GET', `/admin/farms?limit=1&cursor=${encodeURIComponent(farms.nextCursor)}`), 'admin farms, next');
    ok(await admin.call(L, 'POST', '/admin/partners/user-partner-pia/suspend', { reason: 'query plan check' }), 'suspend partner');
    ok(await admin.call(L, 'POST', '/admin/partners/user-partner-pia/reinstate', { reason: 'query plan check' }), 'reinstate partner');
    const partners = ok(await admin.call<Paged>(L, 'GET', '/admin/partners?limit=1'), 'partners');
    if (partners.nextCursor) ok(await admin.call(L, 'GET', `/admin/partners?limit=1&cursor=${encodeURIComponent(partners.nextCursor)}`), 'partners, next');
    ok(await admin.call(L, 'GET', `/admin/orders/${paid}/timeline`), "logistics' part of the saga");
    ok(await admin.call(O, 'GET', '/admin/figures?days=30'), 'business figures');
    ok(await admin.call(O, 'GET', '/admin/delivery/regions'), 'delivery regions');
    const offer = ok(await admin.call<Record<string, unknown>>(O, 'GET', '/admin/delivery/regions/Gelderland'), 'a region offer');
    const { region: _r, updatedAt: _u, updatedBy: _b, ...edit } = offer;
    ok(await admin.call(O, 'PUT', '/admin/delivery/regions/Gelderland', { ...edit, reason: 'query plan check' }), 'publish an offer');
    ok(await ben.call(O, 'GET', '/delivery/options'), 'delivery options');
    for (const base of [C, O, L, N]) {
      const trail = ok(await admin.call<Paged>(base, 'GET', '/admin/audit?limit=1'), 'audit trail');
      if (trail.nextCursor) ok(await admin.call(base, 'GET', `/admin/audit?limit=1&cursor=${encodeURIComponent(trail.nextCursor)}`), 'audit, next');
      ok(await admin.call(base, 'GET', '/admin/lag'), 'consumer lag');
    }

    // notifications: the buyer's inbox, unread count, reading, settings; the partner's and the farmer's inboxes.
    await eventually(
      async () => (await ben.call<{ unread: number }>(N, 'GET', '/me/notifications/unread-count')).body.unread >= 3,
      30_000,
      250,
    );
    const inbox = ok(await ben.call<{ items: { id: string }[] }>(N, 'GET', '/me/notifications'), 'inbox');
    ok(await ben.call(N, 'GET', '/me/notifications?unread=true'), 'unread inbox');
    const inboxFirst = ok(await ben.call<Paged>(N, 'GET', '/me/notifications?limit=1'), 'inbox, first page');
    ok(await ben.call(N, 'GET', `/me/notifications?limit=1&cursor=${next(inboxFirst, 'inbox')}`), 'inbox, next page');
    const unreadFirst = ok(await ben.call<Paged>(N, 'GET', '/me/notifications?unread=true&limit=1'), 'unread, first page');
    ok(await ben.call(N, 'GET', `/me/notifications?unread=true&limit=1&cursor=${next(unreadFirst, 'unread inbox')}`), 'unread, next page');
    ok(await ben.call(N, 'POST', `/me/notifications/${inbox.items[0]!.id}/read`), 'mark read');
    ok(await ben.call(N, 'POST', '/me/notifications/read-all'), 'read all');
    ok(await ben.call(N, 'PATCH', '/me/profile', { language: 'nl', preferences: { delivered: { email: false } } }), 'settings');
    ok(await anna.call(N, 'GET', '/me/notifications'), 'farmer inbox');
    ok(await pia.call(N, 'GET', '/me/notifications'), 'partner inbox');
    await eventually(async () => (await mail.messages()).length > 0, 30_000, 250);

    // Let every sweeper and relay scan run at least twice more after the traffic.
    const dbs = serviceDbs();
    const since = new Date();
    const background = EXPECTED.filter((x) => x.background);
    await eventually(
      async () => {
        const shapes = await profiledQueries(dbs);
        const short = background.filter(
          (x) =>
            shapes.filter((q) => matches(q, x)).flatMap((q) => q.times.filter((ts) => ts > since)).length < 2,
        );
        if (short.length)
          throw new Error(`not yet run twice since the traffic: ${short.map((x) => x.what).join('; ')}`);
        return true;
      },
      30_000,
      500,
    );
    for (const db of Object.values(dbs)) await setProfiling(db, 0);

    // The profile holds the queries the index check is about; otherwise the check would pass on nothing.
    const shapes = await profiledQueries(dbs);
    const missing = EXPECTED.filter((x) => !shapes.some((q) => matches(q, x))).map(
      (x) => `${x.what}: ${x.service}.${x.collection} ${x.kind} on ${x.fields.join(', ')}`,
    );
    expect(
      missing,
      `queries the run should have made but the profile lacks; seen:\n${shapes.map((q) => q.shape).join('\n')}`,
    ).toEqual([]);

    plans = await explainAll(dbs, shapes);
    // Every shape with its plan, for post-mortems.
    const dir = join(root, 'test-results', 'logs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${t.run}-query-plans.txt`), `${plans.map(describePlan).sort().join('\n')}\n`);
  });

  // One test per service, so an unindexed query names the service that sent it.
  it.each(PROFILED)(
    'when %s served the run and its background passes, then every query it made is served by an index (no COLLSCAN)',
    (service) => {
      expect(plans, 'the run above recorded no plans').toBeDefined();
      const own = plans!.filter((p) => p.service === service);
      expect(own.length).toBeGreaterThan(0);
      // Each entry: <service>.<collection> <kind> <filter shape> [sort ...] -> <plans> (<times sent>).
      // A listed query needs an index (in the service's data/collections.ts), not an exception here.
      expect(own.filter((p) => p.scans).map(describePlan)).toEqual([]);
    },
  );
});
