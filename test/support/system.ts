import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { testEnv } from '@ftt/kit/testing';
import { distEntry, distProblem } from '../../scripts/dist';
import { listensOn } from '../../web/test/listener';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The saga's three services (chaos, scale-out and redelivery runs act on these). */
export type ServiceName = 'catalog' | 'orders' | 'logistics';
/** Every service: the saga's three, notifications, which only listens to their events, and identity. */
export type AnyServiceName = ServiceName | 'notifications' | 'identity';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** The last `bytes` of a file, as text. */
const tailOf = (path: string, bytes = 4096): string => {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    const buf = Buffer.alloc(Math.min(bytes, size));
    readSync(fd, buf, 0, buf.length, size - buf.length);
    return buf.toString();
  } finally {
    closeSync(fd);
  }
};

export type ServiceRuntime = 'tsx' | 'dist';

/**
 * How service processes run: FTT_SERVICE_RUNTIME=dist runs the compiled entry (`pnpm build`, as in the deploy
 * image); unset or `tsx` runs the TypeScript sources through tsx, so tests always run what is checked out.
 */
export const serviceRuntime = (): ServiceRuntime => {
  const v = process.env.FTT_SERVICE_RUNTIME || 'tsx';
  if (v !== 'tsx' && v !== 'dist') throw new Error(`FTT_SERVICE_RUNTIME must be tsx or dist (got ${v})`);
  return v;
};

/**
 * Node's arguments to run a service's entry in the chosen runtime: `--import tsx services/<name>/src/<entry>`, or
 * the compiled `services/<name>/dist/<entry>.mjs` (refused when that build is missing or older than its sources).
 */
export const serviceArgs = (name: AnyServiceName, entry = 'main.ts'): string[] => {
  if (serviceRuntime() === 'tsx') return ['--import', 'tsx', `services/${name}/src/${entry}`];
  const stale = distProblem(name, entry);
  if (stale) throw new Error(`FTT_SERVICE_RUNTIME=dist: ${stale}`);
  // tsx maps stack traces to the TypeScript sources itself; the compiled entry needs node's flag, which costs
  // nothing measurable per order (bench/README.md, "Compiled services").
  return ['--enable-source-maps', distEntry(name, entry)];
};

/**
 * Every service process a test worker started and that is still running: killed when the worker exits, so a start
 * that outlived its hook (a `beforeAll` timed out while services were still starting) leaves no process behind.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The port picked for a service was taken by another process before the service could listen on it. */
class PortTaken extends Error {
  constructor(name: string, port: number) {
    super(`${name}: port ${port} was taken by another process before it could listen`);
    this.name = 'PortTaken';
  }
}

