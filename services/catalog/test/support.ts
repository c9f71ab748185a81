import { randomUUID } from 'node:crypto';
import { Topics, type EventData } from '@ftt/contracts';
import { connectMongo, type RunningService } from '@ftt/kit';
import { EventProbe, eventually, testEnv, testFarmId, token, type TestPrincipal } from '@ftt/kit/testing';
import type { Connection } from 'mongoose';
import confirmedSample from '../../../packages/contracts/samples/ftt.orders.order.confirmed.v1.json';
import { startCatalog } from '../src/service';

export const users = {
  anna: { userId: 'user-farmer-anna', role: 'farmer', name: 'Anna' },
  joost: { userId: 'user-farmer-joost', role: 'farmer', name: 'Joost' },
  lena: { userId: 'user-farmer-lena', role: 'farmer', name: 'Lena' },
  ben: { userId: 'user-buyer-ben', role: 'buyer', name: 'Ben' },
  ada: { userId: 'user-admin-ada', role: 'admin', name: 'Ada' },
  /** A packer on Anna's farm (issue #28): sees the farm and packs, changes no listing, price or payout. */
  piet: {
    userId: 'user-packer-piet',
    name: 'Piet',
    memberships: [{ kind: 'buyer' }, { kind: 'farm', farmId: testFarmId('user-farmer-anna'), role: 'packer' }],
  },
  /** Owns two farms, neither open yet: says which one she opens. */
  mira: {
    userId: 'user-farmer-mira',
    name: 'Mira',
    memberships: [
      { kind: 'farm', farmId: 'farm-mira-north', role: 'owner' },
      { kind: 'farm', farmId: 'farm-mira-south', role: 'owner' },
    ],
  },
  /** A second owner of Anna's farm. */
  kees: {
    userId: 'user-farmer-kees',
    name: 'Kees',
    memberships: [{ kind: 'farm', farmId: testFarmId('user-farmer-anna'), role: 'owner' }],
  },
} satisfies Record<string, TestPrincipal>;
export type User = keyof typeof users;

export interface Reply {
  status: number;
  // Test code reads whatever the API answered.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface Harness {
  t: ReturnType<typeof testEnv>;
  probe: EventProbe;
  services: RunningService[];
  url: string;
  db: Connection;
  call: (method: string, path: string, as?: User, body?: unknown, headers?: Record<string, string>) => Promise<Reply>;
  listingDoc: (id: string) => Promise<Record<string, unknown>>;
  /** The bearer token of a test user (for calls `call` does not make: uploads). */
  bearer: (as: User) => Promise<string>;
  stop: () => Promise<void>;
}

