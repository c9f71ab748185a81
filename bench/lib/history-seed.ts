/**
 * Stored history for bench/history.ts: completed orders with their shipments, reservations and the
 * rest of what the services keep about an order, inserted straight into the services' own databases.
 *
 * Nothing here retypes a service's schema. A few real orders are driven through the whole saga
 * (placed, paid, shipped, delivered, paid out) and the documents the services stored for them are
 * read back as templates. A template is compiled once into literal text and holes; each historical
 * order is a copy with fresh identities (buyer, the order id orders derives from the buyer and a fresh
 * Idempotency-Key, shipment ids derived as logistics derives them, tracking codes, event ids, trace ids,
 * partner) and every timestamp shifted by the same amount, so its timeline keeps the real spacing and
 * lands on its date in the past year. What the services write with an order besides its documents (the
 * lists' day buckets and their directories, the farms' running payout totals) is written for each copy by the
 * services' own import helpers (data/history-import.ts of orders and logistics), from the copy's own state.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { connectMongo } from '@ftt/kit';
import { token, type testEnv } from '@ftt/kit/testing';
import { prepareShipmentImport } from '../../services/logistics/src/data/history-import';
import { newTrackingCode, shipmentIdFor } from '../../services/logistics/src/use-cases/identity';
import { prepareOrderImport } from '../../services/orders/src/data/history-import';
import { orderIdFor } from '../../services/orders/src/use-cases/place-order';
import { sleep } from './kafka';
import { http, type World } from './load';
import { prng } from './stats';
import { dbUrl } from './system';

type Env = ReturnType<typeof testEnv>;
type Conn = Awaited<ReturnType<typeof connectMongo>>;
type Db = NonNullable<Conn['db']>;
type Doc = Record<string, unknown>;

export type StoreName = 'orders' | 'catalog' | 'logistics';

/** Every collection that holds per-order documents, and how to find one order's documents in it. */
export const ORDER_COLLECTIONS = [
  { db: 'orders', name: 'orders', filter: (id: string): Doc => ({ _id: id }) },
  { db: 'catalog', name: 'reservations', filter: (id: string): Doc => ({ _id: id }) },
  { db: 'logistics', name: 'shipments', filter: (id: string): Doc => ({ orderId: id }) },
  { db: 'logistics', name: 'order_facts', filter: (id: string): Doc => ({ _id: id }) },
] as const satisfies readonly { db: StoreName; name: string; filter: (id: string) => Doc }[];
export type CollectionName = (typeof ORDER_COLLECTIONS)[number]['name'];

export interface Stores {
  db: Record<StoreName, Db>;
  close: () => Promise<void>;
}

/** One connection per service database of the run (<run db>_<service>, as ServiceProcess derives it). */
export const openStores = async (t: Env): Promise<Stores> => {
  const names: StoreName[] = ['orders', 'catalog', 'logistics'];
  const conns = await Promise.all(names.map((n) => connectMongo(dbUrl(t, n), 4, { monitorCommands: false })));
  const db = Object.fromEntries(
    names.map((n, i) => {
      const d = conns[i]!.db;
      if (!d) throw new Error(`no database handle for ${n}`);
      return [n, d];
    }),
  ) as Record<StoreName, Db>;
  return {
    db,
    close: async () => void (await Promise.all(conns.map((c) => c.close().catch(() => undefined)))),
  };
};

const col = (s: Stores, c: { db: StoreName; name: string }) => s.db[c.db].collection(c.name);

/** Document counts of every per-order collection (the server's estimate: exact on a quiet store). */
export const storeCounts = async (s: Stores): Promise<Record<string, number>> => {
  const out: Record<string, number> = {};
  for (const c of ORDER_COLLECTIONS) out[`${c.db}.${c.name}`] = await col(s, c).estimatedDocumentCount();
  return out;
};

// ---- driving template orders to the end of the saga ------------------------------------------------

interface StoredShipment {
  _id: string;
  region: string;
  status: string;
}

