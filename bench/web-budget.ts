/**
 * The web app's budgets on a weak signal (issue #31): the JavaScript a first visit downloads, and how long the shop's
 * first screen takes on a slow 3G connection.
 *
 *   pnpm bench:web-budget [--first-screen] [--runs 3]
 *
 * 1. Builds the app as it ships (`vite build`, no demo sign-in) into a temporary folder and prints the initial
 *    JavaScript (the entry and what index.html preloads) as files, gzip (what web/server sends) and brotli, and the
 *    largest chunks loaded later. Budget: 200 KB compressed.
 * 2. With --first-screen (the servers running: `bash scripts/servers-up.sh`): catalog as a process with two farms'
 *    listings, web/server serving that build, and Chromium throttled to slow 3G (below); it loads the shop signed out
 *    and times the first listing card's appearance, with an empty cache every run. Budget: 5 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { testEnv } from '@ftt/kit/testing';
import { freePort, root, ServiceProcess } from '../test/support/system';
import { seedCatalog } from '../test/web/seed';
import { launchBrowser } from '../web/test/browser';
import { startWebApp } from '../web/test/web-server';

/**
 * Chrome DevTools' "Slow 3G" preset: 2,000 ms added to every request (its 400 ms round trip times 5, the factor
 * DevTools applies for request-level throttling), 400 kbit/s down and up (500 kbit/s times 0.8).
 */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const JS_BUDGET = 200 * 1024;
const FIRST_SCREEN_BUDGET_MS = 5000;

const { values: a } = parseArgs({
  options: { 'first-screen': { type: 'boolean', default: false }, runs: { type: 'string', default: '3' } },
});
const webDir = join(root, 'web');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const outDir = mkdtempSync(join(tmpdir(), 'ftt-web-budget-'));
console.log(`building the web app as it ships into ${outDir} ...`);
execFileSync(process.execPath, [join(webDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir], {
  cwd: webDir,
  env: { ...process.env, DEMO_SIGN_IN: 'off' },
  stdio: ['ignore', 'ignore', 'inherit'],
});

const sizes = (file: string) => {
  const bytes = readFileSync(join(outDir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length, brotli: brotliCompressSync(bytes).length };
};
const html = readFileSync(join(outDir, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => sizes(m[1]!));
const total = initial.reduce((s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip, brotli: s.brotli + f.brotli }), {
  raw: 0,
  gzip: 0,
  brotli: 0,
});
console.log(`\ninitial JavaScript (${initial.length} files: the entry and the modules index.html preloads)`);
for (const f of initial) console.log(`  ${f.file.padEnd(48)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} gzip`);
console.log(
  `  total ${kb(total.raw)}; gzip ${kb(total.gzip)}; brotli ${kb(total.brotli)}; budget ${kb(JS_BUDGET)} compressed: ` +
    (total.gzip <= JS_BUDGET ? 'within' : 'OVER'),
);
const later = readdirSync(join(outDir, 'assets'))
  .filter((f) => f.endsWith('.js') && !initial.some((i) => i.file === `assets/${f}`))
  .map((f) => sizes(`assets/${f}`))
  .sort((x, y) => y.gzip - x.gzip);
console.log(`loaded when needed: ${later.length} chunks, ${kb(later.reduce((s, f) => s + f.gzip, 0))} gzip; largest:`);
for (const f of later.slice(0, 6)) console.log(`  ${f.file.padEnd(48)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} gzip`);

if (a['first-screen']) {
  const t = testEnv('webbudget');
  const catalog = await new ServiceProcess('catalog', t, {}).start();
  mkdirSync(join(root, 'test-results', 'logs'), { recursive: true });
  const nowhere = 'http://127.0.0.1:9'; // signed out, the shop asks only catalog
  const web = await startWebApp({
    port: await freePort(),
    catalogUrl: catalog.url,
    ordersUrl: nowhere,
    logisticsUrl: nowhere,
    identityUrl: nowhere,
    logFile: join(root, 'test-results', 'logs', `${t.run}-web.log`),
    distDir: outDir,
  });
  const browser = await launchBrowser(join(root, 'test-results', 'screenshots', 'web-budget'));
  try {
    await seedCatalog(t, catalog.url);
    const url = `${web.url}/`;
    const cdp = await browser.context.newCDPSession(browser.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // every run a first visit: the service worker the first run installs (the app shell) does not answer the next
    await cdp.send('Network.setBypassServiceWorker', { bypass: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    const times: number[] = [];
    let transferred = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (transferred += e.encodedDataLength));
    for (let run = 0; run < Number(a.runs); run++) {
      transferred = 0;
      const started = Date.now();
      await browser.page.goto(url, { waitUntil: 'commit' });
      await browser.page.locator('.listing-card').first().waitFor({ timeout: 120_000 });
      times.push(Date.now() - started);
      console.log(`  run ${run + 1}: first listing card after ${times.at(-1)} ms, ${kb(transferred)} over the wire`);
    }
    const median = [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
    console.log(
      `first screen on slow 3G (${SLOW_3G.latency} ms, ${(SLOW_3G.downloadThroughput * 8) / 1000} kbit/s): median ` +
        `${median} ms over ${times.length} runs; budget ${FIRST_SCREEN_BUDGET_MS} ms: ` +
        (median <= FIRST_SCREEN_BUDGET_MS ? 'within' : 'OVER'),
    );
  } finally {
    await browser.close();
    await web.stop();
    await catalog.stop();
  }
}
rmSync(outDir, { recursive: true, force: true });