/** Real Kafka and the database server: a database and topic prefix of its own, the probe listening before the service starts. */
export const startHarness = async (label: string, env: Record<string, string> = {}, instances = 1): Promise<Harness> => {
  const t = testEnv(label);
  const probe = await new EventProbe(t).listen([Topics.orders, Topics.stock, Topics.listings, Topics.people]);
  const services: RunningService[] = [];
  for (let i = 0; i < instances; i++) services.push(await startCatalog(t.serviceEnv(env)));
  const db = await connectMongo(t.mongoUrl);
  const tokens = Object.fromEntries(
    await Promise.all(Object.entries(users).map(async ([k, p]) => [k, await token(t, p)] as const)),
  ) as Record<User, string>;
  const url = services[0]!.url;
  const call = async (method: string, path: string, as?: User, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  const listingDoc = async (id: string) => {
    const doc = await db.collection('listings').findOne({ _id: id as never });
    if (!doc) throw new Error(`no listing ${id}`);
    return doc;
  };
  return {
    t,
    probe,
    services,
    url,
    db,
    call,
    listingDoc,
    bearer: async (as) => tokens[as],
    stop: async () => {
      for (const s of services) await s.stop();
      await probe.close();
      await db.dropDatabase(); // each run has its own database; leave nothing behind
      await db.close();
    },
  };
};

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
export const daysAgo = (days: number) => inDays(-days);
export const daysAhead = inDays;

export const farmBody = (over: Record<string, unknown> = {}) => ({
  name: 'De Groene Hoeve',
  description: 'Mixed vegetable farm on the Veluwe edge',
  address: { line1: 'Bosweg 12', city: 'Ede', postalCode: '6711 AB', country: 'NL', geo: { lat: 52.04, lng: 5.66 } },
  region: 'Gelderland',
  certifications: [{ type: 'organic', certifier: 'SKAL', certificateNumber: 'SKAL-102938', validUntil: inDays(300) }],
  ...over,
});

export const listingBody = (over: Record<string, unknown> = {}) => ({
  category: 'vegetables',
  title: 'Winter carrots',
  description: 'Sweet Nantes carrots, washed',
  unit: 'kg',
  unitPrice: { amount: 349, currency: 'EUR' },
  photos: ['/photos/carrots.svg'],
  available: 100,
  lot: { lotCode: `LOT-${randomUUID().slice(0, 8)}`, field: 'Field 3 (north)', harvestDate: daysAgo(2), bestBefore: daysAhead(20), quantity: 400 },
  coldChain: { minC: 1, maxC: 6 },
  ...over,
});

/** A farmer's farm (created once per harness) and a published listing on it. */
export const publishedListing = async (h: Harness, as: User, over: Record<string, unknown> = {}) => {
  let farm = await h.call('GET', '/farms/mine', as);
  if (farm.status === 404) {
    const created = await h.call('POST', '/farms', as, farmBody({ name: `Farm of ${as}` }));
    if (created.status !== 201) throw new Error(`farm: ${JSON.stringify(created.body)}`);
    farm = { ...created, body: { farm: created.body } };
  }
  const farmId = String(farm.body.farm.id);
  const created = await h.call('POST', `/farms/${farmId}/listings`, as, listingBody(over));
  if (created.status !== 201) throw new Error(`listing: ${JSON.stringify(created.body)}`);
  const published = await h.call('POST', `/listings/${created.body.id}/publish`, as);
  if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`);
  return { farmId, listingId: String(created.body.id), listing: published.body };
};

type Placed = EventData<'ftt.orders.order.placed.v1'>;
export const orderPlaced = (lines: { listingId: string; quantity: number }[], orderId: string = randomUUID()): Placed => ({
  orderId,
  buyerId: 'user-buyer-ben',
  lines: lines.map((l) => ({ ...l, farmId: 'farm', unitPrice: { amount: 100, currency: 'EUR' } })),
  total: { amount: 100 * lines.reduce((n, l) => n + l.quantity, 0), currency: 'EUR' },
  placedAt: new Date().toISOString(),
});

export const stockEventsOf = (h: Harness, orderId: string) =>
  h.probe.events.filter((e) => e.type.startsWith('ftt.catalog.stock.') && (e.data as { orderId?: string }).orderId === orderId);

/**
 * order.confirmed as orders sends it (the contracts' stored sample, which the contract test checks), for this
 * order and listing; catalog reads only the order id.
 */
export const orderConfirmed = (orderId: string, listingId = 'x'): EventData<'ftt.orders.order.confirmed.v1'> => {
  const { data } = confirmedSample as { data: EventData<'ftt.orders.order.confirmed.v1'> };
  return {
    ...data,
    orderId,
    confirmedAt: new Date().toISOString(),
    shipments: data.shipments.map((s) => ({ ...s, lines: s.lines.map((l) => ({ ...l, listingId })) })),
  };
};

/** Place an order (and confirm it when asked), waiting for catalog's answer to each. */
export const placeOrder = async (h: Harness, order: Placed, confirm = false): Promise<void> => {
  await h.probe.send('ftt.orders.order.placed.v1', order);
  await eventually(() => stockEventsOf(h, order.orderId).length === 1);
  if (!confirm) return;
  await h.probe.send('ftt.orders.order.confirmed.v1', orderConfirmed(order.orderId));
  await eventually(() => stockEventsOf(h, order.orderId).length === 2);
};

export const reservationDoc = (h: Harness, orderId: string) => h.db.collection('reservations').findOne({ _id: orderId as never });

export { eventually };