/** Is everything the services keep about this order final, with nothing left to publish or settle? */
const finished = async (s: Stores, orderIds: string[]): Promise<Set<string>> => {
  const ids = { _id: { $in: orderIds } } as Doc;
  const [orders, reservations, facts, shipments] = await Promise.all([
    s.db.orders.collection('orders').find(ids).toArray(),
    s.db.catalog.collection('reservations').find(ids).toArray(),
    s.db.logistics.collection('order_facts').find(ids).toArray(),
    s.db.logistics
      .collection('shipments')
      .find({ orderId: { $in: orderIds } })
      .toArray(),
  ]);
  const done = new Set<string>();
  for (const o of orders) {
    const id = String(o._id);
    const farms = (o.farms ?? []) as { payout?: { status?: string } }[];
    const ok =
      o.state === 'completed' &&
      Number(o.outboxPending) === 0 &&
      !o.followUpAt &&
      farms.length > 0 &&
      farms.every((f) => f.payout?.status === 'paid') &&
      reservations.some(
        (r) => String(r._id) === id && r.status === 'completed' && Number(r.outboxPending) === 0,
      ) &&
      facts.some((f) => String(f._id) === id && f.status === 'completed') &&
      shipments.filter((x) => x.orderId === id && x.status === 'delivered' && Number(x.outboxPending) === 0)
        .length === farms.length;
    if (ok) done.add(id);
  }
  return done;
};

/**
 * Each shipment of each order goes the way a partner takes it over logistics' HTTP API (claim,
 * pickup, one checkpoint, out for delivery, deliver), by a partner of the shipment's region. Then the
 * saga finishes by itself: orders completes the order and pays the farmers (simulated provider),
 * catalog completes the reservation, logistics records the completion. Resolves when every document
 * of every order is final and its outbox is empty.
 */
