import type { mongo } from 'mongoose';
import { buyerAddress, farmBody, listingBody } from './actors';
import { shipmentIdFor } from '../../services/logistics/src/use-cases/identity';
import { ChaosClient, GaveUp, sleep, type Endpoint, type Prng, type Role } from './chaos-http';

/**
 * The load of a chaos run: a small world of farms and listings with limited stock, and a driver that
 * takes each order through the scenario drawn for it, as buyers and partners would, over HTTP only.
 */

export type Region = 'Gelderland' | 'Utrecht';
export interface ListingInfo {
  listingId: string;
  farmId: string;
  region: Region;
  lotCode: string;
  /** Stock the listing was created with: available + reserved + sold must always add up to it. */
  initial: number;
}
export interface World {
  farms: { farmId: string; farmerId: string; region: Region; listings: ListingInfo[] }[];
  listings: ListingInfo[];
}
export interface Endpoints {
  catalog: Endpoint;
  orders: Endpoint;
  logistics: Endpoint;
}

const CITIES: Record<Region, [string, number, number]> = {
  Gelderland: ['Wageningen', 51.97, 5.66],
  Utrecht: ['Houten', 52.03, 5.17],
};
export const PARTNERS: Record<Region, string> = {
  Gelderland: 'user-partner-pia',
  Utrecht: 'user-partner-omar',
};

/** Farms (one farmer each) with listings of the given stock, published; then waits until orders knows them all. */
export const setupWorld = async (
  client: ChaosClient,
  eps: Endpoints,
  ordersDb: mongo.Db,
  run: string,
  spec: { region: Region; stocks: number[] }[],
): Promise<World> => {
  const world: World = { farms: [], listings: [] };
  for (const [i, f] of spec.entries()) {
    const farmer = { userId: `user-farmer-chaos-${i}`, role: 'farmer' as Role };
    const [city, lat, lng] = CITIES[f.region];
    const farm = await client.call<{ id: string }>(farmer, eps.catalog, 'POST', '/farms', {
      body: farmBody(`Chaos farm ${i}`, f.region, city, lat, lng),
    });
    if (farm.status !== 201) throw new Error(`farm ${i}: ${farm.status} ${JSON.stringify(farm.body)}`);
    const payout = await client.call(farmer, eps.catalog, 'POST', `/farms/${farm.body.id}/payout-onboarding`, {});
    if (payout.status !== 200) throw new Error(`payout account ${i}: ${payout.status} ${JSON.stringify(payout.body)}`);
    const listings: ListingInfo[] = [];
    for (const [j, stock] of f.stocks.entries()) {
      const lotCode = `LOT-${run}-${i}-${j}`;
      const l = await client.call<{ id: string }>(
        farmer,
        eps.catalog,
        'POST',
        `/farms/${farm.body.id}/listings`,
        {
          body: listingBody(`Produce ${i}.${j}`, lotCode, stock, 150 + 25 * j),
        },
      );
      if (l.status !== 201) throw new Error(`listing ${i}.${j}: ${l.status} ${JSON.stringify(l.body)}`);
      const p = await client.call(farmer, eps.catalog, 'POST', `/listings/${l.body.id}/publish`);
      if (p.status !== 200) throw new Error(`publish ${i}.${j}: ${p.status} ${JSON.stringify(p.body)}`);
      listings.push({
        listingId: l.body.id,
        farmId: farm.body.id,
        region: f.region,
        lotCode,
        initial: stock,
      });
    }
    world.farms.push({ farmId: farm.body.id, farmerId: farmer.userId, region: f.region, listings });
    world.listings.push(...listings);
  }
  // orders prices orders from its own read model of listings, fed by catalog's events.
  const ids = world.listings.map((l) => l.listingId);
  const until = Date.now() + 120_000;
  while (
    (await ordersDb.collection('listings').countDocuments({ _id: { $in: ids } } as mongo.Document)) <
    ids.length
  ) {
    if (Date.now() > until) throw new Error('orders did not learn every listing within 120 s');
    await sleep(250);
  }
  return world;
};

export type Scenario = 'deliver' | 'unpaid' | 'cancel_unpaid' | 'cancel_paid' | 'return';
export interface PlannedOrder {
  index: number;
  key: string;
  buyerId: string;
  scenario: Scenario;
  /** The first payment attempt is declined (payment.failed), the second succeeds. */
  failFirstPayment: boolean;
  /** A checkpoint with a temperature is recorded on the way. */
  checkpoint: boolean;
  lines: { listingId: string; quantity: number }[];
}

