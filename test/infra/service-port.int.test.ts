import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testEnv } from '@ftt/kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { listensOn } from '../../web/test/listener';
import { ServiceProcess } from '../support/system';

const t = testEnv('service-port');
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

/** Another process's server on a port, answering every request (its /ready too) with 200. */
const foreignServer = async (): Promise<number> => {
  const s = createServer((_req, res) => res.end('{"status":"ready"}')).listen(0, '127.0.0.1');
  servers.push(s);
  await new Promise((r) => s.once('listening', r));
  return (s.address() as AddressInfo).port;
};

describe('a service started by the tests is the one that answers', () => {
  it('when another process listens on a port, then listensOn names that process and not ours', async () => {
    const child = spawn(process.execPath, [
      '-e',
      "require('node:net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })",
    ]);
    try {
      const port = Number(await new Promise<string>((r) => child.stdout.once('data', (d: Buffer) => r(d.toString()))));
      expect(listensOn(child.pid, port)).toBe(true);
      expect(listensOn(process.pid, port)).toBe(false);
      const ours = await foreignServer();
      expect(listensOn(process.pid, ours)).toBe(true);
      expect(listensOn(child.pid, ours)).toBe(false);
    } finally {
      child.kill();
    }
  });

  it('when the port a service is given already answers /ready for another process, then its start fails instead of passing for ready', async () => {
    const p = new ServiceProcess('catalog', t);
    p.port = await foreignServer();
    p.readyTimeoutMs = 90_000;
    await expect(p.start()).rejects.toThrow(/catalog: port \d+ was taken by another process/);
  }, 120_000);
});
