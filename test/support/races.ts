import { randomUUID } from 'node:crypto';
import type { TypedEnvelope } from '@ftt/contracts';
import type { mongo } from 'mongoose';
import { buyerAddress } from './actors';
import type { ServiceDbs } from './chaos-db';
import { sleep, type ChaosClient, type Prng, type Role } from './chaos-http';
import { PARTNERS, type Endpoints, type World } from './chaos-load';
import { moneyInvariant } from './money-invariant';

/**
 * The race harness: pairs of conflicting actions fired at the running services with random offsets, each round on
 * its own order, then every order driven to its end as its users would, and invariants checked per order.
 */

type Doc = mongo.Document;
type Who = { userId: string; role: Role; region?: string };
type Service = keyof Endpoints;

export const BUYER: Who = { userId: 'user-buyer-racer', role: 'buyer' };
export const ADMIN: Who = { userId: 'user-admin-ada', role: 'admin' };
const TERMINAL = ['completed', 'rejected', 'cancelled', 'expired', 'refunded'];
const SHIPMENT_ENDS = ['delivered', 'returned', 'cancelled'];

interface Shipment {
  shipmentId: string;
  farmId: string;
  region: string;
  status: string;
}
interface OrderView {
  orderId: string;
  state: string;
  expiresAt?: string;
  cancelRequest?: { status: string };
}

/** One-shot HTTP (no retry: a race must see the first answer), with the caller's token. */
export class RaceHttp {
  constructor(
    private readonly client: ChaosClient,
    private readonly eps: Endpoints,
  ) {}

