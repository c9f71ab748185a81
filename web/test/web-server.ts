import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

/**
 * The web app as it ships: `vite build` into a temporary folder, then web/server (the production server: CSP,
 * security headers, the SPA fallback) on the given port, proxying /api/<service> to the services and /api/identity
 * to identity, where the demo people sign in (the build offers them
 * as one-click sign-ins: DEMO_SIGN_IN=on).
 */
export const startWebApp = async (
  o: WebServerOptions,
): Promise<{ url: string; stop: () => Promise<void> }> => {
  const outDir = mkdtempSync(join(tmpdir(), 'ftt-web-'));
  const env = {
    ...process.env,
    CATALOG_URL: o.catalogUrl,
    ORDERS_URL: o.ordersUrl,
    LOGISTICS_URL: o.logisticsUrl,
    ...(o.notificationsUrl ? { NOTIFICATIONS_URL: o.notificationsUrl } : {}),
    IDENTITY_URL: o.identityUrl,
    DEMO_SIGN_IN: 'on',
    STRIPE_PUBLISHABLE_KEY: '',
    // no tile server is reachable from the tests: the map picker runs without tiles (src/lib/map-tiles.ts)
    VITE_MAP_TILE_URL: 'off',
  };
  const build = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: webDir,
      env,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);

  const log = createWriteStream(o.logFile);
  // The server that ships (web/server: CSP, the proxy, the SPA fallback), not Vite's preview server.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(webDir, 'server', 'main.ts')],
    {
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
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${o.port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`web server exited with ${child.exitCode}; see ${o.logFile}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`web server not up after 30 s; see ${o.logFile}`);
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
      rmSync(outDir, { recursive: true, force: true });
    },
  };
};