export type Mix = Record<Scenario, number>;
export const DEFAULT_MIX: Mix = {
  deliver: 0.74,
  unpaid: 0.08,
  cancel_unpaid: 0.05,
  cancel_paid: 0.08,
  return: 0.05,
};

/** Orders drawn from the PRNG: mostly one farm (fewer steps), some two-farm orders. */
export const planOrders = (
  rng: Prng,
  world: World,
  n: number,
  run: string,
  o: { mix?: Mix; twoFarmShare?: number; buyers?: number } = {},
): PlannedOrder[] => {
  const mix = Object.entries(o.mix ?? DEFAULT_MIX) as [Scenario, number][];
  const total = mix.reduce((s, [, w]) => s + w, 0);
  return Array.from({ length: n }, (_, index) => {
    let x = rng.next() * total;
    const scenario = mix.find(([, w]) => (x -= w) < 0)?.[0] ?? 'deliver';
    const twoFarms = scenario !== 'return' && world.farms.length > 1 && rng.next() < (o.twoFarmShare ?? 0.2);
    const farms = rng.shuffle(world.farms).slice(0, twoFarms ? 2 : 1);
    return {
      index,
      key: `chaos-${run}-${index}`,
      buyerId: `user-buyer-chaos-${index % (o.buyers ?? 16)}`,
      scenario,
      failFirstPayment: scenario === 'deliver' && rng.next() < 0.05,
      checkpoint: rng.next() < 0.1,
      lines: farms.map((f) => ({ listingId: rng.pick(f.listings).listingId, quantity: rng.int(1, 3) })),
    };
  });
};

export type OrderState =
  | 'pending'
  | 'awaiting_payment'
  | 'confirmed'
  | 'completed'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'refunded';
export const TERMINAL: readonly OrderState[] = ['completed', 'rejected', 'cancelled', 'expired', 'refunded'];

interface OrderView {
  orderId: string;
  state: OrderState;
  farms: { farmId: string; region: string }[];
}
interface ShipmentView {
  shipmentId: string;
  orderId: string;
  farmId: string;
  region: Region;
  status: string;
  partnerId: string | null;
}

export interface DriveResult {
  index: number;
  scenario: Scenario;
  orderId?: string;
  /** The last state the driver saw (the final state is read from the database afterwards). */
  seen?: OrderState;
  notes: string[];
  /** Something the system did that a client could not explain: a bug, or a test bug. */
  error?: string;
  ms: number;
}

const SHIPMENT_ORDER = ['open', 'assigned', 'picked_up', 'out_for_delivery', 'delivered'];
const reached = (status: string, target: string) =>
  SHIPMENT_ORDER.includes(status) && SHIPMENT_ORDER.indexOf(status) >= SHIPMENT_ORDER.indexOf(target);

class DriveError extends Error {
  override name = 'DriveError';
}

/**
 * Takes one planned order through its scenario. Every request is retried through outages with the
 * same body and Idempotency-Key (ChaosClient); a 409 on a retried request counts as "already done"
 * only when the stored state, read back, shows the step was done.
 */
export class OrderDriver {
  constructor(
    private readonly client: ChaosClient,
    private readonly eps: Endpoints,
    private readonly o: { stepTimeoutMs?: number; pollMs?: number } = {},
  ) {}

  private get timeout() {
    return this.o.stepTimeoutMs ?? 600_000;
  }

  async drive(p: PlannedOrder): Promise<DriveResult> {
    const started = Date.now();
    const result: DriveResult = { index: p.index, scenario: p.scenario, notes: [], ms: 0 };
    try {
      await this.run(p, result);
    } catch (err) {
      result.error = `${(err as Error).name}: ${(err as Error).message}`;
    }
    result.ms = Date.now() - started;
    return result;
  }

  private buyer(p: PlannedOrder) {
    return { userId: p.buyerId, role: 'buyer' as Role };
  }

