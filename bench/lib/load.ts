import { token, type testEnv } from '@ftt/kit/testing';
import { buyerAddress, farmBody, listingBody } from '../../test/support/actors';
import { sleep } from './kafka';
import type { SagaObserver, Seen } from './observer';

type Env = ReturnType<typeof testEnv>;

export interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

/** One HTTP call with a deadline; a network error or timeout is status 0 with the error as body. */
export const http = async (
  url: string,
  init: {
    method: string;
    bearer: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  },
  parse = true,
): Promise<Reply> => {
  try {
    const res = await fetch(url, {
      method: init.method,
      headers: {
        authorization: `Bearer ${init.bearer}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
    });
    if (!parse) {
      await res.arrayBuffer(); // drain, so the connection is reused
      return { status: res.status, body: undefined, headers: res.headers };
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body, headers: res.headers };
  } catch (err) {
    return { status: 0, body: (err as Error).message, headers: new Headers() };
  }
};

export interface Listing {
  listingId: string;
  farmId: string;
}
export interface World {
  farms: { farmId: string; listings: Listing[] }[];
  listings: Listing[];
}

const REGIONS: [string, string, number, number][] = [
  ['Gelderland', 'Wageningen', 51.97, 5.66],
  ['Utrecht', 'Houten', 52.03, 5.17],
];

/** Farms (a farmer each) with published listings of plenty of stock, through catalog's HTTP API. */
export const seedWorld = async (
  t: Env,
  catalogUrl: string,
  o: { farms: number; listingsPerFarm: number; stock: number },
): Promise<World> => {
  const world: World = { farms: [], listings: [] };
  const must = (r: Reply, what: string) => {
    if (r.status < 200 || r.status >= 300)
      throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { id: string };
  };
  for (let f = 0; f < o.farms; f++) {
    const bearer = await token(t, { userId: `bench-farmer-${f}`, role: 'farmer' }, '12h');
    const [region, city, lat, lng] = REGIONS[f % REGIONS.length]!;
    const farm = must(
      await http(`${catalogUrl}/farms`, {
        method: 'POST',
        bearer,
        body: farmBody(`Bench farm ${f}`, region, city, lat, lng),
      }),
      'create farm',
    );
    must(await http(`${catalogUrl}/farms/${farm.id}/payout-onboarding`, { method: 'POST', bearer }), 'connect payout account');
    const listings: Listing[] = [];
    for (let l = 0; l < o.listingsPerFarm; l++) {
      const body = listingBody(`Bench produce ${f}-${l}`, `LOT-${t.run}-${f}-${l}`, o.stock, 100 + 25 * l);
      const listing = must(
        await http(`${catalogUrl}/farms/${farm.id}/listings`, { method: 'POST', bearer, body }),
        'create listing',
      );
      must(
        await http(`${catalogUrl}/listings/${listing.id}/publish`, { method: 'POST', bearer }),
        'publish listing',
      );
      listings.push({ listingId: listing.id, farmId: farm.id });
    }
    world.farms.push({ farmId: farm.id, listings });
    world.listings.push(...listings);
  }
  return world;
};

export interface OrderRec {
  tag: string;
  /** Sequence number within the driver (also the Idempotency-Key's suffix). */
  seq: number;
  /** Index of the buyer (token) who placed it and pays it. */
  buyer: number;
  /** performance.now() at which the schedule wanted this order sent (latencies start here). */
  intended: number;
  postStart?: number;
  postEnd?: number;
  status?: number;
  orderId?: string;
  farms: number;
  payOk?: number;
  payAttempts: number;
  payError?: string;
  error?: string;
  seen?: Seen;
}

export type Outcome = 'failed' | 'rejected' | 'shipped' | 'confirmed' | 'in_flight';

/**
 * Places orders over HTTP as buyers would and pays each one when the bench sees stock.reserved
 * (the simulated provider's pay step, POST /orders/:id/pay). Never waits for a reply before the next
 * order: the schedule, not the system, decides when an order is sent.
 */
export class OrderDriver {
  readonly records: OrderRec[] = [];
  private readonly byId = new Map<string, OrderRec>();
  private readonly paying = new Set<OrderRec>();
  private buyerTokens: string[] = [];
  private nextBuyer = 0;
  private seq = 0;
  private readonly farmOf: Map<string, string>;
  stopped = false;

  constructor(
    private readonly o: {
      t: Env;
      ordersUrl: string;
      observer: SagaObserver;
      world: World;
      lines: number;
      random: () => number;
      payTimeoutMs: number;
      httpTimeoutMs: number;
    },
  ) {
    this.farmOf = new Map(o.world.listings.map((l) => [l.listingId, l.farmId]));
    o.observer.onReserved = (orderId) => {
      const rec = this.byId.get(orderId);
      if (rec) this.startPaying(rec);
    };
  }

  async init(buyers: number): Promise<this> {
    this.buyerTokens = await Promise.all(
      Array.from({ length: buyers }, (_, i) =>
        token(this.o.t, { userId: `bench-buyer-${i}`, role: 'buyer' }, '12h'),
      ),
    );
    return this;
  }

  /** `lines` distinct farms, one random listing of each, quantity 1. */
  private pickLines(): { listingId: string; quantity: number }[] {
    const farms = [...this.o.world.farms];
    const out: { listingId: string; quantity: number }[] = [];
    for (let i = 0; i < Math.min(this.o.lines, farms.length); i++) {
      const [farm] = farms.splice(Math.floor(this.o.random() * farms.length), 1);
      const listing = farm!.listings[Math.floor(this.o.random() * farm!.listings.length)]!;
      out.push({ listingId: listing.listingId, quantity: 1 });
    }
    return out;
  }

  /** Fire one order now; returns its record at once (the reply fills it in later). */
  place(tag: string, intended: number, lines = this.pickLines()): OrderRec {
    const rec: OrderRec = {
      tag,
      seq: this.seq++,
      buyer: this.nextBuyer++ % this.buyerTokens.length,
      intended,
      farms: new Set(lines.map((l) => this.farmOf.get(l.listingId) ?? l.listingId)).size,
      payAttempts: 0,
    };
    this.records.push(rec);
    void this.post(rec, lines);
    return rec;
  }

  private async post(rec: OrderRec, lines: { listingId: string; quantity: number }[]): Promise<void> {
    rec.postStart = performance.now();
    const r = await http(
      `${this.o.ordersUrl}/orders`,
      {
        method: 'POST',
        bearer: this.buyerTokens[rec.buyer]!,
        body: { lines, ...buyerAddress },
        headers: { 'idempotency-key': `bench-${this.o.t.run}-${rec.seq}` },
        timeoutMs: this.o.httpTimeoutMs,
      },
      false,
    );
    rec.postEnd = performance.now();
    rec.status = r.status;
    if (r.status !== 201) {
      rec.error = r.status === 0 ? String(r.body) : `HTTP ${r.status}`;
      return;
    }
    const orderId = r.headers.get('location')?.split('/').pop();
    if (!orderId) {
      rec.error = 'no Location header';
      return;
    }
    rec.orderId = orderId;
    rec.seen = this.o.observer.seen(orderId);
    this.byId.set(orderId, rec);
    if (rec.seen.reservedAt !== undefined) this.startPaying(rec);
  }

  private startPaying(rec: OrderRec): void {
    if (this.paying.has(rec) || rec.payOk !== undefined || this.stopped) return;
    this.paying.add(rec);
    void this.pay(rec).finally(() => this.paying.delete(rec));
  }

  /**
   * The bench sees stock.reserved at about the time orders does; until orders has created the payment
   * the pay call answers 409, so it is retried with a short backoff (attempts are reported).
   */
  private async pay(rec: OrderRec): Promise<void> {
    const began = performance.now();
    const until = began + this.o.payTimeoutMs;
    let backoff = 5;
    for (let attempt = 1; attempt <= 1000 && performance.now() < until && !this.stopped; attempt++) {
      const s = rec.seen!;
      if (s.rejectedAt ?? s.stockRejectedAt ?? s.cancelledAt ?? s.expiredAt) return;
      rec.payAttempts = attempt;
      const r = await http(
        `${this.o.ordersUrl}/orders/${rec.orderId}/pay`,
        {
          method: 'POST',
          bearer: this.buyerTokens[rec.buyer]!,
          body: { outcome: 'succeeded' },
          timeoutMs: this.o.httpTimeoutMs,
        },
        false,
      );
      if (r.status === 200) {
        rec.payOk = performance.now();
        return;
      }
      if (r.status !== 409) rec.payError = r.status === 0 ? String(r.body) : `HTTP ${r.status}`;
      await sleep(backoff);
      // 5, 10, 20 ... 160 ms, then once a second like a buyer's browser polling: the retries of many waiting
      // orders must not become the load that keeps orders behind (measured: ~10 pay calls per order at
      // 10 orders/s with a 100-500 ms cap, most of orders' database round trips).
      backoff = Math.min(backoff * 2, performance.now() - began > 1000 ? 1000 : 160);
    }
    rec.payError ??= 'pay timed out';
  }

  outcome(rec: OrderRec): Outcome {
    if (rec.status !== undefined && rec.status !== 201) return 'failed';
    if (rec.error) return 'failed';
    const s = rec.seen;
    if (!s) return 'in_flight';
    if (s.stockRejectedAt !== undefined || s.rejectedAt !== undefined) return 'rejected';
    if (s.confirmedAt !== undefined && s.shipments.size >= rec.farms) return 'shipped';
    if (s.confirmedAt !== undefined) return 'confirmed';
    return 'in_flight';
  }

  /** Finished: failed, rejected, or confirmed with all its shipments created. */
  done(rec: OrderRec): boolean {
    const o = this.outcome(rec);
    return o === 'failed' || o === 'rejected' || o === 'shipped';
  }

  /** Where an unfinished order stopped, as far as the bench can see. */
  stage(rec: OrderRec): string {
    const s = rec.seen;
    if (rec.postEnd === undefined) return 'awaiting POST reply';
    if (!s) return 'no order id';
    if (s.confirmedAt !== undefined) return `confirmed, ${s.shipments.size}/${rec.farms} shipments`;
    if (s.cancelledAt !== undefined) return 'cancelled';
    if (s.expiredAt !== undefined) return 'expired';
    if (rec.payOk !== undefined) return 'paid, no order.confirmed';
    if (s.reservedAt !== undefined) {
      if (rec.payError) return `reserved, pay failing (${rec.payError})`;
      return rec.payAttempts ? 'reserved, pay answered 409 (no payment yet)' : 'reserved, pay not tried';
    }
    if (s.placedAt !== undefined) return 'placed, not reserved';
    return 'accepted, no order.placed seen';
  }

  /** Orders for readiness: one per listing, retried until orders' read model knows the listing. */
  async probe(timeoutMs: number): Promise<OrderRec[]> {
    const until = performance.now() + timeoutMs;
    const check = (what: () => string) => {
      if (this.stopped) throw new Error('stopped');
      if (performance.now() > until) throw new Error(what());
    };
    const probes = await Promise.all(
      this.o.world.listings.map(async (listing) => {
        for (let attempt = 1; ; attempt++) {
          const rec = this.place('probe', performance.now(), [{ listingId: listing.listingId, quantity: 1 }]);
          while (rec.postEnd === undefined) await sleep(5); // bounded by the HTTP timeout
          if (rec.status === 201) return rec;
          this.records.splice(this.records.indexOf(rec), 1);
          check(() => `orders does not accept listing ${listing.listingId}: last ${rec.error ?? rec.status}`);
          await sleep(Math.min(50 * attempt, 500));
        }
      }),
    );
    while (!probes.every((p) => this.done(p))) {
      check(
        () =>
          `probe orders not finished in ${timeoutMs / 1000}s: ${probes
            .filter((p) => !this.done(p))
            .map((p) => this.stage(p))
            .join('; ')}`,
      );
      await sleep(50);
    }
    const bad = probes.filter((p) => this.outcome(p) !== 'shipped');
    if (bad.length) {
      throw new Error(
        `probe orders failed: ${bad.map((p) => `${p.orderId}: ${this.outcome(p)}`).join('; ')}`,
      );
    }
    return probes;
  }
}
