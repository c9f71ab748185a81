import { request } from 'node:http';
import {
  forgeToken,
  hmacToken,
  testFarmId,
  strangerKey,
  testSigningKey,
  token,
  type TestPrincipal,
  type testEnv,
} from '@ftt/kit/testing';
import { actor, buyerAddress, eventually, farmBody, listingBody, member, stripeWebhook } from './actors';
import { startSystem } from './system';

type Env = ReturnType<typeof testEnv>;
export type System = Awaited<ReturnType<typeof startSystem>>;
export type Actor = Awaited<ReturnType<typeof actor>>;

/** Orders runs against stripe-mock with this webhook secret, so the webhook route is live (not 503). */
export const webhookSecret = 'whsec_hostile_e2e_secret';

export const startHostileSystem = (t: Env) =>
  startSystem(t, {
    orders: {
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: t.stripeApiBase,
    },
  });

/** Everyone the hostile tests need: two of each owner kind, so that "another owner" has someone to be. */
export const people = async (t: Env) => ({
  anna: await actor(t, 'user-farmer-anna', 'farmer'),
  joost: await actor(t, 'user-farmer-joost', 'farmer'),
  /** A farmer without a farm: what she could create, she must not. */
  lena: await actor(t, 'user-farmer-lena', 'farmer'),
  ben: await actor(t, 'user-buyer-ben', 'buyer'),
  carla: await actor(t, 'user-buyer-carla', 'buyer'),
  pia: await actor(t, 'user-partner-pia', 'logistics', 'Gelderland'),
  omar: await actor(t, 'user-partner-omar', 'logistics', 'Utrecht'),
  ada: await actor(t, 'user-admin-ada', 'admin'),
  /** Packs on Anna's farm: sees it, changes no listing, price, stock or payout account (issue #28). */
  piet: await member(t, {
    userId: 'user-packer-piet',
    memberships: [
      { kind: 'buyer' },
      { kind: 'farm', farmId: testFarmId('user-farmer-anna'), role: 'packer' },
    ],
  }),
  /** Drives for Pia's partner: records the steps, plans no runs and registers no loggers. */
  dirk: await member(t, {
    userId: 'user-driver-dirk',
    memberships: [
      { kind: 'buyer' },
      { kind: 'partner', partnerId: 'user-partner-pia', role: 'driver', regions: ['Gelderland'] },
    ],
  }),
});
export type People = Awaited<ReturnType<typeof people>>;

