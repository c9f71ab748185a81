import { testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceDbs } from '../support/chaos-db';
import { ChaosClient, prng } from '../support/chaos-http';
import { groupStates, groupsOf } from '../support/chaos-kafka';
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
import type { ServiceName, ServiceProcess } from '../support/system';

/**
 * Scale-out: two instances of every service share the service's database and consumer group; the
 * load is split across their HTTP ports. Mid-run one instance of each service is SIGKILLed and not
 * restarted: the survivor takes over its partitions, its sweepers and its clients, and the saga's
 * invariants still hold. Knobs: CHAOS_ORDERS (150), CHAOS_SEED, CHAOS_CONCURRENCY.
 */
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 150);
/** Stock sized for 150 orders, scaled to the run so that smaller runs still sell out some listings. */
const scaled = (n: number) => Math.max(2, Math.round((n * ORDERS) / 150));
const SEED = Number(process.env.CHAOS_SEED ?? 20_251_105);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 12);
const NAMES: ServiceName[] = ['catalog', 'orders', 'logistics'];

const t = testEnv('scaleout');
let sys: Awaited<ReturnType<typeof startServices>>;
let dbs: ServiceDbs;

beforeAll(async () => {
  await createTopics(t);
  sys = await startServices(t, 2, chaosEnv({ paymentTimeoutSeconds: 90 }));
  dbs = await ServiceDbs.open(t);
}, 240_000);

afterAll(async () => {
  await sys?.stop();
  await dbs?.close();
}, 120_000);

describe('scale-out: two instances per service, one of each killed for good mid-run', () => {
  it(
    `when ${ORDERS} orders are spread over two instances of each service and one instance of each is SIGKILLed mid-run, then the survivors take over and every invariant holds`,
    async () => {
      const started = Date.now();
      const rng = prng(SEED);
      const client = new ChaosClient(t);
      const world = await setupWorld(client, sys.eps, dbs.orders, t.run, [
        { region: 'Gelderland', stocks: [scaled(120), scaled(25)] },
        { region: 'Utrecht', stocks: [scaled(110), scaled(90)] },
        { region: 'Gelderland', stocks: [scaled(100), scaled(80)] },
      ]);
      const plan = planOrders(rng, world, ORDERS, t.run);
      const driver = new OrderDriver(client, sys.eps);

      // One instance of each service dies once 40% of the orders are through; the others carry on.
      const victims = Object.fromEntries(NAMES.map((n) => [n, rng.pick(sys.procs[n])])) as Record<
        ServiceName,
        ServiceProcess
      >;
      const killedAt: Record<string, number> = {};
      let killing: Promise<void> | undefined;
      const killOne = async () => {
        for (const n of NAMES) {
          killedAt[`${n}#${victims[n].instance}`] = Math.round((Date.now() - started) / 1000);
          sys.eps[n].retire(victims[n]);
          await victims[n].kill();
          console.log(`[scale-out] SIGKILL ${n}#${victims[n].instance} (not restarted)`);
        }
      };
      const loadStarted = Date.now();
      const results: DriveResult[] = await pool(
        plan,
        CONCURRENCY,
        (p) => driver.drive(p),
        (_, done) => {
          if (done === Math.round(ORDERS * 0.4)) killing = killOne();
          if (done % 25 === 0)
            console.log(`[load +${Math.round((Date.now() - loadStarted) / 1000)}s] ${done}/${ORDERS}`);
        },
      );
      await killing;
      const loadMs = Date.now() - loadStarted;

      const quiet = await waitQuiescent(t, dbs, 600_000);
      const report = await checkRun(t, dbs, world.listings, results);
      const groups = await groupStates(
        t,
        groupsOf(t).map((g) => g.groupId),
      );
      const run = { report, drive: driveFigures(results), client, quiet, startedAt: started, loadMs };
      publishSummary(
        'scale-out',
        `chaos: scale-out (seed ${SEED})`,
        loadRunSummary(run, { instancesPerService: 2, killedForGood: killedAt, groupsAfter: groups }),
        report,
      );

      expectLoadRunHeld(run, ORDERS);
      // The survivor is the group's only member: it holds every partition the dead instance had.
      for (const g of groupsOf(t))
        expect(groups[g.groupId], g.groupId).toEqual({ state: 'Stable', members: 1 });
    },
    1_200_000 + ORDERS * 12_000,
  );
});
