import { testEnv } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { diffSnapshots, snapshot, VOLATILE } from '../support/chaos-db';
import { sleep } from '../support/chaos-http';
import { ALL_TOPICS, consumerLag, groupsOf, topicSizes } from '../support/chaos-kafka';
import { planOrders, pool, type Scenario } from '../support/chaos-load';
import {
  ChaosSystem,
  chaosEnv,
  checkRun,
  driveFigures,
  publishSummary,
  waitQuiescent,
} from '../support/chaos-run';
import type { ServiceName } from '../support/system';

/**
 * Redelivery: consumers are idempotent, so replaying every topic from the beginning into every
 * service changes nothing. After a completed run with every terminal state represented, each
 * service is restarted with a fresh consumer group (CONSUMER_GROUP), which reads every topic from
 * the beginning; once the new groups have caught up, every service database must be deep-equal to
 * its snapshot from before the replay (aside from the volatile fields named in chaos-db.ts VOLATILE),
 * and no new event may have been published.
 */
const SEED = Number(process.env.CHAOS_SEED ?? 20_251_106);
const t = testEnv('redelivery');
const env = chaosEnv({ paymentTimeoutSeconds: 20 });
const replayGroup = (s: ServiceName) => `${t.topicPrefix}${s}-replay`;
const system = ChaosSystem.around(t, { instances: 1, env, startMs: 180_000 });

describe('redelivery: every topic replayed into every service from the beginning', () => {
  it('when a fresh consumer group replays every event of a completed run into each service, then no stored state changes and no event is published', async () => {
    const { rng, world, driver } = await system.prepareLoad(SEED, [
      { region: 'Gelderland', stocks: [100, 4] },
      { region: 'Utrecht', stocks: [100] },
    ]);
    // 30 orders covering every terminal state: completed (one and two farms), refunded (returned),
    // cancelled before and after paying, expired (never paid), rejected (more than the scarce stock).
    const scenarios: Scenario[] = [
      ...Array<Scenario>(12).fill('deliver'),
      ...Array<Scenario>(4).fill('return'),
      ...Array<Scenario>(4).fill('cancel_paid'),
      ...Array<Scenario>(3).fill('cancel_unpaid'),
      ...Array<Scenario>(4).fill('unpaid'),
      ...Array<Scenario>(3).fill('deliver'),
    ];
    const scarce = world.farms[0]!.listings[1]!.listingId;
    const plan = planOrders(rng, world, scenarios.length, t.run, { twoFarmShare: 0.3 }).map((p, i) => {
      const scenario = scenarios[i]!;
      // The last three order 5 of a listing that has 4: catalog rejects them.
      const lines =
        i >= 27 ? [{ listingId: scarce, quantity: 5 }] : p.lines.filter((l) => l.listingId !== scarce);
      return {
        ...p,
        scenario,
        failFirstPayment: i % 7 === 0,
        lines: lines.length ? lines : [{ listingId: world.farms[1]!.listings[0]!.listingId, quantity: 1 }],
      };
    });
    const results = await pool(plan, 8, (p) => driver.drive(p));
    const quiet = await waitQuiescent(t, system.dbs, 180_000);
    expect(quiet.last, 'the run became quiescent').toSatisfy(() => quiet.reached);
    const run = await checkRun(t, system.dbs, world.listings, results);
    for (const r of run.results) expect(r.violations, r.name).toEqual([]);
    for (const state of ['completed', 'rejected', 'cancelled', 'expired', 'refunded']) {
      expect(run.facts.byState[state] ?? 0, `orders ending ${state}`).toBeGreaterThan(0);
    }

    // Stop everything gracefully, then take the "before" picture of every database and topic.
    await system.stop();
    const before = await snapshot(system.dbs);
    const withDlq = ALL_TOPICS.flatMap((x) => [x, `${x}.dlq`]);
    const sizesBefore = await topicSizes(t, withDlq);

    // The same services, each in a consumer group that has never consumed: everything is redelivered.
    const replayEnv: typeof env = {
      catalog: { ...env.catalog, CONSUMER_GROUP: replayGroup('catalog') },
      orders: { ...env.orders, CONSUMER_GROUP: replayGroup('orders') },
      logistics: { ...env.logistics, CONSUMER_GROUP: replayGroup('logistics') },
    };
    const replayStarted = Date.now();
    await system.start(replayEnv);
    const replayGroups = groupsOf(t, replayGroup);
    const until = Date.now() + 180_000;
    let lag = await consumerLag(t, replayGroups);
    while (Object.values(lag).some((n) => n > 0) && Date.now() < until) {
      await sleep(1000);
      lag = await consumerLag(t, replayGroups);
    }
    const replayMs = Date.now() - replayStarted;
    // A few sweeper passes and relay scans after the last redelivered event, then stop and look.
    await sleep(6000);
    await system.stop();
    const after = await snapshot(system.dbs);
    const sizesAfter = await topicSizes(t, withDlq);
    const diff = diffSnapshots(before, after);
    const redelivered = Object.values(sizesBefore).reduce((a, b) => a + b, 0);

    const drive = driveFigures(results);
    const documents = Object.values(before).reduce((n, c) => n + Object.keys(c).length, 0);
    publishSummary(
      'redelivery',
      `chaos: redelivery (seed ${SEED})`,
      {
        orders: run.facts.orders,
        byTerminalState: run.facts.byState,
        byScenario: drive.byScenario,
        replayedMessages: redelivered,
        replayGroups: replayGroups.map((g) => g.groupId),
        replayLag: lag,
        replayS: Math.round(replayMs / 1000),
        compared: `${documents} documents in ${Object.keys(before).length} collections`,
        volatileExcluded: VOLATILE,
        stateChanges: diff.length,
        firstChanges: diff.slice(0, 20),
        newMessages: Object.fromEntries(
          withDlq.map((x) => [x, (sizesAfter[x] ?? 0) - (sizesBefore[x] ?? 0)]).filter(([, n]) => n !== 0),
        ),
        driverErrors: drive.errors,
      },
      run,
    );

    expect(drive.errors, 'what the driver could not explain').toEqual([]);
    expect(lag, 'every replay group caught up').toEqual(
      Object.fromEntries(replayGroups.map((g) => [g.groupId, 0])),
    );
    expect(diff, 'state changed by the replay').toEqual([]);
    expect(sizesAfter, 'no event published (or dead-lettered) by the replay').toEqual(sizesBefore);
  }, 900_000);
});
