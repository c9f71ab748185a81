import { afterAll, beforeAll } from 'vitest';

/**
 * A test file's harness (a service in-process, a system of processes...): started before the file's cases and
 * stopped after them, whatever happened. The value returned stands for it once started, so cases use it as they
 * would the harness itself; using it before it has started is a bug and throws.
 */
export const startedForFile = <H extends object & { stop: () => Promise<unknown> }>(
  start: () => Promise<H>,
  o: { startMs?: number; afterStop?: () => Promise<unknown> } = {},
): H => {
  let started: H | undefined;
  beforeAll(async () => {
    started = await start();
  }, o.startMs);
  afterAll(async () => {
    await started?.stop();
    await o.afterStop?.();
  });
  return new Proxy({} as H, {
    get: (_target, key) => {
      if (!started) throw new Error(`the harness is not started yet (reading ${String(key)})`);
      const value: unknown = Reflect.get(started, key, started);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
};
