import { testEnv } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { groupStates, groupsOf } from '../support/chaos-kafka';
import { planOrders, pool, type DriveResult } from '../support/chaos-load';
import {
  ChaosSystem,
  chaosEnv,
  concludeLoadRun,
  loadKnobs,
} from '../support/chaos-run';
import type { ServiceName, ServiceProcess } from '../support/system';

/**
 * Scale-out: two instances of every service share the service's database and consumer group; the
 * load is split across their HTTP ports. Mid-run one instance of each service is SIGKILLed and not
 * restarted: the survivor takes over its partitions, its sweepers and its clients, and the saga's
 * invariants still hold. Knobs: CHAOS_ORDERS (150), CHAOS_SEED, CHAOS_CONCURRENCY.
 */
const NAMES: ServiceName[] = ['catalog', 'orders', 'logistics'];

const { ORDERS, SEED, CONCURRENCY, scaled } = loadKnobs({ orders: 150, seed: 20_251_105 });
const t = testEnv('scaleout');
const system = ChaosSystem.around(t, { instances: 2, env: chaosEnv({ paymentTimeoutSeconds: 90 }), startMs: 240_000 });

describe('scale-out: two instances per service, one of each killed for good mid-run', () => {
  it(
    `when ${ORDERS} orders are spread over two instances of each service and one instance of each is SIGKILLed mid-run, then the survivors take over and every invariant holds`,
    async () => {
      const load = await system.prepareLoad(SEED, [
        { region: 'Gelderland', stocks: [scaled(120), scaled(25)] },
        { region: 'Utrecht', stocks: [scaled(110), scaled(90)] },
        { region: 'Gelderland', stocks: [scaled(100), scaled(80)] },
      ]);
      const { rng, world, driver } = load;
      const plan = planOrders(rng, world, ORDERS, t.run);

      // One instance of each service dies once 40% of the orders are through; the others carry on.
      const victims = Object.fromEntries(NAMES.map((n) => [n, rng.pick(system.sys.procs[n])])) as Record<
        ServiceName,
        ServiceProcess
      >;
      const killedAt: Record<string, number> = {};
      let killing: Promise<void> | undefined;
      const killOne = async () => {
        for (const n of NAMES) {
          killedAt[`${n}#${victims[n].instance}`] = Math.round((Date.now() - load.startedAt) / 1000);
          system.sys.eps[n].retire(victims[n]);
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

      let groups: Awaited<ReturnType<typeof groupStates>> = {};
      await concludeLoadRun(t, system.dbs, load, {
        name: 'scale-out',
        title: `chaos: scale-out (seed ${SEED})`,
        orders: ORDERS,
        results,
        loadMs,
        details: async () => {
          groups = await groupStates(
            t,
            groupsOf(t).map((g) => g.groupId),
          );
          return { instancesPerService: 2, killedForGood: killedAt, groupsAfter: groups };
        },
      });
      // The survivor is the group's only member: it holds every partition the dead instance had.
      for (const g of groupsOf(t))
        expect(groups[g.groupId], g.groupId).toEqual({ state: 'Stable', members: 1 });
    },
    1_200_000 + ORDERS * 12_000,
  );
});
