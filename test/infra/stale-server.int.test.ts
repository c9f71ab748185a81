import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, root } from '../support/system';

/**
 * The servers scripts reuse a server only when it is healthy and ours (issue #35): a checkout removed while its
 * database server ran left that server answering on the port from a deleted data folder, and the next checkout
 * reused it and failed on every write. Each case here runs the real scripts from a throw-away checkout (a copy of
 * scripts/ and deploy/native/) with the database server on a port of its own, so the shared servers are untouched.
 */
const checkouts: string[] = [];
const servers: { dir: string; port: number }[] = [];

const checkout = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ftt-checkout-'));
  cpSync(join(root, 'scripts'), join(dir, 'scripts'), { recursive: true });
  cpSync(join(root, 'deploy', 'native'), join(dir, 'deploy', 'native'), { recursive: true });
  // The database server binary this machine already built (the main checkout's), not a 12-minute build per case.
  mkdirSync(join(dir, '.local'), { recursive: true });
  symlinkSync(join(root, '.local', 'bin'), join(dir, '.local', 'bin'));
  checkouts.push(dir);
  return dir;
};

type Run = { code: number; out: string };
const script = (dir: string, name: 'servers-up.sh' | 'servers-down.sh', port: number): Promise<Run> =>
  new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, MONGO_PORT: String(port), FTT_LAUNCHED_FILE: '' };
    delete env.FTT_STATE_DIR; // each checkout keeps its state in its own .local
    execFile(
      'bash',
      [join(dir, 'scripts', name), 'mongo'],
      { env, timeout: 120_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });

const probe = (port: number, write: boolean): Promise<boolean> =>
  new Promise((resolve) => {
    const args = [
      join(root, 'deploy', 'native', 'mongo-hello.mjs'),
      String(port),
      ...(write ? ['--write'] : []),
    ];
    execFile('node', args, { timeout: 10_000 }, (err) => resolve(!err));
  });

const listenerPid = (out: string): number | undefined => {
  const m = /started \(pid (\d+)\)/.exec(out);
  return m ? Number(m[1]) : undefined;
};

afterAll(async () => {
  for (const s of servers) await script(s.dir, 'servers-down.sh', s.port);
  for (const dir of checkouts) rmSync(dir, { recursive: true, force: true });
});

describe('the servers scripts reuse only a healthy server of ours', () => {
  it('when the checkout that started the database server is deleted, then servers-up elsewhere finds it stale, replaces it, and the new one stores data', async () => {
    const port = await freePort();
    const first = checkout();
    const up = await script(first, 'servers-up.sh', port);
    expect(up.code, up.out).toBe(0);
    const stalePid = listenerPid(up.out);
    expect(stalePid).toBeGreaterThan(0);
    rmSync(first, { recursive: true, force: true }); // the server keeps running from a folder that is gone

    const second = checkout();
    servers.push({ dir: second, port });
    const again = await script(second, 'servers-up.sh', port);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/found a stale server: mongo pid \d+ serves from .*, which no longer exists/);
    const freshPid = listenerPid(again.out);
    expect(freshPid).toBeGreaterThan(0);
    expect(freshPid).not.toBe(stalePid);
    expect(() => process.kill(stalePid!, 0)).toThrow(); // the stale server is gone
    expect(await probe(port, true)).toBe(true);
    // Started here: servers-down here stops it.
    const down = await script(second, 'servers-down.sh', port);
    expect(down.code, down.out).toBe(0);
    expect(await probe(port, false)).toBe(false);
  });

  it("when another checkout's server is healthy, then servers-up reuses it and servers-down here leaves it running", async () => {
    const port = await freePort();
    const owner = checkout();
    servers.push({ dir: owner, port });
    expect((await script(owner, 'servers-up.sh', port)).code).toBe(0);
    const other = checkout();
    const up = await script(other, 'servers-up.sh', port);
    expect(up.code, up.out).toBe(0);
    expect(up.out).toContain('started by another checkout), reusing it');
    expect(readdirSync(join(other, '.local', 'run')).filter((f) => f.endsWith('.pid'))).toEqual([]);
    const down = await script(other, 'servers-down.sh', port);
    expect(down.out).toContain('did not start');
    expect(await probe(port, true)).toBe(true);
  });

  it('when something else listens on the port, then servers-up stops with a message naming that process and the port variable', async () => {
    const port = await freePort();
    const squatter: Server = createServer((s) => s.end());
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r));
    try {
      const up = await script(checkout(), 'servers-up.sh', port);
      expect(up.code).not.toBe(0);
      expect(up.out).toMatch(
        new RegExp(`port ${port} belongs to pid ${process.pid} \\(.*node.*\\), not a FieldToTable mongo`),
      );
      expect(up.out).toContain('MONGO_PORT=');
    } finally {
      squatter.close();
    }
  });
});
