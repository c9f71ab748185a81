import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { eventually, startServiceUnderTest, testEnv, type ServiceUnderTest } from '@ftt/kit/testing';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../scripts/build';
import { repoRoot } from '../../scripts/dist';
import { newService } from '../../scripts/new-service';
import { describePlan, explainAll, profiledQueries, setProfiling, startProfiling } from '../data/query-plan-check';

/**
 * `pnpm new:service`'s output, checked: a service made from the template under services/ builds, passes its own tests,
 * starts and answers, and every query it sends (requests and its outbox relay) is served by an index, by the same
 * check as test/data/query-plans.e2e.test.ts (./data/query-plan-check.ts); then it is removed. Its dependencies are an existing service's (the same versions the template
 * declares), linked rather than installed, so the test changes no lockfile.
 */
const name = `tmpl-${randomBytes(3).toString('hex')}`;
const dir = join(repoRoot, 'services', name);
let running: ServiceUnderTest | undefined;
let client: mongoose.mongo.MongoClient | undefined;

afterAll(async () => {
  await running?.stop();
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
  expect(existsSync(dir)).toBe(false);
});

describe('pnpm new:service', () => {
  it('when a service is made from the template, then it builds, passes its own tests, starts and answers, and is removed after', async () => {
    const files = newService(name, { install: false });
    expect(files).toEqual(
      expect.arrayContaining([`services/${name}/src/use-cases/aggregates.ts`, `services/${name}/src/domain/item.unit.test.ts`, `services/${name}/test/items.int.test.ts`]),
    );
    expect(() => newService(name, { install: false })).toThrow(/exists already/);
    expect(() => newService('Not A Name', { install: false })).toThrow(/not a service name/);
    symlinkSync(join(repoRoot, 'services', 'notifications', 'node_modules'), join(dir, 'node_modules'), 'dir');

    const [built] = await buildServices([name]);
    expect(built!.files.map((f) => f.path)).toContain(`services/${name}/dist/main.mjs`);

    const own = spawnSync('pnpm', ['exec', 'vitest', 'run', '--project', 'unit', '--project', 'integration', `services/${name}`], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: process.env,
      timeout: 240_000,
    });
    expect(own.status, own.stdout + own.stderr).toBe(0);
    expect(own.stdout).toMatch(/Tests\s+.*4 passed/);

    const { [`start${name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}`]: start } = (await import(
      join(dir, 'src', 'service.ts')
    )) as Record<string, (env: NodeJS.ProcessEnv) => Promise<ServiceUnderTest['svc']>>;
    const t = testEnv(name);
    // Its database profiled from the first operation (the query-plan check).
    client = await new mongoose.mongo.MongoClient(t.mongoUrl, { maxPoolSize: 2 }).connect();
    const db = client.db();
    await startProfiling(db, 8 * 1024 * 1024);
    running = await startServiceUnderTest(t, [], () => start!(t.serviceEnv({ OUTBOX_SCAN_MS: '200' })));
    expect((await running.call('GET', '/health')).status).toBe(200);
    const ann = { userId: 'user-ann', role: 'buyer' } as const;
    const created = await running.call('POST', '/items', ann, { title: 'Apples' });
    expect(created.status).toBe(201);
    const { itemId } = created.body as { itemId: string };
    expect((await running.call('GET', `/items/${itemId}`, ann)).status).toBe(200);
    expect((await running.call('PATCH', `/items/${itemId}`, ann, { title: 'Pears' })).status).toBe(200);

    // The requests' queries and the relay's scans (every 200 ms) are in the profile; each is served by an index.
    const dbs = { [name]: db };
    await eventually(async () => {
      const shapes = await profiledQueries(dbs);
      expect(shapes.filter((q) => q.collection === 'items').length).toBeGreaterThanOrEqual(3);
      expect(shapes.some((q) => q.collection === 'items' && q.times.length >= 3)).toBe(true);
      return true;
    }, 20_000, 250);
    await setProfiling(db, 0);
    const plans = await explainAll(dbs, await profiledQueries(dbs));
    expect(plans.filter((p) => p.scans).map(describePlan), plans.map(describePlan).join('\n')).toEqual([]);

    await running.stop();
    running = undefined;
  }, 360_000);

});