const ok = <T>(r: { status: number; body: T }, what: string, expected = [200, 201]): T => {
  if (!expected.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/**
 * Real data for every kind of id the APIs take:
 * - Anna's farm (Gelderland) with a published listing and a draft, Joost's farm (Utrecht) with a published listing;
 * - Ben's paid order across both farms, so logistics has two shipments: Pia has claimed the Gelderland
 *   one, the Utrecht one is still open;
 * - Ben's second order, awaiting payment (something a cancel or a payment would change).
 */
export const seedWorld = async (t: Env, sys: System, who: People) => {
  const C = sys.catalog.url;
  const O = sys.orders.url;
  const L = sys.logistics.url;
  const { anna, joost, ben, pia } = who;
  const suffix = t.run.replace(/[^A-Za-z0-9]/g, '').slice(-8);

  const annaFarm = ok(
    await anna.call<{ id: string }>(
      C,
      'POST',
      '/farms',
      farmBody('De Hof', 'Gelderland', 'Wageningen', 51.97, 5.66),
    ),
    'anna farm',
  );
  const joostFarm = ok(
    await joost.call<{ id: string }>(
      C,
      'POST',
      '/farms',
      farmBody('Bakker Akkers', 'Utrecht', 'Houten', 52.03, 5.17),
    ),
    'joost farm',
  );
  // payout accounts from Connect onboarding only (issue #28)
  ok(await anna.call(C, 'POST', `/farms/${annaFarm.id}/payout-onboarding`), 'anna payout account');
  ok(await joost.call(C, 'POST', `/farms/${joostFarm.id}/payout-onboarding`), 'joost payout account');
  const annaLot = `LOT-A-${suffix}`;
  const joostLot = `LOT-J-${suffix}`;
  const annaListing = ok(
    await anna.call<{ id: string }>(
      C,
      'POST',
      `/farms/${annaFarm.id}/listings`,
      listingBody('Truss tomatoes', annaLot, 100, 350),
    ),
    'anna listing',
  );
  const annaDraft = ok(
    await anna.call<{ id: string }>(
      C,
      'POST',
      `/farms/${annaFarm.id}/listings`,
      listingBody('Courgettes', `LOT-D-${suffix}`, 40, 250),
    ),
    'anna draft',
  );
  const joostListing = ok(
    await joost.call<{ id: string }>(
      C,
      'POST',
      `/farms/${joostFarm.id}/listings`,
      listingBody('Winter carrots', joostLot, 100, 180),
    ),
    'joost listing',
  );
  ok(await anna.call(C, 'POST', `/listings/${annaListing.id}/publish`), 'publish anna');
  ok(await joost.call(C, 'POST', `/listings/${joostListing.id}/publish`), 'publish joost');

  // orders learns listings from catalog's events: retry placing until it knows them.
  const place = async (lines: { listingId: string; quantity: number }[], key: string) => {
    let attempt = 0;
    return eventually(
      async () => {
        const r = await ben.call<{ orderId: string }>(
          O,
          'POST',
          '/orders',
          { lines, ...buyerAddress },
          {
            'idempotency-key': `${key}-${attempt++}`,
          },
        );
        return r.status === 201 ? r.body.orderId : undefined;
      },
      30_000,
      250,
    );
  };
  const awaitingPayment = async (orderId: string) =>
    eventually(async () => {
      const r = await ben.call<{
        state: string;
        payment?: { paymentId: string; amount: { amount: number; currency: string } };
      }>(O, 'GET', `/orders/${orderId}`);
      return r.body.state === 'awaiting_payment' && r.body.payment ? r.body.payment : undefined;
    }, 30_000);

  const paidOrderId = await place(
    [
      { listingId: annaListing.id, quantity: 2 },
      { listingId: joostListing.id, quantity: 2 },
    ],
    `hostile-paid-${t.run}`,
  );
  const payment = await awaitingPayment(paidOrderId);
  const hook = await stripeWebhook(O, webhookSecret, 'payment_intent.succeeded', {
    id: payment.paymentId,
    object: 'payment_intent',
    amount: payment.amount.amount,
    currency: payment.amount.currency.toLowerCase(),
    status: 'succeeded',
    metadata: { orderId: paidOrderId },
    transfer_group: paidOrderId,
  });
  if (hook.status !== 200) throw new Error(`webhook: ${hook.status} ${await hook.text()}`);

  const openIn = (partner: Actor, region: string) =>
    eventually(async () => {
      const r = await partner.call<{ shipmentId: string; orderId: string }[]>(
        L,
        'GET',
        `/shipments/open?region=${region}`,
      );
      return Array.isArray(r.body) ? r.body.find((s) => s.orderId === paidOrderId) : undefined;
    }, 30_000);
  const piaShipmentId = (await openIn(pia, 'Gelderland')).shipmentId;
  const openShipmentId = (await openIn(who.omar, 'Utrecht')).shipmentId;
  const claimed = ok(
    await pia.call<{ trackingCode: string }>(L, 'POST', `/shipments/${piaShipmentId}/claim`),
    'pia claims',
  );
  // Pia's temperature logger: the cold-chain routes act on it (attach it to her shipment, detach it).
  const piaDevice = ok(
    await pia.call<{ deviceId: string }>(L, 'POST', '/devices', { kind: 'crate', label: 'Pia crate' }),
    'pia registers a logger',
  );

  const unpaidOrderId = await place([{ listingId: annaListing.id, quantity: 1 }], `hostile-unpaid-${t.run}`);
  await awaitingPayment(unpaidOrderId);

  return {
    annaFarmId: annaFarm.id,
    joostFarmId: joostFarm.id,
    annaListingId: annaListing.id,
    annaDraftId: annaDraft.id,
    joostListingId: joostListing.id,
    annaLot,
    joostLot,
    paidOrderId,
    unpaidOrderId,
    piaShipmentId,
    openShipmentId,
    trackingCode: claimed.trackingCode,
    piaDeviceId: piaDevice.deviceId,
  };
};
export type World = Awaited<ReturnType<typeof seedWorld>>;

/* ---- tokens that must never get anyone in ---------------------------------------------------- */

const b64url = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/**
 * A set of bearer tokens for one subject that are each invalid in their own way. The services verify only EdDSA/ES256
 * tokens with the keys of the run's key set (identity's JWKS in production, the harness's key here), so every one of
 * these is refused with 401.
 */
export const badTokens = async (t: Env, who: TestPrincipal) => {
  const good = await token(t, who);
  const [header, payload] = good.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  const { kid, publicJwk } = testSigningKey();
  const operator = [{ kind: 'buyer' }, { kind: 'operator' }];
  const hmac = (secret: string) => hmacToken({ sub: who.userId, memberships: operator }, secret, { kid });
  const stranger = await strangerKey();
  return {
    /** Signed with the right key, but its exp is a minute ago. */
    expired: await forgeToken({ sub: who.userId, memberships: claims.memberships }, { expiresIn: now - 60 }),
    /** Same claims, the published key's kid, signed with another key. */
    forged: await forgeToken({ sub: who.userId, memberships: claims.memberships }, { key: stranger }),
    /** The right signature over other claims: an operator membership added and a year more to live. */
    tampered: `${header}.${b64url({ ...claims, memberships: operator, exp: Number(claims.exp) + 365 * 86_400 })}.${good.split('.')[2]}`,
    /** alg "none", no signature. */
    algNone: `${b64url({ alg: 'none', typ: 'JWT', kid })}.${b64url({ ...claims, memberships: operator })}.`,
    /** HS256 keyed with the published public key (the JWK's x, and the JWK itself): the key confusion attack. */
    hs256PublicKey: await hmac(publicJwk.x!),
    hs256PublicJwk: await hmac(JSON.stringify(publicJwk)),
    /** HS256 with a shared secret, as every service accepted before identity (AUTH_JWT_SECRET is gone). */
    hs256SharedSecret: await hmac('change-me-dev-secret-0123456789abcdef'),
    /** A key nobody published, under a kid nobody knows (the key set is fetched again, and still lacks it). */
    unknownKid: await forgeToken(
      { sub: who.userId, memberships: operator },
      { key: stranger, kid: 'kid-nobody-published' },
    ),
    /** Right key, another issuer. */
    wrongIssuer: await forgeToken(
      { sub: who.userId, memberships: claims.memberships },
      { issuer: 'someone-else' },
    ),
    /** Right key, wrong audience. */
    wrongAudience: await forgeToken(
      { sub: who.userId, memberships: claims.memberships },
      { audience: 'someone-else' },
    ),
  };
};

/* ---- raw HTTP: paths sent byte for byte (fetch would normalise ../ and %2e) ------------------ */

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export const rawRequest = (
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawReply> =>
  new Promise((resolve, reject) => {
    const u = new URL(base);
    if (u.hostname !== '127.0.0.1') throw new Error('loopback only');
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path,
        headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });

export const isProblem = (r: {
  headers: Record<string, string | string[] | undefined> | Headers;
  body: string;
}) => {
  const type = r.headers instanceof Headers ? r.headers.get('content-type') : r.headers['content-type'];
  if (!String(type ?? '').startsWith('application/problem+json')) return false;
  try {
    const p = JSON.parse(r.body) as { status?: unknown; title?: unknown; type?: unknown };
    return typeof p.status === 'number' && typeof p.title === 'string' && typeof p.type === 'string';
  } catch {
    return false;
  }
};

/* ---- what "nothing changed" means: everything the APIs show, read as owners and as admin ----- */

const read = async (who: Actor, base: string, path: string) => {
  const r = await who.call(base, 'GET', path);
  return { status: r.status, body: r.body };
};

/** Subjects whose orders we look at: every user id that appears in a token used against the system. */
export const SUBJECTS = [
  'user-farmer-anna',
  'user-farmer-joost',
  'user-farmer-lena',
  'user-buyer-ben',
  'user-buyer-carla',
  'user-partner-pia',
  'user-partner-omar',
  'user-admin-ada',
] as const;

export const snapshot = async (t: Env, sys: System, who: People, w: World) => {
  const C = sys.catalog.url;
  const O = sys.orders.url;
  const L = sys.logistics.url;
  // Whoever placed an order (a farmer or partner too, had a role check failed) would see it with a buyer token.
  const ordersBySubject: Record<string, unknown> = {};
  for (const userId of SUBJECTS) {
    const asBuyer = await actor(t, userId, 'buyer');
    ordersBySubject[userId] = await read(asBuyer, O, '/orders');
  }
  return {
    catalog: {
      farms: await read(who.ada, C, '/farms'),
      annaMine: await read(who.anna, C, '/farms/mine'),
      joostMine: await read(who.joost, C, '/farms/mine'),
      lenaMine: await read(who.lena, C, '/farms/mine'),
      annaStock: await read(who.anna, C, `/listings/${w.annaListingId}/stock-adjustments`),
      annaDraftStock: await read(who.anna, C, `/listings/${w.annaDraftId}/stock-adjustments`),
      joostStock: await read(who.joost, C, `/listings/${w.joostListingId}/stock-adjustments`),
    },
    orders: {
      ordersBySubject,
      paid: await read(who.ada, O, `/orders/${w.paidOrderId}`),
      unpaid: await read(who.ada, O, `/orders/${w.unpaidOrderId}`),
      // A bypass of PUT /admin/delivery/regions/:region would publish a new version.
      utrechtOffer: await read(who.ada, O, '/admin/delivery/regions/Utrecht'),
    },
    logistics: {
      shipments: await read(who.ada, L, `/orders/${w.paidOrderId}/shipments`),
      unpaidShipments: await read(who.ada, L, `/orders/${w.unpaidOrderId}/shipments`),
      piaMine: await read(who.pia, L, '/shipments/mine'),
      omarMine: await read(who.omar, L, '/shipments/mine'),
      open: await read(who.pia, L, '/shipments/open?region=Utrecht'),
      piaDevices: await read(who.pia, L, '/devices'),
      omarDevices: await read(who.omar, L, '/devices'),
    },
  };
};

/** A snapshot once the event flow after seeding has settled: two reads a second apart agree. */
export const settledSnapshot = async (t: Env, sys: System, who: People, w: World) => {
  let last = JSON.stringify(await snapshot(t, sys, who, w));
  return eventually(
    async () => {
      await new Promise((r) => setTimeout(r, 1000));
      const now = await snapshot(t, sys, who, w);
      const same = JSON.stringify(now) === last;
      last = JSON.stringify(now);
      return same ? now : undefined;
    },
    60_000,
    0,
  );
};
