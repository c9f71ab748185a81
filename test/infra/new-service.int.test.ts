import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startServiceUnderTest, testEnv, type ServiceUnderTest } from '@ftt/kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../scripts/build';
import { repoRoot } from '../../scripts/dist';
import { newService } from '../../scripts/new-service';

/**
 * `pnpm new:service`'s output, checked: a service made from the template under services/ builds, passes its own tests,
 * starts and answers; then it is removed. Its dependencies are an existing service's (the same versions the template
 * declares), linked rather than installed, so the test changes no lockfile.
 */
const name = `tmpl-${randomBytes(3).toString('hex')}`;
const dir = join(repoRoot, 'services', name);
let running: ServiceUnderTest | undefined;

afterAll(async () => {
  await running?.stop();
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
    running = await startServiceUnderTest(t, [], () => start!(t.serviceEnv()));
    expect((await running.call('GET', '/health')).status).toBe(200);
    const created = await running.call('POST', '/items', { userId: 'user-ann', role: 'buyer' }, { title: 'Apples' });
    expect(created.status).toBe(201);
    await running.stop();
    running = undefined;
  }, 360_000);

});