/**
 * One service as its own OS process: `node --import tsx services/<name>/src/main.ts`, or with
 * FTT_SERVICE_RUNTIME=dist `node services/<name>/dist/main.mjs` as in production (refused when that build is
 * missing or older than its sources). Output goes to test-results/logs/<run>-<name>-<n>.log for post-mortems.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private starts = 0;
  port = 0;
  /** How long a start may take until /ready answers (identity imports better-auth: slower to start under load). */
  readyTimeoutMs = 60_000;

  constructor(
    readonly name: AnyServiceName,
    private readonly t: ReturnType<typeof testEnv>,
    readonly extraEnv: Record<string, string> = {},
    readonly instance = 1,
    /** The service's entry under src/ (logistics' readings ingest is `ingest-main.ts`, on logistics' database). */
    readonly entry = 'main.ts',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<this> {
    // A port this start picks can be taken by another test's process before the service binds it: the service then
    // exits with EADDRINUSE, and it starts again on another port. A port given (a restart keeps its port) is kept.
    const picked = !this.port;
    for (let attempt = 1; ; attempt++) {
      if (picked) this.port = await freePort();
      try {
        await this.spawnAndWait();
        return this;
      } catch (err) {
        if (!(picked && err instanceof PortTaken && attempt < 3)) throw err;
      }
    }
  }

  private async spawnAndWait(): Promise<void> {
    const logDir = join(root, 'test-results', 'logs');
    mkdirSync(logDir, { recursive: true });
    const logPath = join(
      logDir,
      `${this.t.run}-${this.name}${this.entry === 'main.ts' ? '' : `-${this.entry.replace(/-?main\.ts$/, '')}`}-${this.instance}-${++this.starts}.log`,
    );
    const mongo = new URL(this.t.mongoUrl);
    mongo.pathname = `${mongo.pathname}_${this.name}`;
    // FTT_SERVICE_NODE_ARGS adds node flags to every service, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to
    // profile them under the bench (node refuses --cpu-prof in NODE_OPTIONS).
    const nodeArgs = (process.env.FTT_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // The service writes its log straight into the file: piped through the test worker, every line of every running
    // service (one per request at LOG_LEVEL info) cost the worker a read and a write.
    const logFd = openSync(logPath, 'a');
    try {
      this.child = spawn(process.execPath, [...nodeArgs, ...serviceArgs(this.name, this.entry)], {
        cwd: root,
        env: {
          ...process.env,
          ...this.t.serviceEnv({ PORT: String(this.port), MONGO_URL: mongo.toString(), LOG_LEVEL: 'info' }),
          ...this.extraEnv,
        },
        stdio: ['ignore', logFd, logFd],
      });
    } finally {
      closeSync(logFd);
    }
    const child = this.child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    try {
      await this.waitReady(this.readyTimeoutMs);
    } catch (err) {
      // a port taken meanwhile, told from any other failure to start by the end of what it wrote
      if (child.exitCode !== null && tailOf(logPath).includes('EADDRINUSE')) throw new PortTaken(this.name, this.port);
      throw err;
    }
  }

  /** Until /ready answers 200 from this service's own process (not from another process on its port). */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`${this.name} exited with ${this.child.exitCode} while starting`);
      }
      try {
        if ((await fetch(`${this.url}/ready`)).ok && listensOn(this.child?.pid, this.port)) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms`);
  }

  /** SIGKILL: no graceful stop, nothing flushed. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(sig);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
}

/**
 * identity as a process with the demo people seeded (DEMO_PEOPLE=on: their accounts, memberships and the demo
 * operator's second factor), on a port chosen first so that its own address (IDENTITY_URL) is known before it starts.
 * Not started: `startIdentityProcess` starts it; `startSystem` starts it beside the other services.
 */
const identityProcess = async (t: ReturnType<typeof testEnv>, env: Record<string, string> = {}) => {
  const identity = new ServiceProcess('identity', t, {});
  identity.port = await freePort();
  Object.assign(identity.extraEnv, {
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_URL: `http://127.0.0.1:${identity.port}`,
    DEMO_PEOPLE: 'on',
    // the browser suites sign people in many times a minute from one address
    SIGN_IN_MAX: '10000',
    ...env,
  });
  // better-auth is slow to load on a busy machine
  identity.readyTimeoutMs = 120_000;
  return identity;
};

export const startIdentityProcess = async (
  t: ReturnType<typeof testEnv>,
  env: Record<string, string> = {},
) => {
  const identity = await identityProcess(t, env);
  // a start that fails leaves no process behind
  return identity.start().catch(async (err: unknown) => {
    await identity.kill();
    throw err;
  });
};

/** identity's settings for a browser suite whose web app will listen on `webPort` (the origin it lets sign people in). */
export const identityFor = (webPort: number): Record<string, string> => ({
  APP_URL: `http://127.0.0.1:${webPort}`,
});

/**
 * The three saga services as processes, and notifications too when `env.notifications` is given (its SMTP
 * server among them: a test's own mailpit, see mailpit.ts); the saga runs the same without it. With `env.identity`,
 * identity runs too (the demo people seeded) and the run's key set publishes its keys: the services accept the
 * tokens people get by signing in, as well as the test harness's.
 */
export const startSystem = async (
  t: ReturnType<typeof testEnv>,
  env: Partial<Record<AnyServiceName, Record<string, string>>> = {},
) => {
  // identity starts beside the others (they fetch its keys only when a token comes): its address is known already
  const identity = env.identity ? await identityProcess(t, env.identity) : undefined;
  if (identity) t.trustIdentity(`${identity.url}/.well-known/jwks.json`);
  const names: AnyServiceName[] = [
    'catalog',
    'orders',
    'logistics',
    ...(env.notifications ? ['notifications' as const] : []),
  ];
  // One that fails to start takes the others down with it: no process of the run is left behind.
  const procs = names.map((n) => new ServiceProcess(n, t, env[n] ?? {}));
  const starting = identity ? [...procs, identity] : procs;
  const started = await Promise.allSettled(starting.map((p) => p.start()));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(starting.map((p) => p.kill()));
    throw failed.reason;
  }
  const [catalog, orders, logistics, notifications] = procs;
  return {
    catalog: catalog!,
    orders: orders!,
    logistics: logistics!,
    notifications,
    identity,
    stop: () => Promise.all(starting.map((p) => p.stop())),
  };
};
