import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Api, ConfigError, runService } from '../src/index';
import { testEnv } from '../src/testing';

const t = testEnv('port');
let holder: Server | undefined;

afterAll(async () => {
  await new Promise((r) => (holder ? holder.close(r) : r(undefined)));
});

const start = (port: number) =>
  runService('port-fixture', z.object({}), { ...t.serviceEnv(), PORT: String(port), HOST: '127.0.0.1' }, async () => ({
    api: new Api({ title: 'fixture', version: '1' }, t.auth),
  }));

describe('a service whose port is taken', () => {
  it('fails to start with a ConfigError naming the address and PORT, and starts once the port is free', async () => {
    holder = createServer();
    await new Promise<void>((r) => holder!.listen(0, '127.0.0.1', r));
    const port = (holder.address() as { port: number }).port;

    const err = await start(port).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variables).toContain('PORT');
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
    expect((err as Error).message).toContain('in use');

    // What the failed start opened was closed: the same process starts the service once the port is free.
    await new Promise((r) => holder!.close(r));
    holder = undefined;
    const svc = await start(port);
    try {
      expect(svc.port).toBe(port);
      const res = await fetch(`${svc.url}/health`);
      expect(await res.json()).toEqual({ status: 'ok', service: 'port-fixture' });
    } finally {
      await svc.stop();
    }
  });
});