export const completeOrders = async (o: {
  t: Env;
  logisticsUrl: string;
  stores: Stores;
  orderIds: string[];
  farmsOf: (orderId: string) => number;
  timeoutMs: number;
  aborted: () => boolean;
  log: (line: string) => void;
}): Promise<void> => {
  const until = performance.now() + o.timeoutMs;
  const partners = new Map<string, Promise<string>>();
  const partnerToken = (region: string) => {
    let p = partners.get(region);
    if (!p) {
      p = token(o.t, { userId: `hist-partner-${region.toLowerCase()}`, role: 'logistics', region }, '12h');
      partners.set(region, p);
    }
    return p;
  };
  const shipments = o.stores.db.logistics.collection('shipments');
  const deliver = async (orderId: string) => {
    let found: StoredShipment[] = [];
    while (found.length < o.farmsOf(orderId)) {
      if (performance.now() > until || o.aborted())
        throw new Error(`no shipments for template order ${orderId}`);
      found = (await shipments
        .find({ orderId }, { projection: { _id: 1, region: 1, status: 1 } })
        .toArray()) as unknown as StoredShipment[];
      if (found.length < o.farmsOf(orderId)) await sleep(200);
    }
    for (const s of found) {
      const bearer = await partnerToken(s.region);
      const steps: [string, unknown][] = [
        ['claim', undefined],
        ['pickup', undefined],
        ['checkpoints', { place: `${s.region} hub`, temperatureC: 5.5 }],
        ['out-for-delivery', undefined],
        ['deliver', { recipientName: 'Ben Jansen', proofRef: `photo-${s._id}` }],
      ];
      for (const [step, body] of steps) {
        const r = await http(`${o.logisticsUrl}/shipments/${s._id}/${step}`, {
          method: 'POST',
          bearer,
          ...(body === undefined ? {} : { body }),
          timeoutMs: 30_000,
        });
        if (r.status < 200 || r.status >= 300)
          throw new Error(`template shipment ${s._id} ${step}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
      }
    }
  };
  // A few at a time: the partner's steps are sequential per shipment anyway.
  const queue = [...o.orderIds];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) await deliver(id);
    }),
  );
  let pending = [...o.orderIds];
  let lastLog = performance.now();
  while (pending.length) {
    if (o.aborted()) throw new Error('aborted');
    if (performance.now() > until)
      throw new Error(`template orders not final in time: ${pending.slice(0, 5).join(', ')}`);
    const done = await finished(o.stores, pending);
    pending = pending.filter((id) => !done.has(id));
    if (pending.length && performance.now() - lastLog > 5000) {
      o.log(`   templates: ${o.orderIds.length - pending.length}/${o.orderIds.length} orders final`);
      lastLog = performance.now();
    }
    if (pending.length) await sleep(500);
  }
};

// ---- templates --------------------------------------------------------------------------------------

type Slot =
  | { kind: 'order' | 'buyer' | 'uuid' | 'track' }
  | { kind: 'hex'; length: number }
  | { kind: 'ship'; farmId: string }
  | { kind: 'partner'; base: string };
type Hole = { slot: number } | { date: number };

interface Compiled {
  collection: (typeof ORDER_COLLECTIONS)[number];
  /** Literal JSON text around the holes: parts.length === holes.length + 1. */
  parts: string[];
  holes: Hole[];
  hasDates: boolean;
}

export interface Template {
  orderId: string;
  placedAt: number;
  farms: number;
  /** Stock each copy takes: catalog's listings count it as sold. */
  quantities: { listingId: string; quantity: number }[];
  docs: Compiled[];
  slots: Slot[];
  /** What the compiler found to replace, for the run's record. */
  replaced: Record<string, number>;
}

const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,3})?Z';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TRACEPARENT = /\b00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}\b/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** JSON with BSON dates as {"$date": iso} (so they are shifted like the ISO strings); anything else exotic is refused. */
const toJson = (doc: Doc): { json: string; hasDates: boolean } => {
  let hasDates = false;
  const json = JSON.stringify(doc, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) {
      hasDates = true;
      return { $date: raw.toISOString() };
    }
    if (raw && typeof raw === 'object' && '_bsontype' in raw)
      throw new Error(`template field ${key} is a BSON ${String((raw as { _bsontype: unknown })._bsontype)}`);
    return value;
  });
  return { json, hasDates };
};

const reviveDates = (_k: string, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && '$date' in v
    ? new Date(String((v as { $date: string }).$date))
    : v;

/**
 * Reads one completed order's documents from every collection and compiles them. `keep` holds the
 * world's ids (listings, farms), which a copy keeps: they are what the order bought from whom.
 */
export const captureTemplate = async (s: Stores, orderId: string, keep: Set<string>): Promise<Template> => {
  const docs: { c: (typeof ORDER_COLLECTIONS)[number]; doc: Doc }[] = [];
  for (const c of ORDER_COLLECTIONS) {
    for (const doc of await col(s, c).find(c.filter(orderId)).toArray()) docs.push({ c, doc: doc as Doc });
  }
  const order = docs.find((d) => d.c.name === 'orders')?.doc;
  const shipments = docs.filter((d) => d.c.name === 'shipments').map((d) => d.doc);
  if (
    !order ||
    !docs.some((d) => d.c.name === 'reservations') ||
    !docs.some((d) => d.c.name === 'order_facts')
  )
    throw new Error(`template order ${orderId} is missing documents`);

  // The identities of this order, each a hole filled per copy.
  const slots: Slot[] = [];
  const tokens = new Map<string, number>();
  const add = (tokenText: string, slot: Slot) => {
    if (!tokenText || tokens.has(tokenText) || keep.has(tokenText)) return;
    tokens.set(tokenText, slots.push(slot) - 1);
  };
  add(orderId, { kind: 'order' });
  add(String(order.buyerId), { kind: 'buyer' });
  for (const sh of shipments) {
    add(String(sh._id), { kind: 'ship', farmId: String(sh.farmId) });
    add(String(sh.trackingCode), { kind: 'track' });
    if (sh.partnerId) add(String(sh.partnerId), { kind: 'partner', base: String(sh.partnerId) });
  }
  const texts = docs.map((d) => ({ ...d, ...toJson(d.doc) }));
  for (const { json } of texts) {
    for (const [, trace, span] of json.matchAll(TRACEPARENT)) {
      add(trace!, { kind: 'hex', length: 32 });
      add(span!, { kind: 'hex', length: 16 });
    }
    // Event ids, correlation ids: any other UUID that is not one of the world's.
    for (const [u] of json.matchAll(UUID)) add(u, { kind: 'uuid' });
  }
  // Names end where an id character cannot follow (bench-buyer-1 must not match inside bench-buyer-12);
  // UUIDs and hex ids have a fixed length and may sit inside composite ids (sim_pi-<orderId>).
  const named = new Set(['buyer', 'partner']);
  const alternatives = [...tokens.keys()]
    .sort((a, b) => b.length - a.length)
    .map((x) => escape(x) + (named.has(slots[tokens.get(x)!]!.kind) ? '(?![0-9A-Za-z_-])' : ''));
  const re = new RegExp(`${alternatives.join('|')}|${ISO}`, 'g');

  const replaced: Record<string, number> = {};
  const compiled = texts.map(({ c, json, hasDates }) => {
    const parts: string[] = [];
    const holes: Hole[] = [];
    let last = 0;
    for (const m of json.matchAll(re)) {
      parts.push(json.slice(last, m.index));
      const slot = tokens.get(m[0]);
      if (slot !== undefined) {
        holes.push({ slot });
        const k = slots[slot]!.kind;
        replaced[k] = (replaced[k] ?? 0) + 1;
      } else {
        holes.push({ date: Date.parse(m[0]) });
        replaced.date = (replaced.date ?? 0) + 1;
      }
      last = m.index + m[0].length;
    }
    parts.push(json.slice(last));
    return { collection: c, parts, holes, hasDates };
  });
  const lines = (order.lines ?? []) as { listingId: string; quantity: number }[];
  return {
    orderId,
    placedAt: Date.parse(String(order.placedAt)),
    farms: ((order.farmIds ?? []) as string[]).length,
    quantities: lines.map((l) => ({ listingId: l.listingId, quantity: l.quantity })),
    docs: compiled,
    slots,
    replaced,
  };
};

export interface Copy {
  orderId: string;
  buyerId: string;
  placedAt: number;
  /** Which of the region's partners delivered it. */
  partner: number;
}

const slotValue = (s: Slot, c: Copy): string => {
  switch (s.kind) {
    case 'order':
      return c.orderId;
    case 'buyer':
      return c.buyerId;
    case 'uuid':
      return randomUUID();
    case 'track':
      return newTrackingCode();
    case 'hex':
      return randomBytes(s.length / 2).toString('hex');
    case 'ship':
      return shipmentIdFor(c.orderId, s.farmId);
    case 'partner':
      return `${s.base}-${String(c.partner).padStart(2, '0')}`;
  }
};

/** The documents of one copy, per collection, exactly as the template's but with its own identities and dates. */
export const instantiate = (t: Template, c: Copy): { collection: CollectionName; doc: Doc }[] => {
  const values = t.slots.map((s) => slotValue(s, c));
  const shift = c.placedAt - t.placedAt;
  return t.docs.map((d) => {
    let text = d.parts[0]!;
    for (let i = 0; i < d.holes.length; i++) {
      const h = d.holes[i]!;
      text += ('slot' in h ? values[h.slot] : new Date(h.date + shift).toISOString()) + d.parts[i + 1]!;
    }
    return {
      collection: d.collection.name,
      doc: (d.hasDates ? JSON.parse(text, reviveDates) : JSON.parse(text)) as Doc,
    };
  });
};

// ---- the plan and the bulk insert -------------------------------------------------------------------

export interface HistoryPlan {
  orders: number;
  buyers: number;
  /** Buyer 0 is the measured buyer: exactly this many orders, the first ones of the plan. */
  measuredBuyerOrders: number;
  buyer: Int32Array;
  template: Int32Array;
  placedAt: Float64Array;
  partner: Int8Array;
}

export const buyerId = (i: number) => `hist-buyer-${String(i).padStart(4, '0')}`;

/**
 * Who placed each historical order, from which template and when. The measured buyer's orders come
 * first, so the empty state can hold exactly those (the same list the seeded state returns for them).
 */
export const planHistory = (o: {
  orders: number;
  buyers: number;
  measuredBuyerOrders: number;
  singles: number[];
  multis: number[];
  multiShare: number;
  partnersPerRegion: number;
  days: number;
  now: number;
  seed: number;
}): HistoryPlan => {
  const rnd = prng(o.seed);
  const n = o.orders;
  const k = Math.min(o.measuredBuyerOrders, n);
  const p: HistoryPlan = {
    orders: n,
    buyers: o.buyers,
    measuredBuyerOrders: k,
    buyer: new Int32Array(n),
    template: new Int32Array(n),
    placedAt: new Float64Array(n),
    partner: new Int8Array(n),
  };
  const day = 86_400_000;
  for (let i = 0; i < n; i++) {
    p.buyer[i] = i < k || o.buyers < 2 ? 0 : 1 + Math.floor(rnd() * (o.buyers - 1));
    const pool = o.multis.length && rnd() < o.multiShare ? o.multis : o.singles;
    p.template[i] = pool[Math.floor(rnd() * pool.length)]!;
    // Completed orders: placed between a year and two days ago.
    p.placedAt[i] = Math.round(o.now - 2 * day - rnd() * (o.days - 2) * day);
    p.partner[i] = Math.floor(rnd() * o.partnersPerRegion);
  }
  return p;
};

export interface SeedProgress {
  done: number;
  total: number;
  documents: number;
  elapsedMs: number;
}

/**
 * Inserts orders [from, to) of the plan: per batch of `batch` orders, one insertMany per collection
 * (unordered; any write error fails the seed). Afterwards each listing's `sold` and `available` are
 * moved by what the copies bought, as catalog's commit would have.
 */
export const insertHistory = async (o: {
  stores: Stores;
  templates: Template[];
  plan: HistoryPlan;
  from: number;
  to: number;
  batch: number;
  runTag: string;
  onProgress: (p: SeedProgress) => void;
  aborted: () => boolean;
}): Promise<{ orders: number; documents: Record<string, number>; seconds: number }> => {
  const started = performance.now();
  const documents: Record<string, number> = {};
  const sold = new Map<string, number>();
  let lastReport = 0;
  let total = 0;
  for (let start = o.from; start < o.to; start += o.batch) {
    if (o.aborted()) throw new Error('aborted while seeding');
    const end = Math.min(o.to, start + o.batch);
    const byCollection = new Map<CollectionName, Doc[]>();
    for (let i = start; i < end; i++) {
      const t = o.templates[o.plan.template[i]!]!;
      const buyer = buyerId(o.plan.buyer[i]!);
      const docs = instantiate(t, {
        // The id orders gives the order its buyer placed under this key.
        orderId: orderIdFor(buyer, `hist-${o.runTag}-${i}`),
        buyerId: buyer,
        placedAt: o.plan.placedAt[i]!,
        partner: o.plan.partner[i]!,
      });
      for (const d of docs) {
        let list = byCollection.get(d.collection);
        if (!list) byCollection.set(d.collection, (list = []));
        list.push(d.doc);
      }
      for (const q of t.quantities) sold.set(q.listingId, (sold.get(q.listingId) ?? 0) + q.quantity);
    }
    // What the services write with an order and its shipments besides the documents, as they would have: the day
    // buckets of the farms' and partners' lists (each copy's own day and partner) listed in their directories first,
    // and the farms' running payout totals moved by the copies' money.
    await Promise.all([
      prepareOrderImport(o.stores.db.orders, byCollection.get('orders') ?? []),
      prepareShipmentImport(o.stores.db.logistics, byCollection.get('shipments') ?? []),
    ]);
    await Promise.all(
      ORDER_COLLECTIONS.map(async (c) => {
        const docs = byCollection.get(c.name);
        if (!docs?.length) return;
        try {
          await col(o.stores, c).insertMany(docs, { ordered: false });
        } catch (err) {
          const e = err as { message: string; writeErrors?: unknown[] };
          throw new Error(
            `insertMany into ${c.db}.${c.name} failed (${e.writeErrors?.length ?? '?'} write errors): ${e.message}`,
          );
        }
        documents[`${c.db}.${c.name}`] = (documents[`${c.db}.${c.name}`] ?? 0) + docs.length;
        total += docs.length;
      }),
    );
    const now = performance.now();
    if (now - lastReport > 2000 || end === o.to) {
      lastReport = now;
      o.onProgress({ done: end - o.from, total: o.to - o.from, documents: total, elapsedMs: now - started });
    }
  }
  const listings = o.stores.db.catalog.collection('listings');
  for (const [listingId, q] of sold) {
    await listings.updateOne({ _id: listingId } as Doc, { $inc: { sold: q, available: -q } });
  }
  return { orders: o.to - o.from, documents, seconds: Math.round((performance.now() - started) / 100) / 10 };
};

/** The world's ids, which copies keep. */
export const worldIds = (w: World): Set<string> =>
  new Set([...w.farms.map((f) => f.farmId), ...w.listings.map((l) => l.listingId)]);
