import { connectMongo } from '@ftt/kit';
import type { testEnv } from '@ftt/kit/testing';
import { createConnection } from 'node:net';
import { ServiceProcess, type ServiceName } from '../../test/support/system';
import { benchKafka, deleteTopicsWithPrefix } from './kafka';

type Env = ReturnType<typeof testEnv>;
export const SERVICES: ServiceName[] = ['catalog', 'orders', 'logistics'];

/**
 * test/support/system.ts startSystem, with one difference: when one service fails to start, the
 * ones that did start are stopped too, so an aborted bench never leaves processes behind.
 */
export const startBenchSystem = async (t: Env, env: Record<string, string>) => {
  const procs = SERVICES.map((n) => new ServiceProcess(n, t, env));
  const started = await Promise.allSettled(procs.map((p) => p.start()));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(procs.map((p) => p.stop()));
    throw failed.reason;
  }
  const [catalog, orders, logistics] = procs as [ServiceProcess, ServiceProcess, ServiceProcess];
  return {
    catalog,
    orders,
    logistics,
    procs,
    stop: () => Promise.all(procs.map((p) => p.stop())),
    /** Synchronous last resort (process exit): SIGKILL every child that still runs. */
    killNow: () => procs.forEach((p) => void p.kill()),
  };
};
export type BenchSystem = Awaited<ReturnType<typeof startBenchSystem>>;

/** The database of one service of a run, as ServiceProcess derives it (<run db>_<name>). */
export const dbUrl = (t: Env, suffix: string): string => {
  const u = new URL(t.mongoUrl);
  u.pathname = `${u.pathname}_${suffix}`;
  return u.toString();
};

/** Drop the run's databases and delete its topics (best effort; errors are returned, not thrown). */
export const cleanupRun = async (t: Env, dbSuffixes: string[]): Promise<string[]> => {
  const problems: string[] = [];
  try {
    const conn = await connectMongo(t.mongoUrl, 1, { monitorCommands: false });
    try {
      const base = new URL(t.mongoUrl).pathname.slice(1);
      for (const s of dbSuffixes) {
        await conn
          .useDb(`${base}_${s}`)
          .dropDatabase()
          .catch((e: Error) => problems.push(`drop ${base}_${s}: ${e.message}`));
      }
    } finally {
      await conn.close().catch(() => undefined);
    }
  } catch (e) {
    problems.push(`mongo: ${(e as Error).message}`);
  }
  try {
    await deleteTopicsWithPrefix(benchKafka('bench-cleanup', t.kafkaBrokers), t.topicPrefix);
  } catch (e) {
    problems.push(`topics: ${(e as Error).message}`);
  }
  return problems;
};

/** Is something listening on host:port (within a second)? */
export const listening = (hostPort: string): Promise<boolean> =>
  new Promise((resolve) => {
    const [host, port] = hostPort.split(':');
    const s = createConnection({ host: host ?? '127.0.0.1', port: Number(port) });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
