import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/actors';
import { root, startSystem } from '../support/system';

// Stops and restarts the real servers: this file lives in the e2e-servers project, which runs files one at
// a time, on servers of its own (scripts/test.sh).
const t = testEnv('ready');
let sys: Awaited<ReturnType<typeof startSystem>>;
const servers = (action: 'up' | 'down', name: string) =>
  execFileSync('bash', [join(root, 'scripts', `servers-${action}.sh`), name], {
    stdio: 'inherit',
    timeout: 180_000,
  });

const readiness = async () =>
  Promise.all(
    [sys.catalog, sys.orders, sys.logistics].map(async (s) => {
      const res = await fetch(`${s.url}/ready`);
      return { status: res.status, body: (await res.json()) as { checks: Record<string, boolean> } };
    }),
  );

beforeAll(async () => {
  sys = await startSystem(t);
});
afterAll(async () => {
  servers('up', 'mongo');
  servers('up', 'kafka');
  await sys?.stop();
});

describe('readiness follows the servers', () => {
  it.each([
    ['mongo', 'database'],
    ['kafka', 'broker'],
  ])(
    'when %s is stopped, then every service answers 503 naming it, and 200 once it is back',
    async (server, check) => {
      expect((await readiness()).map((r) => r.status)).toEqual([200, 200, 200]);
      servers('down', server);
      const down = await eventually(
        async () => {
          const r = await readiness();
          return r.every((x) => x.status === 503) ? r : undefined;
        },
        30_000,
        250,
      );
      for (const r of down) expect(r.body.checks[check]).toBe(false);
      // Liveness is not readiness: the processes stay up.
      for (const s of [sys.catalog, sys.orders, sys.logistics])
        expect((await fetch(`${s.url}/health`)).status).toBe(200);
      servers('up', server);
      await eventually(async () => (await readiness()).every((x) => x.status === 200), 90_000, 250);
    },
  );
});