  async call<T = Record<string, unknown>>(who: Who, service: Service, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const bearer = await this.client.bearer(who.userId, who.role, who.region);
    const res = await fetch(this.eps[service].url(0) + path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

const partnerOf = (region: string): Who => ({ userId: PARTNERS[region as keyof typeof PARTNERS], role: 'logistics', region });

/** What a round works on: its order, and the steps its users take. */
export class Round {
  orderId = '';
  constructor(
    readonly http: RaceHttp,
    readonly world: World,
  ) {}

  async order(): Promise<OrderView> {
    const r = await this.http.call<OrderView>(BUYER, 'orders', 'GET', `/orders/${this.orderId}`);
    if (r.status !== 200) throw new Error(`GET order ${this.orderId}: ${r.status}`);
    return r.body;
  }

  async waitOrder(until: (o: OrderView) => boolean, ms = 30_000): Promise<OrderView> {
    const end = Date.now() + ms;
    for (;;) {
      const o = await this.order();
      if (until(o)) return o;
      if (Date.now() > end) throw new Error(`order ${this.orderId} stayed ${o.state} (${JSON.stringify(o.cancelRequest ?? {})})`);
      await sleep(100);
    }
  }

  place(lines: { listingId: string; quantity: number }[]) {
    return this.http.call<OrderView>(BUYER, 'orders', 'POST', '/orders', { lines, ...buyerAddress }, { 'idempotency-key': randomUUID() });
  }

  /** A new order on the given listings, waited for until stock is held (awaiting_payment) or it ended. */
  async placed(lines: { listingId: string; quantity: number }[]): Promise<OrderView> {
    const r = await this.place(lines);
    if (r.status !== 201) throw new Error(`place: ${r.status} ${JSON.stringify(r.body)}`);
    this.orderId = r.body.orderId;
    return this.waitOrder((o) => o.state !== 'pending');
  }

  pay = (outcome: 'succeeded' | 'failed' = 'succeeded') =>
    this.http.call(BUYER, 'orders', 'POST', `/orders/${this.orderId}/pay`, { outcome }).then((r) => r.status);
  cancel = () => this.http.call(BUYER, 'orders', 'POST', `/orders/${this.orderId}/cancel`, { reason: 'race' }).then((r) => r.status);
  /** An operator's refund in the back office: all that is still refundable, or `amountMinor`. */
  refund = (amountMinor?: number) =>
    this.http
      .call(ADMIN, 'orders', 'POST', `/admin/orders/${this.orderId}/refunds`, { reason: 'race', ...(amountMinor ? { amountMinor } : {}) })
      .then((r) => r.status);

  async shipments(count?: number): Promise<Shipment[]> {
    const end = Date.now() + 30_000;
    for (;;) {
      const r = await this.http.call<Shipment[]>(ADMIN, 'logistics', 'GET', `/orders/${this.orderId}/shipments`);
      if (r.status === 200 && r.body.length >= (count ?? 1)) return r.body;
      if (Date.now() > end) throw new Error(`no shipments for ${this.orderId}`);
      await sleep(100);
    }
  }

  step(s: Shipment, action: string, body?: unknown) {
    return this.http.call(partnerOf(s.region), 'logistics', 'POST', `/shipments/${s.shipmentId}/${action}`, body).then((r) => r.status);
  }
  claim = (s: Shipment) => this.step(s, 'claim');
  pickUp = (s: Shipment) => this.step(s, 'pickup');
  outForDelivery = (s: Shipment) => this.step(s, 'out-for-delivery');
  deliver = (s: Shipment) => this.step(s, 'deliver', { recipientName: 'Ben Jansen', proofRef: `sig-${s.shipmentId.slice(0, 8)}` });
  giveBack = (s: Shipment) => this.step(s, 'return', { reason: 'crates crushed on the way' });

  /** Takes every shipment still on its way to its end (delivered), then waits for the order to end. */
  async finish(): Promise<OrderView> {
    if (!this.orderId) return { orderId: '', state: 'none' };
    const end = Date.now() + 60_000;
    for (;;) {
      const o = await this.order();
      if (TERMINAL.includes(o.state)) return o;
      if (Date.now() > end) throw new Error(`order ${this.orderId} did not end: ${o.state}`);
      if (o.state === 'confirmed' && o.cancelRequest?.status !== 'requested') {
        for (const s of await this.shipments()) {
          if (SHIPMENT_ENDS.includes(s.status)) continue;
          const next = { open: this.claim, assigned: this.pickUp, picked_up: this.outForDelivery, delivery_failed: this.outForDelivery, out_for_delivery: this.deliver }[s.status];
          if (next) await next(s);
        }
      }
      await sleep(150);
    }
  }
}

export interface Pair {
  name: string;
  /** Brings the round's order to the state both actions start from; returns what the actions need. */
  setup: (r: Round) => Promise<unknown>;
  a: (r: Round, given: unknown) => Promise<number | void>;
  b: (r: Round, given: unknown) => Promise<number | void>;
  /** Rounds of this pair share state (a listing): run them one at a time. */
  serial?: boolean;
}

/** Fires both actions, each after a random 0-50 ms offset; returns their HTTP statuses. */
export const race = async (p: Pair, r: Round, rng: Prng) => {
  const given = await p.setup(r);
  const [da, db] = [rng.int(0, 50), rng.int(0, 50)];
  const [sa, sb] = await Promise.all([sleep(da).then(() => p.a(r, given)), sleep(db).then(() => p.b(r, given))]);
  return { a: sa, b: sb };
};

/** Stock moved by the farmer during the run (write-offs, restocks): what the stock invariant must allow for. */
export const stockMoves = new Map<string, number>();
export const moveStock = (listingId: string, delta: number) => stockMoves.set(listingId, (stockMoves.get(listingId) ?? 0) + delta);

const ev = (events: TypedEnvelope[], orderId: string) =>
  events.filter((e) => (e.data as { orderId?: string }).orderId === orderId).sort((x, y) => Date.parse(x.time) - Date.parse(y.time));

const amount = (m: unknown) => Number((m as { amount?: number } | undefined)?.amount ?? 0);

/**
 * The invariants of one order after its round, from the services' databases and the events on Kafka. Each returns
 * its violations (empty = holds).
 */
export const orderInvariants = (orderId: string, orders: Map<string, Doc>, shipments: Doc[], events: TypedEnvelope[]) => {
  const o = orders.get(orderId);
  if (!o) return { violations: [`${orderId}: not stored`], checks: 1 };
  const v: string[] = [];
  const mine = ev(events, orderId);
  const unique = [...new Map(mine.map((e) => [e.id, e])).values()];
  const of = (type: string) => unique.filter((e) => e.type === `ftt.${type}.v1`).map((e) => ({ ...e, data: e.data as Record<string, unknown> }));
  const farms = (o.farms ?? []) as Doc[];
  const ships = shipments.filter((s) => s.orderId === orderId);

  // Every order reaches a terminal state, with nothing owed.
  if (!TERMINAL.includes(String(o.state))) v.push(`${orderId}: still ${String(o.state)}`);
  if (o.refund?.status === 'pending' || farms.some((f) => f.payout?.status === 'pending')) v.push(`${orderId}: provider work still owed`);

  v.push(...moneyInvariant(o, of));

  // Each farmer paid if and only if their shipment was delivered (and an operator's refund left them something).
  const deliveredFarms = new Set(ships.filter((s) => s.status === 'delivered').map((s) => String(s.farmId)));
  const paidFarms = new Set(of('orders.payout.made').map((e) => String(e.data.farmId)));
  for (const f of farms) {
    const farmId = String(f.farmId);
    const owed = deliveredFarms.has(farmId) && amount(f.payout?.amount) > 0;
    if (paidFarms.has(farmId) !== owed) v.push(`${orderId}/${farmId}: paid ${paidFarms.has(farmId)}, delivered ${deliveredFarms.has(farmId)}`);
    if (deliveredFarms.has(farmId) !== Boolean(f.payout)) v.push(`${orderId}/${farmId}: payout ${Boolean(f.payout)}, delivered ${deliveredFarms.has(farmId)}`);
  }

  // No shipment moves for a cancelled order: nothing of it left a farm, and every shipment is cancelled.
  if (o.state === 'cancelled') {
    for (const s of ships) if (s.status !== 'cancelled' || s.pickedUpAt) v.push(`${orderId}: cancelled, but shipment ${String(s._id)} is ${String(s.status)}`);
    if (of('logistics.shipment.picked_up').length) v.push(`${orderId}: cancelled, but shipment.picked_up was published`);
  }

  // No event after a terminal one: nothing of the saga moves after the order was cancelled, expired or rejected,
  // and catalog never releases stock it committed.
  const end = unique.find((e) => ['ftt.orders.order.cancelled.v1', 'ftt.orders.order.expired.v1', 'ftt.orders.order.rejected.v1'].includes(e.type));
  if (end) {
    const after = unique.filter((e) => Date.parse(e.time) > Date.parse(end.time));
    const moves = after.filter((e) => e.type.startsWith('ftt.logistics.shipment.') && e.type !== 'ftt.logistics.shipment.cancelled.v1');
    const confirmed = after.filter((e) => e.type === 'ftt.orders.order.confirmed.v1' || e.type === 'ftt.catalog.stock.committed.v1');
    for (const e of [...moves, ...confirmed]) v.push(`${orderId}: ${e.type} after ${end.type}`);
  }
  const committed = of('catalog.stock.committed')[0];
  const released = of('catalog.stock.released')[0];
  // Committed stock goes back on sale only if none of it left a farm (a cancel before pickup).
  if (committed && released && ships.some((s) => s.pickedUpAt)) {
    v.push(`${orderId}: stock.released although produce was picked up (the units would be sold twice)`);
  }
  return { violations: v, checks: 7 };
};

/** Stock conserved per listing: available + reserved + sold = initial + what the farmer restocked or wrote off. */
export const stockInvariant = (world: World, listings: Map<string, Doc>) =>
  world.listings.flatMap((l) => {
    const d = listings.get(l.listingId);
    if (!d) return [`${l.listingId}: missing`];
    const [a, r, s] = [Number(d.available), Number(d.reserved), Number(d.sold)];
    const want = l.initial + (stockMoves.get(l.listingId) ?? 0);
    const v: string[] = [];
    if (a + r + s !== want) v.push(`${l.listingId}: ${a} + ${r} + ${s} != ${want}`);
    if (a < 0 || r < 0 || s < 0) v.push(`${l.listingId}: negative stock ${a}/${r}/${s}`);
    return v;
  });

export const readStores = async (dbs: ServiceDbs) => ({
  orders: new Map((await dbs.all('orders', 'orders')).map((o) => [String(o._id), o])),
  shipments: await dbs.all('logistics', 'shipments'),
  listings: new Map((await dbs.all('catalog', 'listings')).map((l) => [String(l._id), l])),
});
