import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listensOn } from './listener';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const vite = join(webDir, 'node_modules', 'vite', 'bin', 'vite.js');

export interface WebServerOptions {
  port: number;
  catalogUrl: string;
  ordersUrl: string;
  logisticsUrl: string;
  /** Unset: the bell finds no notifications service and shows no number. */
  notificationsUrl?: string;
  /** identity: people sign in there (its APP_URL must be this server's address, http://127.0.0.1:<port>). */
  identityUrl: string;
  logFile: string;
  /** A build to serve instead of the test build (`builtApp`): the web budget bench's build as it ships. */
  distDir?: string;
}

/**
 * Node's arguments for web/server: its compiled entry (web/server/dist/main.mjs, which `pnpm build` writes) when it is
 * newer than every source of the server, else the sources through tsx.
 */
const serverArgs = (): string[] => {
  const serverDir = join(webDir, 'server');
  const compiled = join(serverDir, 'dist', 'main.mjs');
  const sources = readdirSync(serverDir).filter((f) => f.endsWith('.ts'));
  const current =
    existsSync(compiled) &&
    sources.every((f) => statSync(join(serverDir, f)).mtimeMs <= statSync(compiled).mtimeMs);
  return current ? ['--enable-source-maps', compiled] : ['--import', 'tsx', join(serverDir, 'main.ts')];
};

/** What the build reads besides web/: the shared schemas it imports. */
const contractsDir = join(webDir, '..', 'packages', 'contracts', 'src');

/** The build's settings for the browser suites: the same for every suite, so one build serves them all. */
const buildEnv = {
  DEMO_SIGN_IN: 'on',
  STRIPE_PUBLISHABLE_KEY: '',
  // no tile server is reachable from the tests: the map picker runs without tiles (src/lib/map-tiles.ts)
  VITE_MAP_TILE_URL: 'off',
};

/** Every file under `dir` (but node_modules and dist) as "path size mtime" lines: what makes a build stale. */
const listing = (dir: string, out: string[] = []): string[] => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name === 'test') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) listing(p, out);
    else {
      const st = statSync(p);
      out.push(`${relative(webDir, p)} ${st.size} ${st.mtimeMs}`);
    }
  }
  return out;
};

/**
 * The built app, made once for as long as its sources stay the same: `vite build` into
 * <tmp>/ftt-test-build/<hash of this checkout's sources: names, sizes and times>, which every later suite (and every
 * file running beside it) reuses. Two suites that build at once both finish; the first to move its folder into place
 * wins and the other's copy is dropped.
 */
const builtApp = (): string => {
  const hash = createHash('sha256')
    .update([webDir, ...listing(webDir), ...listing(contractsDir), JSON.stringify(buildEnv)].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
  // not under a folder whose name starts with a dot: the server's static files refuse such paths
  const cache = join(tmpdir(), 'ftt-test-build');
  const dir = join(cache, hash);
  if (existsSync(join(dir, 'index.html'))) return dir;
  mkdirSync(cache, { recursive: true });
  const tmp = mkdtempSync(join(cache, 'building-'));
  const build = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', tmp, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: webDir, env: { ...process.env, ...buildEnv }, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  }
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another suite's build got there first: the same sources
  }
  // builds of older sources go (not one made in the last hour: a run of another checkout state may still use it)
  for (const old of readdirSync(cache)) {
    const p = join(cache, old);
    if (old !== hash && Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { recursive: true, force: true });
  }
  return dir;
};

/**
 * The web app as it ships: `vite build` (once, see builtApp), then web/server (the production server: CSP,
 * security headers, the SPA fallback) on the given port, proxying /api/<service> to the services and /api/identity
 * to identity, where the demo people sign in (the build offers them
 * as one-click sign-ins: DEMO_SIGN_IN=on).
 */
export const startWebApp = async (
  o: WebServerOptions,
): Promise<{ url: string; stop: () => Promise<void> }> => {
  const env = {
    ...process.env,
    CATALOG_URL: o.catalogUrl,
    ORDERS_URL: o.ordersUrl,
    LOGISTICS_URL: o.logisticsUrl,
    ...(o.notificationsUrl ? { NOTIFICATIONS_URL: o.notificationsUrl } : {}),
    IDENTITY_URL: o.identityUrl,
  };
  const outDir = o.distDir ?? builtApp();
  // The server writes its log straight into the file (not piped through the test worker).
  const logFd = openSync(o.logFile, 'a');
  // The server that ships (web/server: CSP, the proxy, the SPA fallback), not Vite's preview server: compiled
  // (`pnpm build`) when that build is current, which starts on less CPU than through tsx; else its sources.
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, serverArgs(), {
      cwd: webDir,
      env: {
        ...env,
        HOST: '127.0.0.1',
        PORT: String(o.port),
        WEB_DIST: outDir,
        PUBLIC_URL: `http://127.0.0.1:${o.port}`,
        // unset: nothing listens there, and the bell shows no number
        NOTIFICATIONS_URL: o.notificationsUrl ?? 'http://127.0.0.1:9',
      },
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    closeSync(logFd);
  }
  const url = `http://127.0.0.1:${o.port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`web server exited with ${child.exitCode}; see ${o.logFile}`);
    try {
      // answered by this server's own process, not by another that took the port first
      if ((await fetch(url)).ok && listensOn(child.pid, o.port)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL'); // a server that never answered is not left running after the suite
      throw new Error(`web server not up after 30 s; see ${o.logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
    },
  };
};
