import { testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceDbs } from '../support/chaos-db';
import { KillSchedule, serverScript } from '../support/chaos-faults';
import { ChaosClient, prng } from '../support/chaos-http';
import { OrderDriver, planOrders, pool, setupWorld, type DriveResult } from '../support/chaos-load';
import {
  chaosEnv,
  checkRun,
  createTopics,
  driveFigures,
  expectLoadRunHeld,
  loadRunSummary,
  publishSummary,
  startServices,
  waitQuiescent,
} from '../support/chaos-run';

/**
 * Crash test: a run of ORDERS orders while every service is SIGKILLed at random moments and
 * restarted, and the Kafka broker is restarted once. Afterwards the saga's invariants must hold,
 * checked in the services' own databases and on the topics. Knobs (environment): CHAOS_ORDERS,
 * CHAOS_SEED, CHAOS_CONCURRENCY.
 */
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 500);
/** Stock sized for 500 orders, scaled to the run so that smaller runs still sell out some listings. */
const scaled = (n: number) => Math.max(2, Math.round((n * ORDERS) / 500));
const SEED = Number(process.env.CHAOS_SEED ?? 20_251_104);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 12);
/** CHAOS_FAULTS=off runs the same load without faults: the baseline to compare a chaos run with. */
const FAULTS = process.env.CHAOS_FAULTS !== 'off';

const t = testEnv('crash');
let sys: Awaited<ReturnType<typeof startServices>>;
let dbs: ServiceDbs;

beforeAll(async () => {
  await createTopics(t);
  sys = await startServices(t, 1, chaosEnv({ paymentTimeoutSeconds: 90 }));
  dbs = await ServiceDbs.open(t);
}, 180_000);

afterAll(async () => {
  await sys?.stop();
  await dbs?.close();
  // Whatever happened, leave a broker running for whoever runs next.
  await serverScript('servers-up.sh', 'kafka').catch(() => undefined);
}, 120_000);

describe('crash: services SIGKILLed at random and the broker restarted during a run of orders', () => {
  it(
    `when ${ORDERS} orders run while each service is killed at least twice and Kafka restarts once, then every order ends, money moves at most once, no shipment is duplicated, stock is conserved and no event is lost`,
    async () => {
      const started = Date.now();
      const rng = prng(SEED);
      const client = new ChaosClient(t);
      // Limited stock, two scarce listings: some orders are rejected all through the run.
      const world = await setupWorld(client, sys.eps, dbs.orders, t.run, [
        { region: 'Gelderland', stocks: [scaled(260), scaled(60)] },
        { region: 'Utrecht', stocks: [scaled(240), scaled(200)] },
        { region: 'Gelderland', stocks: [scaled(220), scaled(45)] },
        { region: 'Utrecht', stocks: [scaled(250), scaled(180)] },
      ]);
      const plan = planOrders(rng, world, ORDERS, t.run);
      const driver = new OrderDriver(client, sys.eps);

      const schedule = new KillSchedule(rng, sys.procs, {
        minPerService: 2,
        // After each restart: the victim needs ~5 s to start and its group ~10 s (session timeout) to rebalance.
        gapMs: [15_000, 45_000],
        restartKafkaWhen: () => driven >= ORDERS / 2,
        onFault: (f) =>
          console.log(`[chaos +${Math.round(f.at / 1000)}s] ${f.what} (back after ${f.tookMs} ms)`),
      });
      let loadDone = false;
      let driven = 0;
      const loadStarted = Date.now();
      let chaosError: unknown;
      // Kept, not thrown at once: the load goes on, and the run fails with it after the load.
      const chaos = FAULTS
        ? schedule.run(() => loadDone).catch((err: unknown) => (chaosError = err))
        : undefined;
      const results: DriveResult[] = await pool(
        plan,
        CONCURRENCY,
        (p) => driver.drive(p),
        (_, done) => {
          driven = done;
          if (done % 50 === 0)
            console.log(
              `[load +${Math.round((Date.now() - loadStarted) / 1000)}s] ${done}/${ORDERS} orders driven`,
            );
        },
      );
      loadDone = true;
      await chaos;
      if (chaosError) throw chaosError;
      const loadMs = Date.now() - loadStarted;

      const quiet = await waitQuiescent(t, dbs, 600_000);
      const report = await checkRun(t, dbs, world.listings, results);
      const run = { report, drive: driveFigures(results), client, quiet, startedAt: started, loadMs };
      publishSummary(
        'crash',
        `chaos: crash (seed ${SEED})`,
        loadRunSummary(run, {
          killsPerService: schedule.kills,
          brokerRestarts: schedule.brokerRestarts,
          faults: schedule.log.map((f) => `+${Math.round(f.at / 1000)}s ${f.what} (${f.tookMs} ms)`),
        }),
        report,
      );

      expectLoadRunHeld(run, ORDERS);
      if (FAULTS) {
        expect(
          Object.values(schedule.kills).every((n) => n >= 2),
          'each service killed at least twice',
        ).toBe(true);
        expect(schedule.brokerRestarts).toBe(1);
      }
    },
    1_200_000 + ORDERS * 12_000,
  );
});