  private async run(p: PlannedOrder, r: DriveResult): Promise<void> {
    const buyer = this.buyer(p);
    const placed = await this.client.call<OrderView>(buyer, this.eps.orders, 'POST', '/orders', {
      body: { lines: p.lines, ...buyerAddress },
      headers: { 'idempotency-key': p.key },
      prefer: p.index,
    });
    if (placed.status !== 201 && placed.status !== 200)
      throw new DriveError(`place: ${placed.status} ${JSON.stringify(placed.body)}`);
    if (placed.status === 200) r.notes.push('place replayed');
    const orderId = placed.body.orderId;
    r.orderId = orderId;

    let order = await this.waitOrder(p, orderId, (s) => s !== 'pending');
    r.seen = order.state;
    if (order.state !== 'awaiting_payment') return; // rejected (no stock), or ended otherwise

    if (p.scenario === 'unpaid') return; // left to expire
    if (p.scenario === 'cancel_unpaid') {
      r.seen = await this.cancel(p, orderId, r);
      return;
    }
    if (p.failFirstPayment) {
      const declined = await this.client.call<OrderView>(
        buyer,
        this.eps.orders,
        'POST',
        `/orders/${orderId}/pay`,
        {
          body: { outcome: 'failed' },
          prefer: p.index,
        },
      );
      if (declined.status !== 200) r.notes.push(`declined payment answered ${declined.status}`);
    }
    const paid = await this.client.call<OrderView>(buyer, this.eps.orders, 'POST', `/orders/${orderId}/pay`, {
      body: { outcome: 'succeeded' },
      prefer: p.index,
    });
    if (paid.status === 409) {
      // Legitimate only if the order left awaiting_payment meanwhile (it expired while we were paying).
      const now = await this.getOrder(p, orderId);
      r.seen = now.state;
      if (now.state === 'confirmed' || now.state === 'completed')
        r.notes.push('pay 409 but it was paid (retried)');
      else if (now.state === 'expired') {
        r.notes.push('expired before the payment arrived');
        return;
      } else throw new DriveError(`pay: 409 while the order is ${now.state}: ${JSON.stringify(paid.body)}`);
    } else if (paid.status !== 200) throw new DriveError(`pay: ${paid.status} ${JSON.stringify(paid.body)}`);

    order = await this.waitOrder(p, orderId, (s) => s !== 'awaiting_payment');
    r.seen = order.state;
    if (order.state !== 'confirmed') {
      // A payment that raced the expiry is recorded on the expired order and refunded.
      r.notes.push(`after paying the order is ${order.state}`);
      return;
    }
    if (p.scenario === 'cancel_paid') {
      r.seen = await this.cancel(p, orderId, r);
      return;
    }

    const shipments = await this.shipmentsOf(order);
    await Promise.all(shipments.map((s) => this.carry(p, s)));
    // Every step of the client's is done; the rest is the saga's. Waiting for it keeps no more orders in
    // flight than the concurrency bound; not seeing it in time is for the checks after the run to judge.
    let done: OrderView;
    try {
      done = await this.waitOrder(p, orderId, (s) => TERMINAL.includes(s));
    } catch (err) {
      if (!(err instanceof DriveError)) throw err;
      r.notes.push('the end of the order not seen by the driver in time (checked after the run)');
      return;
    }
    r.seen = done.state;
    const expected = p.scenario === 'return' ? 'refunded' : 'completed';
    if (done.state !== expected)
      throw new DriveError(`after every shipment ended the order is ${done.state}, not ${expected}`);
  }

  private async cancel(p: PlannedOrder, orderId: string, r: DriveResult): Promise<OrderState> {
    const c = await this.client.call<OrderView>(
      this.buyer(p),
      this.eps.orders,
      'POST',
      `/orders/${orderId}/cancel`,
      {
        body: { reason: 'changed my mind' },
        prefer: p.index,
      },
    );
    if (c.status === 200) return c.body.state;
    if (c.status === 202) {
      // A confirmed order: logistics answers the request, then the order is cancelled (nothing was picked up).
      const done = await this.waitOrder(p, orderId, (s) => s !== 'confirmed');
      return done.state;
    }
    const now = await this.getOrder(p, orderId);
    if (c.status === 409 && now.state === 'cancelled' && c.attempts > 1) {
      r.notes.push('cancel 409 on a retry, and it was cancelled');
      return now.state;
    }
    if (c.status === 409 && now.state === 'expired') {
      r.notes.push('cancel lost the race with expiry');
      return now.state;
    }
    throw new DriveError(`cancel: ${c.status} while ${now.state}: ${JSON.stringify(c.body)}`);
  }

