import { token, type testEnv } from '@ftt/kit/testing';
import type { ServiceName, ServiceProcess } from './system';

type Env = ReturnType<typeof testEnv>;
export type Role = 'farmer' | 'buyer' | 'logistics' | 'admin';

/** A seeded PRNG (mulberry32): the same seed gives the same orders, scenarios and kill schedule. */
export const prng = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    shuffle: <T>(xs: readonly T[]): T[] => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
};
export type Prng = ReturnType<typeof prng>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The instances of one service that clients may talk to. Requests prefer one instance (load split
 * by the caller) and fall over to another when it does not answer; an instance killed for good is
 * retired so it is no longer chosen.
 */
export class Endpoint {
  private readonly retired = new Set<ServiceProcess>();

  constructor(
    readonly name: ServiceName,
    readonly instances: ServiceProcess[],
  ) {}

  retire(p: ServiceProcess): void {
    this.retired.add(p);
  }

  live(): ServiceProcess[] {
    return this.instances.filter((p) => !this.retired.has(p));
  }

  /** The preferred instance for this caller and attempt: attempt n moves on to the next one. */
  url(prefer: number, attempt = 0): string {
    const live = this.live();
    if (!live.length) throw new Error(`no live instance of ${this.name}`);
    return live[(prefer + attempt) % live.length]!.url;
  }
}

/** What the resilient client saw over a run: for the summary, and to spot 5xx that are not outages. */
export class HttpStats {
  requests = 0;
  retried = 0;
  /** Connection refused/reset, timeouts: the service was down or died mid-request. */
  unreachable = 0;
  byStatus = new Map<number, number>();
  /** 5xx answers with their problem codes (a 500 is a bug unless it happened while a dependency was down). */
  serverErrors: string[] = [];

  /** Answered requests per `<service> <method>`: how long the system took to answer under the run's load. */
  latency = new Map<string, { n: number; totalMs: number; maxMs: number }>();

  count(status: number) {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  time(what: string, ms: number) {
    const l = this.latency.get(what) ?? { n: 0, totalMs: 0, maxMs: 0 };
    l.n++;
    l.totalMs += ms;
    l.maxMs = Math.max(l.maxMs, ms);
    this.latency.set(what, l);
  }

  /** Mean and max ms per `<service> <method>`. */
  latencies(): Record<string, { n: number; meanMs: number; maxMs: number }> {
    return Object.fromEntries(
      [...this.latency].map(([k, l]) => [k, { n: l.n, meanMs: Math.round(l.totalMs / l.n), maxMs: l.maxMs }]),
    );
  }
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  /** How many times the request was sent (1 = answered the first time). */
  attempts: number;
}

export class GaveUp extends Error {
  override name = 'GaveUp';
}

/** Whether a status means "try again later": the service or one of its dependencies is down or busy. */
const transient = (status: number) => status === 500 || status === 502 || status === 503 || status === 504;

/**
 * HTTP with retries for a system under fault injection: a request that fails because the service is
 * down (connection refused or reset, a timeout, 5xx) is sent again, unchanged -- the same body and
 * the same Idempotency-Key -- until it gets a real answer or the deadline passes. The caller decides
 * what a 409 on a retried request means (see `attempts`).
 */
export class ChaosClient {
  private readonly bearers = new Map<string, Promise<string>>();

  constructor(
    private readonly t: Env,
    readonly stats = new HttpStats(),
    private readonly o: { deadlineMs?: number; requestTimeoutMs?: number } = {},
  ) {}

  bearer(userId: string, role: Role, region?: string): Promise<string> {
    const key = `${userId}|${role}|${region ?? ''}`;
    let b = this.bearers.get(key);
    if (!b) {
      b = token(this.t, { userId, role, ...(region ? { region } : {}) }, '4h');
      this.bearers.set(key, b);
    }
    return b;
  }

  async call<T = Record<string, unknown>>(
    who: { userId: string; role: Role; region?: string | undefined },
    ep: Endpoint,
    method: string,
    path: string,
    opts: { body?: unknown; headers?: Record<string, string>; prefer?: number; deadlineMs?: number } = {},
  ): Promise<Reply<T>> {
    const bearer = await this.bearer(who.userId, who.role, who.region);
    const deadline = Date.now() + (opts.deadlineMs ?? this.o.deadlineMs ?? 180_000);
    let lastError = '';
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.stats.retried++;
      this.stats.requests++;
      let url = '';
      try {
        url = ep.url(opts.prefer ?? 0, attempt) + path;
        const sent = Date.now();
        const res = await fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${bearer}`,
            ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...opts.headers,
          },
          body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
          signal: AbortSignal.timeout(this.o.requestTimeoutMs ?? 30_000),
        });
        const text = await res.text();
        this.stats.count(res.status);
        this.stats.time(`${ep.name} ${method}`, Date.now() - sent);
        const body = (text ? JSON.parse(text) : undefined) as T;
        if (!transient(res.status)) return { status: res.status, body, attempts: attempt + 1 };
        const code = (body as { code?: string } | undefined)?.code ?? '';
        this.stats.serverErrors.push(
          `${res.status} ${code} ${method} ${ep.name}${path.replace(/[0-9a-f-]{36}/g, ':id')}`,
        );
        lastError = `${res.status} ${text.slice(0, 200)}`;
      } catch (err) {
        this.stats.unreachable++;
        lastError = `${(err as Error).name}: ${(err as Error).message} (${(err as { cause?: { code?: string } }).cause?.code ?? ''})`;
      }
      if (Date.now() > deadline)
        throw new GaveUp(`${method} ${ep.name}${path} gave up after ${attempt + 1} attempts: ${lastError}`);
      await sleep(Math.min(150 * 2 ** Math.min(attempt, 4), 2000));
    }
  }
}
