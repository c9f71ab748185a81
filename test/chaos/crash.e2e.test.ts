import { testEnv } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { KillSchedule, serverScript } from '../support/chaos-faults';
import { planOrders, pool, type DriveResult } from '../support/chaos-load';
import {
  ChaosSystem,
  chaosEnv,
  concludeLoadRun,
  loadKnobs,
} from '../support/chaos-run';

/**
 * Crash test: a run of ORDERS orders while every service is SIGKILLed at random moments and
 * restarted, and the Kafka broker is restarted once. Afterwards the saga's invariants must hold,
 * checked in the services' own databases and on the topics. Knobs (environment): CHAOS_ORDERS,
 * CHAOS_SEED, CHAOS_CONCURRENCY.
 */
/** CHAOS_FAULTS=off runs the same load without faults: the baseline to compare a chaos run with. */
const FAULTS = process.env.CHAOS_FAULTS !== 'off';

const { ORDERS, SEED, CONCURRENCY, scaled } = loadKnobs({ orders: 500, seed: 20_251_104 });
const t = testEnv('crash');
const system = ChaosSystem.around(t, {
  instances: 1,
  env: chaosEnv({ paymentTimeoutSeconds: 90 }),
  startMs: 180_000,
  // Whatever happened, leave a broker running for whoever runs next.
  after: () => serverScript('servers-up.sh', 'kafka').catch(() => undefined),
});

describe('crash: services SIGKILLed at random and the broker restarted during a run of orders', () => {
  it(
    `when ${ORDERS} orders run while each service is killed at least twice and Kafka restarts once, then every order ends, money moves at most once, no shipment is duplicated, stock is conserved and no event is lost`,
    async () => {
      // Limited stock, two scarce listings: some orders are rejected all through the run.
      const load = await system.prepareLoad(SEED, [
        { region: 'Gelderland', stocks: [scaled(260), scaled(60)] },
        { region: 'Utrecht', stocks: [scaled(240), scaled(200)] },
        { region: 'Gelderland', stocks: [scaled(220), scaled(45)] },
        { region: 'Utrecht', stocks: [scaled(250), scaled(180)] },
      ]);
      const { rng, world, driver } = load;
      const plan = planOrders(rng, world, ORDERS, t.run);

      const schedule = new KillSchedule(rng, system.sys.procs, {
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

      await concludeLoadRun(t, system.dbs, load, {
        name: 'crash',
        title: `chaos: crash (seed ${SEED})`,
        orders: ORDERS,
        results,
        loadMs,
        details: () => ({
          killsPerService: schedule.kills,
          brokerRestarts: schedule.brokerRestarts,
          faults: schedule.log.map((f) => `+${Math.round(f.at / 1000)}s ${f.what} (${f.tookMs} ms)`),
        }),
      });
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
