import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventProbe, type testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import { ServiceDbs } from './chaos-db';
import { ChaosClient, Endpoint, prng, sleep } from './chaos-http';
import { checkInvariants, formatChecks, type InvariantReport } from './chaos-invariants';
import { ALL_TOPICS, consumerLag, groupsOf, readAllTopics } from './chaos-kafka';
import { OrderDriver, setupWorld, TERMINAL, type DriveResult, type Endpoints, type ListingInfo } from './chaos-load';
import { root, ServiceProcess, type ServiceName } from './system';

type Env = ReturnType<typeof testEnv>;

const NO_TELEMETRY = { OTEL_SDK_DISABLED: 'true' };

/** Saga timings short enough for a run of minutes: expiry in seconds, sweeps and follow-ups often. */
export const chaosEnv = (
  o: { paymentTimeoutSeconds?: number } = {},
): Record<ServiceName, Record<string, string>> => ({
  // Tracing and metrics are not what these runs test; on two cores their CPU is better spent on the saga.
  catalog: { ...NO_TELEMETRY, SWEEP_INTERVAL_MS: '5000', RESERVATION_TTL_SECONDS: '300' },
  orders: {
    ...NO_TELEMETRY,
    PAYMENT_TIMEOUT_SECONDS: String(o.paymentTimeoutSeconds ?? 30),
    // Sweeps read indexes only; every 3 s keeps the expiry of the run's unpaid orders prompt.
    SWEEP_INTERVAL_MS: '3000',
    FOLLOW_UP_DELAY_SECONDS: '2',
    // The built-in simulated provider (POST /orders/:id/pay), even if the caller's shell has a key.
    STRIPE_SECRET_KEY: '',
    STRIPE_WEBHOOK_SECRET: '',
  },
  logistics: { ...NO_TELEMETRY },
});

/** Creates the run's topics (3 partitions each, with their dead-letter topics) before any service starts. */
export const createTopics = async (t: Env) => {
  const probe = await new EventProbe(t).listen(ALL_TOPICS);
  await probe.close();
};

/** `instances` processes per service, all on the service's one database and consumer group. */
export const startServices = async (
  t: Env,
  instances: number,
  env: Record<ServiceName, Record<string, string>>,
): Promise<{ procs: Record<ServiceName, ServiceProcess[]>; eps: Endpoints; stop: () => Promise<void> }> => {
  const names: ServiceName[] = ['catalog', 'orders', 'logistics'];
  const procs = Object.fromEntries(
    names.map((n) => [
      n,
      Array.from({ length: instances }, (_, i) => new ServiceProcess(n, t, env[n], i + 1)),
    ]),
  ) as Record<ServiceName, ServiceProcess[]>;
  // One at a time per instance number: five node processes compiling TypeScript at once on two cores
  // take longer than starting them in two waves.
  for (let i = 0; i < instances; i++) await Promise.all(names.map((n) => procs[n][i]!.start()));
  const eps = Object.fromEntries(names.map((n) => [n, new Endpoint(n, procs[n])])) as unknown as Endpoints;
  return {
    procs,
    eps,
    stop: async () => void (await Promise.all(names.flatMap((n) => procs[n].map((p) => p.stop())))),
  };
};

type Services = Awaited<ReturnType<typeof startServices>>;

/** A load run's knobs (environment): CHAOS_ORDERS, CHAOS_SEED and CHAOS_CONCURRENCY, with the test's defaults. */
export const loadKnobs = (defaults: { orders: number; seed: number }) => {
  const orders = Number(process.env.CHAOS_ORDERS ?? defaults.orders);
  return {
    ORDERS: orders,
    SEED: Number(process.env.CHAOS_SEED ?? defaults.seed),
    CONCURRENCY: Number(process.env.CHAOS_CONCURRENCY ?? 12),
    /** Stock sized for the default order count, scaled to the run so that smaller runs still sell out some listings. */
    scaled: (n: number) => Math.max(2, Math.round((n * orders) / defaults.orders)),
  };
};

/**
 * A chaos test's system: its topics, `instances` processes per service and their databases, set up before the
 * test's cases and stopped (then `after`) when they are done, whatever happened.
 */
export class ChaosSystem {
  private running: Services | undefined;
  dbs!: ServiceDbs;

  private constructor(
    private readonly t: Env,
    private readonly instances: number,
  ) {}

