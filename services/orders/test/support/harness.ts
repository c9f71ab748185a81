import { Topics, type ListingSnapshot } from '@ftt/contracts';
import { EventProbe, eventually, testEnv, token } from '@ftt/kit/testing';
import mongoose, { type Connection } from 'mongoose';
import Stripe from 'stripe';
import { startOrders } from '../../src/service';
import { StripeRecorder } from './stripe-recorder';

export const WEBHOOK_SECRET = 'whsec_test_orders_0123456789';

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * One isolated world per test file: its own database and topic prefix, a probe on every saga topic,
 * stripe-mock behind a recorder, tokens for the demo users, and (unless told otherwise) the orders
 * service running in-process on port 0.
 */
export const startHarness = async (opts: { env?: Record<string, string>; stripe?: boolean; inProcess?: boolean } = {}) => {
  const t = testEnv('orders');
  const recorder = new StripeRecorder(t.stripeApiBase);
  const stripeBase = await recorder.start();
  const probe = await new EventProbe(t).listen([Topics.listings, Topics.stock, Topics.shipments, Topics.orders]);
  const env = t.serviceEnv({
    SWEEP_INTERVAL_MS: '200',
    FOLLOW_UP_DELAY_SECONDS: '1',
    ...(opts.stripe === false
      ? {}
      : { STRIPE_SECRET_KEY: 'sk_test_orders', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripeBase }),
    ...opts.env,
  });
  const service = opts.inProcess === false ? undefined : await startOrders(env);
  const db: Connection = await mongoose.createConnection(t.mongoUrl).asPromise();
  const users = {
    ben: await token(t, { userId: 'user-buyer-ben', role: 'buyer' }),
    carla: await token(t, { userId: 'user-buyer-carla', role: 'buyer' }),
    anna: await token(t, { userId: 'user-farmer-anna', role: 'farmer' }),
    joost: await token(t, { userId: 'user-farmer-joost', role: 'farmer' }),
    ada: await token(t, { userId: 'user-admin-ada', role: 'admin' }),
  };
  let baseUrl = service?.url ?? '';
  const stripe = new Stripe('sk_test_orders');

  const call = async (method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined || o.raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body: any = text ? JSON.parse(text) : undefined;
    return { status: res.status, body, headers: res.headers };
  };

  const h = {
    t,
    env,
    probe,
    recorder,
    db,
    users,
    /**
     * A token of a member of this farm (the fixtures make a farm per test, `farm-<name>-<random>`): Anna (or `who`) as
     * its owner, or as its packer.
     */
    farmer: (farmId: string, role: 'owner' | 'packer' = 'owner', who = 'user-farmer-anna') =>
      token(t, { userId: who, memberships: [{ kind: 'buyer' }, { kind: 'farm', farmId, role }] }),
    service,
    call,
    setBaseUrl: (url: string) => {
      baseUrl = url;
    },
    storedOrder: (orderId: string) => db.collection('orders').findOne({ _id: orderId as never }),
    publishListing: async (snap: ListingSnapshot) => {
      await probe.send('ftt.catalog.listing.published.v1', snap);
      // the read model is fed asynchronously; wait until orders knows the listing
      await eventually(async () => (await db.collection('listings').findOne({ _id: snap.listingId as never }))?.version === snap.version);
    },
    placeOrder: async (lines: { listingId: string; quantity: number }[], who = users.ben, key = `key-${Math.random()}`) => {
      const { orderBody } = await import('./fixtures');
      return call('POST', '/orders', { token: who, body: orderBody(lines), headers: { 'idempotency-key': key } });
    },
    /** What Stripe would POST: the exact signing scheme, via the stripe library's own test helper. */
    webhook: async (type: string, object: Record<string, unknown>, o: { id?: string; secret?: string; signature?: string | null } = {}) => {
      const payload = JSON.stringify({
        id: o.id ?? `evt_${Math.random().toString(36).slice(2)}`,
        object: 'event',
        api_version: '2025-01-27.acacia',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: { object },
      });
      const signature =
        o.signature === undefined ? stripe.webhooks.generateTestHeaderString({ payload, secret: o.secret ?? WEBHOOK_SECRET }) : o.signature;
      return call('POST', '/webhooks/stripe', { raw: payload, headers: signature === null ? {} : { 'stripe-signature': signature } });
    },
    waitForState: (orderId: string, state: string, timeoutMs = 20_000) =>
      eventually(async () => (await db.collection('orders').findOne({ _id: orderId as never }))?.state === state, timeoutMs),
    eventsOf: (orderId: string) => probe.events.filter((e) => (e.data as { orderId?: string }).orderId === orderId),
    stop: async () => {
      await service?.stop();
      await probe.close();
      await db.close();
      await recorder.stop();
    },
  };
  return h;
};

/** A PaymentIntent as Stripe sends it in a webhook. */
export const paymentIntent = (paymentId: string, orderId: string, amount: number, extra: Record<string, unknown> = {}) => ({
  id: paymentId,
  object: 'payment_intent',
  amount,
  amount_received: amount,
  currency: 'eur',
  status: 'succeeded',
  metadata: { orderId },
  transfer_group: orderId,
  ...extra,
});