  private async getOrder(p: PlannedOrder, orderId: string): Promise<OrderView> {
    const g = await this.client.call<OrderView>(this.buyer(p), this.eps.orders, 'GET', `/orders/${orderId}`, {
      prefer: p.index,
    });
    if (g.status !== 200) throw new DriveError(`get order: ${g.status} ${JSON.stringify(g.body)}`);
    return g.body;
  }

  /**
   * Polls with a growing interval: the saga moves in about a second when all is well and in tens of
   * seconds during an outage, and every poll is a read on the service's one database connection.
   */
  private async waitOrder(
    p: PlannedOrder,
    orderId: string,
    until: (s: OrderState) => boolean,
  ): Promise<OrderView> {
    const deadline = Date.now() + this.timeout;
    for (let wait = this.o.pollMs ?? 300; ; wait = Math.min(wait * 1.5, 3000)) {
      const o = await this.getOrder(p, orderId);
      if (until(o.state)) return o;
      if (Date.now() > deadline) throw new DriveError(`order still ${o.state} after ${this.timeout} ms`);
      await sleep(wait);
    }
  }

  /**
   * logistics creates one shipment per farm from order.confirmed, under an id derived from (order, farm)
   * (services/logistics identity.ts). The partner of the farm's region polls that id: a lookup by _id,
   * the cheapest read there is. Duplicates are looked for after the run, in the database and on the topic.
   */
  private async shipmentsOf(order: OrderView): Promise<ShipmentView[]> {
    return Promise.all(
      order.farms.map(async (f) => {
        const region = f.region as Region;
        const partner = { userId: PARTNERS[region], role: 'logistics' as Role, region };
        const id = shipmentIdFor(order.orderId, f.farmId);
        const deadline = Date.now() + this.timeout;
        for (let wait = this.o.pollMs ?? 300; ; wait = Math.min(wait * 1.5, 3000)) {
          const r = await this.client.call<ShipmentView>(
            partner,
            this.eps.logistics,
            'GET',
            `/shipments/${id}`,
          );
          if (r.status === 200) return r.body;
          if (r.status !== 404) throw new DriveError(`shipment ${id}: ${r.status} ${JSON.stringify(r.body)}`);
          if (Date.now() > deadline)
            throw new DriveError(`no shipment ${id} for farm ${f.farmId} after ${this.timeout} ms`);
          await sleep(wait);
        }
      }),
    );
  }

  /** The partner of the shipment's region claims it and records every step to delivery (or a return). */
  private async carry(p: PlannedOrder, s: ShipmentView): Promise<void> {
    const partner = { userId: PARTNERS[s.region], role: 'logistics' as Role, region: s.region };
    const step = async (path: string, target: string, body?: unknown) => {
      const r = await this.client.call<ShipmentView>(
        partner,
        this.eps.logistics,
        'POST',
        `/shipments/${s.shipmentId}/${path}`,
        {
          ...(body !== undefined ? { body } : {}),
          prefer: p.index,
        },
      );
      if (r.status < 300) return;
      if (r.status === 409 && r.attempts > 1) {
        const now = await this.client.call<ShipmentView>(
          partner,
          this.eps.logistics,
          'GET',
          `/shipments/${s.shipmentId}`,
        );
        const done =
          target === 'returned' ? now.body.status === 'returned' : reached(now.body.status, target);
        if (now.status === 200 && done && now.body.partnerId === partner.userId) return;
      }
      throw new DriveError(`shipment ${path}: ${r.status} (attempt ${r.attempts}) ${JSON.stringify(r.body)}`);
    };
    await step('claim', 'assigned');
    await step('pickup', 'picked_up');
    if (p.checkpoint)
      await step('checkpoints', 'picked_up', { place: 'Utrecht hub', temperatureC: 4 + (p.index % 5) });
    if (p.scenario === 'return') {
      await step('return', 'returned', { reason: 'crates damaged on the way' });
      return;
    }
    await step('out-for-delivery', 'out_for_delivery');
    await step('deliver', 'delivered', {
      recipientName: 'B. Jansen',
      proofRef: `photo-${s.shipmentId.slice(-8)}`,
    });
  }
}

/** Runs fn over items with at most `concurrency` in flight; calls onDone after each. */
export const pool = async <T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
  onDone?: (r: R, done: number) => void,
): Promise<R[]> => {
  const out: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
      onDone?.(out[i]!, ++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
};

export { GaveUp };