  static around(
    t: Env,
    o: { instances: number; env: Record<ServiceName, Record<string, string>>; startMs: number; after?: () => Promise<unknown> },
  ): ChaosSystem {
    const c = new ChaosSystem(t, o.instances);
    beforeAll(async () => {
      await createTopics(t);
      await c.start(o.env);
      c.dbs = await ServiceDbs.open(t);
    }, o.startMs);
    afterAll(async () => {
      await c.stop();
      await c.dbs?.close();
      await o.after?.();
    }, 120_000);
    return c;
  }

  get sys(): Services {
    if (!this.running) throw new Error('the services are not running');
    return this.running;
  }

  /** The start of a load run: its clock, the seeded PRNG, a client, the world (farms with listings in stock) and a driver. */
  async prepareLoad(seed: number, farms: Parameters<typeof setupWorld>[4]) {
    const startedAt = Date.now();
    const rng = prng(seed);
    const client = new ChaosClient(this.t);
    const world = await setupWorld(client, this.sys.eps, this.dbs.orders, this.t.run, farms);
    return { startedAt, rng, client, world, driver: new OrderDriver(client, this.sys.eps) };
  }

  async start(env: Record<ServiceName, Record<string, string>>): Promise<void> {
    this.running = await startServices(this.t, this.instances, env);
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}

export interface Quiet {
  reached: boolean;
  ms: number;
  last: string;
}

/**
 * Waits until the system has nothing left to do: every order terminal with no provider work owed,
 * no reservation half way, every outbox empty and every consumer group caught up -- twice in a row,
 * a few seconds apart, so a late redelivery cannot slip in between.
 */
export const waitQuiescent = async (
  t: Env,
  dbs: ServiceDbs,
  timeoutMs: number,
  groupOf?: (s: ServiceName) => string,
): Promise<Quiet> => {
  const started = Date.now();
  let calm = 0;
  let last = '';
  while (Date.now() - started < timeoutMs) {
    try {
      const orders = await dbs.orders
        .collection('orders')
        .find({}, { projection: { state: 1, followUpAt: 1 } })
        .toArray();
      const open = orders.filter((o) => !TERMINAL.includes(o.state) || o.followUpAt);
      const halfway = await dbs.catalog.collection('reservations').countDocuments({
        status: { $in: ['reserving', 'rejecting', 'committing', 'releasing', 'reserved'] },
      });
      const backlog = (await dbs.outboxBacklog()).length;
      const lag = await consumerLag(t, groupsOf(t, groupOf));
      const lagging = Object.values(lag).reduce((a, b) => a + b, 0);
      last = `${open.length} orders open, ${halfway} reservations half way, ${backlog} outboxes pending, lag ${JSON.stringify(lag)}`;
      calm = open.length === 0 && halfway === 0 && backlog === 0 && lagging === 0 ? calm + 1 : 0;
      if (calm >= 2) return { reached: true, ms: Date.now() - started, last };
    } catch (err) {
      last = `error while polling: ${(err as Error).message}`;
      calm = 0;
    }
    await sleep(calm ? 4000 : 2000);
  }
  return { reached: false, ms: Date.now() - started, last };
};

/** Reads the databases and every topic from the beginning, then checks every invariant. */
export const checkRun = async (
  t: Env,
  dbs: ServiceDbs,
  listings: ListingInfo[],
  results: DriveResult[],
  groupOf?: (s: ServiceName) => string,
): Promise<InvariantReport> => {
  const dump = await readAllTopics(t);
  const lag = await consumerLag(t, groupsOf(t, groupOf));
  return checkInvariants({
    dbs,
    events: dump.probe.events,
    raw: dump.probe.raw,
    listings,
    placedByClients: results.flatMap((r) => (r.orderId ? [r.orderId] : [])),
    lag,
  });
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};

export const driveFigures = (results: DriveResult[]) => {
  const byScenario: Record<string, number> = {};
  for (const r of results) byScenario[r.scenario] = (byScenario[r.scenario] ?? 0) + 1;
  const notes: Record<string, number> = {};
  for (const n of results.flatMap((r) => r.notes)) notes[n] = (notes[n] ?? 0) + 1;
  const ms = results.map((r) => r.ms);
  return {
    byScenario,
    notes,
    errors: results
      .filter((r) => r.error)
      .map((r) => `#${r.index} ${r.scenario} ${r.orderId ?? ''}: ${r.error}`),
    orderMs: { p50: pct(ms, 50), p95: pct(ms, 95), max: pct(ms, 100) },
  };
};

export interface LoadRun {
  report: InvariantReport;
  drive: ReturnType<typeof driveFigures>;
  client: ChaosClient;
  quiet: Quiet;
  /** Date.now() when the test began, and how long the load took. */
  startedAt: number;
  loadMs: number;
}

/** The summary of a load run (crash, scale-out): outcomes, then what is special to the run, then the common figures. */
export const loadRunSummary = (r: LoadRun, special: Record<string, unknown>): Record<string, unknown> => ({
  orders: r.report.facts.orders,
  byTerminalState: r.report.facts.byState,
  byScenario: r.drive.byScenario,
  ...special,
  durations: {
    totalS: Math.round((Date.now() - r.startedAt) / 1000),
    loadS: Math.round(r.loadMs / 1000),
    quiescenceS: Math.round(r.quiet.ms / 1000),
  },
  quiescence: r.quiet.reached ? 'reached' : `NOT reached: ${r.quiet.last}`,
  orderMs: r.drive.orderMs,
  http: {
    requests: r.client.stats.requests,
    retried: r.client.stats.retried,
    unreachable: r.client.stats.unreachable,
    byStatus: Object.fromEntries(r.client.stats.byStatus),
    serverErrors: r.client.stats.serverErrors.length,
    latency: r.client.stats.latencies(),
  },
  events: {
    onKafka: r.report.facts.eventsOnKafka,
    distinct: r.report.facts.distinctEvents,
    republished: r.report.facts.republished,
    deadLetters: r.report.facts.deadLetters,
    byType: r.report.facts.byType,
  },
  driverNotes: r.drive.notes,
  driverErrors: r.drive.errors,
  serverErrorSamples: [...new Set(r.client.stats.serverErrors)].slice(0, 10),
});

/**
 * What every load run must show: it became quiescent, no invariant was violated, the driver could explain every
 * outcome, every planned order exists, and every terminal state the mix aims at was reached.
 */
export const expectLoadRunHeld = (r: LoadRun, orders: number): void => {
  expect(r.quiet.last, 'the system became quiescent').toSatisfy(() => r.quiet.reached);
  for (const c of r.report.results) expect(c.violations, c.name).toEqual([]);
  expect(r.drive.errors, 'what the driver could not explain').toEqual([]);
  expect(r.report.facts.orders).toBe(orders);
  for (const state of ['completed', 'rejected', 'cancelled', 'expired']) {
    expect(r.report.facts.byState[state] ?? 0, `orders ending ${state}`).toBeGreaterThan(0);
  }
};

/** The summary goes to stdout (for the release note) and to test-results/chaos/<name>.json. */
export const publishSummary = (
  name: string,
  title: string,
  summary: Record<string, unknown>,
  report: InvariantReport,
) => {
  const dir = join(root, 'test-results', 'chaos');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify(
      {
        ...summary,
        invariants: report.results.map((r) => ({
          name: r.name,
          checked: r.checked,
          violations: r.violations.length,
          first: r.violations.slice(0, 20),
        })),
      },
      null,
      2,
    ),
  );
  const lines = [
    `==== ${title} ====`,
    ...Object.entries(summary).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`),
    `  invariants (${report.results.filter((r) => !r.violations.length).length}/${report.results.length} hold):`,
    formatChecks(report.results),
    `  (full summary: test-results/chaos/${name}.json)`,
  ];
  console.log(lines.join('\n'));
};

/**
 * The end of a load run (crash, scale-out): wait until the system is quiet, check the saga's invariants, publish
 * the summary with what is special to the run (`details`, read once the run is checked) and assert the run held.
 */
export const concludeLoadRun = async (
  t: Env,
  dbs: ServiceDbs,
  load: { startedAt: number; client: ChaosClient; world: { listings: ListingInfo[] } },
  o: {
    name: string;
    title: string;
    orders: number;
    results: DriveResult[];
    loadMs: number;
    details: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  },
): Promise<void> => {
  const quiet = await waitQuiescent(t, dbs, 600_000);
  const report = await checkRun(t, dbs, load.world.listings, o.results);
  const run = { report, drive: driveFigures(o.results), client: load.client, quiet, startedAt: load.startedAt, loadMs: o.loadMs };
  publishSummary(o.name, o.title, loadRunSummary(run, await o.details()), report);
  expectLoadRunHeld(run, o.orders);
};
