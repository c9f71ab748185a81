import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, demoFarmId, demoUsers } from '@ftt/kit/demo-users';
import { eventually, testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from '../../web/server/app';
import { createRequire } from 'node:module';
import { launchBrowser, PHONE, type A11yViolation, type Browser, type Page } from '../../web/test/browser';
import { farmBody, listingBody } from '../support/actors';
import { freePort, root, ServiceProcess, startIdentityProcess, identityFor } from '../support/system';

/**
 * The web app served for real (issue #28): `vite build`, then web/server/main.ts (express + helmet) on one origin with
 * the API behind it, against identity and catalog as processes. Headers (CSP, no HSTS without TLS, HSTS and Secure
 * cookies with it), hashed assets cached for a year, the SPA fallback, the proxy (sign-in through it sets identity's
 * cookie on this origin; tokens work at catalog through it), stored markup shown as text in Chromium under the CSP,
 * and identity down: sign-in answers a clean 503 problem at once while catalog keeps accepting the tokens it had.
 */
const t = testEnv('webserver');
const anna = demoUsers.find((u) => u.userId === 'user-farmer-anna')!;
const carla = demoUsers.find((u) => u.userId === 'user-buyer-carla')!;
const SIGN_IN_MAX = 5;
const MARKUP = '<img src=x onerror="window.__xss=1">Hof & Co';
const SCRIPT_TITLE = '</script><script>alert(1)</script>';
let annaSignedIn: Awaited<ReturnType<typeof signInThroughServer>> | undefined;
let identity: ServiceProcess;
let catalog: ServiceProcess;
let server: ChildProcess;
let url = '';
let dist = '';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}
const get = async (path: string, init: RequestInit = {}): Promise<Answer> => {
  const res = await fetch(url + path, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
};
const json = (a: Answer) => JSON.parse(a.text) as Record<string, unknown>;

/**
 * axe-core's WCAG 2.1 A/AA rules, run through the DevTools protocol: the page's CSP refuses the inline script tag
 * that web/test/browser.ts's helper adds (as it refuses any inline script).
 */
const axeSource = readFileSync(
  createRequire(join(root, 'web', 'package.json')).resolve('axe-core/axe.min.js'),
  'utf8',
);
const auditAccessibility = async (page: Page): Promise<A11yViolation[]> => {
  await page.evaluate(axeSource);
  return (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`)) as A11yViolation[];
};

/** A sign-in attempt through the web server from the loopback address `from` (each browser its own). */
const attempt = (from: string, password: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    const req = request(
      `${url}/api/identity/api/auth/sign-in/email`,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', origin: url, ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ email: anna.email, password }));
  });

/** Signs Anna in through the web server, as the browser does: the cookie comes back on this origin. */
const signInThroughServer = async () => {
  const res = await fetch(`${url}/api/identity/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: anna.email, password: DEMO_PASSWORD }),
  });
  const cookies = res.headers.getSetCookie();
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  const token = async () => {
    const r = await fetch(`${url}/api/identity/api/auth/token`, { headers: { cookie } });
    expect(r.status).toBe(200);
    return String(((await r.json()) as { token: string }).token);
  };
  return { status: res.status, cookies, token };
};

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // identity believes the web server's X-Forwarded-For (loopback here), so its limits count each browser
  identity = await startIdentityProcess(t, {
    ...identityFor(port),
    TRUST_PROXY: 'loopback',
    SIGN_IN_MAX: String(SIGN_IN_MAX),
  });
  catalog = await new ServiceProcess('catalog', t, {
    AUTH_JWKS_URL: `${identity.url}/.well-known/jwks.json`,
    AUTH_JWKS_COOLDOWN_MS: '0',
    AUTH_JWKS_MAX_AGE_MS: '1000',
  }).start();
  dist = mkdtempSync(join(tmpdir(), 'ftt-web-dist-'));
  const build = spawnSync(
    process.execPath,
    [
      join(root, 'web/node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      dist,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: join(root, 'web'), env: { ...process.env, VITE_MAP_TILE_URL: 'off' }, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  mkdirSync(join(root, 'test-results', 'logs'), { recursive: true });
  const log = createWriteStream(join(root, 'test-results', 'logs', `${t.run}-web-server.log`));
  server = spawn(process.execPath, ['--import', 'tsx', 'web/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      WEB_DIST: dist,
      PUBLIC_URL: url,
      IDENTITY_URL: identity.url,
      CATALOG_URL: catalog.url,
      // nothing listens there: the orders, logistics and notifications services are not part of this test
      ORDERS_URL: 'http://127.0.0.1:9',
      LOGISTICS_URL: 'http://127.0.0.1:9',
      NOTIFICATIONS_URL: 'http://127.0.0.1:9',
      UPSTREAM_TIMEOUT_MS: '3000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const until = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`web server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('web server not up after 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 240_000);
afterAll(async () => {
  server?.kill('SIGTERM');
  await catalog?.stop();
  await identity?.stop();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the web app served for real', () => {
  it('when a page is asked for, then it comes with a CSP, no-sniff, no frame embedding, no HSTS without TLS, and is revalidated; hashed assets are kept a year', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const d of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"])
      expect(csp).toContain(d);
    expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(page.headers.get('cache-control')).toBe('no-cache');

    const asset = /\/assets\/[^"]+\.js/.exec(page.text)?.[0];
    expect(asset).toBeDefined();
    const a = await get(asset!);
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(a.headers.get('content-type')).toMatch(/javascript/);
    const missing = await get('/assets/not-built-0000.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<div id="root">');
  });

  it('when a route of the app is opened directly, then index.html answers it (the SPA fallback); a POST or an unknown API does not', async () => {
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    for (const path of ['/account', '/farms/farm-x', '/orders/o-1/trace?x=1']) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 200]);
      expect(r.text).toBe(index);
    }
    expect((await get('/account', { method: 'POST' })).status).toBe(404);
    const unknown = await get('/api/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('when the installable app is asked for, then the service worker is revalidated on every check and the manifest is served as one, naming icons that exist', async () => {
    const sw = await get('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.text).toContain('index.html');
    const manifest = await get('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const m = json(manifest) as { start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string }[] };
    expect(m).toMatchObject({ start_url: '/', display: 'standalone', theme_color: '#1f5130' });
    expect(m.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of m.icons) expect((await get(icon.src)).status, icon.src).toBe(200);
    expect((await get('/')).text).toContain('<link rel="manifest" href="/manifest.webmanifest">');
  });

  it('when a person signs in through the server, then identity’s cookie is this origin’s (HttpOnly, SameSite, no Domain) and the token works at catalog through the same origin', async () => {
    const s = await signInThroughServer();
    expect(s.status).toBe(200);
    annaSignedIn = s; // later steps use this session: sign-ins from this address are rate-limited
    const session = s.cookies.find((c) => c.includes('session_token'))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Domain=/i);
    expect(session).not.toMatch(/;\s*Secure/i); // no TLS here

    const jwt = await s.token();
    const opened = await get('/api/catalog/farms', {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify(farmBody(MARKUP, 'Gelderland', 'Ede', 52.04, 5.66)),
    });
    expect(opened.status, opened.text).toBe(201);
    const direct = await (await fetch(`${catalog.url}/farms/${demoFarmId(anna.userId)}`)).json();
    const proxied = await get(`/api/catalog/farms/${demoFarmId(anna.userId)}?x=1`);
    expect(proxied.status).toBe(200);
    expect(json(proxied)).toEqual(direct);
    // a service that is not running answers a 503 problem, not a hang
    const down = await get('/api/orders/orders', { headers: { authorization: `Bearer ${jwt}` } });
    expect(down.status).toBe(503);
  });

  it('when a farm’s name holds markup, then the browser shows it as text under the CSP, and nothing of it runs', async () => {
    const browser: Browser = await launchBrowser(join(root, 'test-results', 'screenshots', 'web-server'));
    const problems: string[] = [];
    browser.page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    try {
      await browser.page.goto(`${url}/farms/${demoFarmId(anna.userId)}`);
      await browser.page.getByRole('heading', { level: 1, name: MARKUP }).waitFor({ timeout: 20_000 });
      expect(await browser.page.evaluate('window.__xss')).toBeUndefined();
      expect(await browser.page.locator('img[src="x"]').count()).toBe(0);
      await browser.shot('farm-with-markup');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('when a listing’s title closes the script, then the shop’s page carries the first listings inside as data that ends nothing, the browser shows the title as text under the CSP and asks catalog for no first page', async () => {
    const jwt = await annaSignedIn!.token();
    const made = await get(`/api/catalog/farms/${demoFarmId(anna.userId)}/listings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify(listingBody(SCRIPT_TITLE, 'LOT-SCRIPT-1', 5, 350)),
    });
    expect(made.status, made.text).toBe(201);
    const id = String(json(made).id);
    const published = await get(`/api/catalog/listings/${id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(published.status, published.text).toBe(200);
    // catalog's search finds it once its projection has it
    const page = await eventually(async () => {
      const p = await get('/');
      return p.text.includes('LOT-SCRIPT-1') ? p : undefined;
    }, 30_000, 500);
    // one data block, and the only script element closed in the page's body is its own
    const block = /<script type="application\/json" id="ftt-inlined">([^<]*)<\/script>/.exec(page.text);
    expect(block, page.text).not.toBeNull();
    expect(page.text.match(/<script/g)).toHaveLength(2); // the module entry and the data block
    const inlined = JSON.parse(block![1]!) as { path: string; body: { items: { title: string }[] } };
    expect(inlined.path).toBe('/api/catalog/listings?inStock=true&sort=newest&limit=24');
    expect(inlined.body.items.map((l) => l.title)).toContain(SCRIPT_TITLE);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' https:\/\/js\.stripe\.com;/);

    const browser: Browser = await launchBrowser(join(root, 'test-results', 'screenshots', 'web-server'));
    const problems: string[] = [];
    const asked: string[] = [];
    browser.page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    browser.page.on('dialog', (d) => {
      problems.push(`a dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    browser.page.on('request', (r) => {
      if (r.url().includes('/api/catalog/listings?')) asked.push(r.url());
    });
    try {
      await browser.page.goto(`${url}/`);
      await browser.page.getByRole('link', { name: SCRIPT_TITLE, exact: true }).waitFor({ timeout: 20_000 });
      expect(await browser.page.evaluate('document.getElementById("ftt-inlined")')).toBeNull();
      await browser.shot('shop-with-script-title');
      expect(problems).toEqual([]);
      // the first page came with the HTML: the shop did not ask catalog for it
      expect(asked).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('when one browser guesses passwords through the server, then it alone is limited (429 with Retry-After), whatever X-Forwarded-For it sends; another browser still signs in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_MAX; i++)
      statuses.push((await attempt('127.0.0.21', `guess-${i}`, { 'x-forwarded-for': `10.9.9.${i}` })).status);
    expect(statuses).toEqual([...Array<number>(SIGN_IN_MAX).fill(401), 429]);
    const limited = await attempt('127.0.0.21', DEMO_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect((await attempt('127.0.0.22', DEMO_PASSWORD)).status).toBe(200);
  });

  it('when a person on /account downloads their data and then deletes the account (confirmed with the password), then the file holds what identity keeps about them and they cannot sign in again', async () => {
    const browser: Browser = await launchBrowser(join(root, 'test-results', 'screenshots', 'web-server'));
    const page = browser.page;
    try {
      for (const size of [PHONE, { width: 1280, height: 900 }]) {
        await page.setViewportSize(size);
        await page.goto(`${url}/account`);
        const yourData = page.getByRole('heading', { level: 2, name: 'Your data' });
        const email = page.getByRole('textbox', { name: 'Email address', exact: true });
        await email.or(yourData).first().waitFor({ timeout: 20_000 });
        if (await email.isVisible()) {
          await email.fill(carla.email);
          await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
          await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        }
        await yourData.waitFor({ timeout: 20_000 }).catch(async (err: unknown) => {
          await browser.shot(`account-failed-${size.width}`);
          throw err;
        });
        await page.getByRole('button', { name: 'Delete my account' }).click();
        await page.getByLabel('Your password, to confirm').waitFor();
        await browser.shot(`account-your-data-${size.width}`);
        expect(await auditAccessibility(page), `accessibility at ${size.width}`).toEqual([]);
        await page.getByRole('button', { name: 'Keep my account' }).click();
      }

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download my data' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^fieldtotable-my-data-\d{4}-\d{2}-\d{2}\.json$/);
      const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(file.identity).toMatchObject({
        personId: carla.userId,
        account: { name: carla.name, email: carla.email, emailVerified: true },
        person: { memberships: [{ kind: 'buyer' }] },
      });
      expect(file.identity.sessions.length).toBeGreaterThan(0);
      // orders and notifications do not run in this test: the file says so instead of failing
      expect(file.orders).toHaveProperty('unavailable');
      expect(JSON.stringify(file)).not.toMatch(/"password"|session_token/);

      await page.getByRole('button', { name: 'Delete my account' }).click();
      await page.getByLabel('Your password, to confirm').fill('not-my-password');
      await page.getByRole('button', { name: 'Yes, delete my account' }).click();
      await page.getByText('The password is wrong', { exact: false }).waitFor({ timeout: 10_000 });
      await page.getByLabel('Your password, to confirm').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Yes, delete my account' }).click();
      await page.getByText('Your account is deleted').waitFor({ timeout: 10_000 });
      await browser.shot('account-deleted');
      expect(await auditAccessibility(page)).toEqual([]);
    } finally {
      await browser.close();
    }
    const again = await fetch(`${url}/api/identity/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: carla.email, password: DEMO_PASSWORD }),
    });
    expect(again.status).toBe(401);
  });

  it('when served over TLS, then HSTS and upgrade-insecure-requests are sent and identity’s cookies get Secure', async () => {
    const app = createWebServer({
      distDir: dist,
      upstreams: {
        identity: identity.url,
        catalog: catalog.url,
        orders: catalog.url,
        logistics: catalog.url,
        notifications: catalog.url,
      },
      tls: true,
      upstreamTimeoutMs: 3000,
    });
    const tls = app.listen(0, '127.0.0.1');
    await new Promise((r) => tls.once('listening', r));
    const base = `http://127.0.0.1:${(tls.address() as AddressInfo).port}`;
    try {
      const page = await fetch(`${base}/`);
      expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(page.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
      // identity trusts the origin it was configured with (this test's other server): its answer's cookie is what counts
      const signIn = await fetch(`${base}/api/identity/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email: anna.email, password: DEMO_PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      const session = signIn.headers.getSetCookie().find((c) => c.includes('session_token'))!;
      expect(session).toMatch(/;\s*Secure/i);
      expect(session).toMatch(/HttpOnly/i);
    } finally {
      await new Promise((r) => tls.close(r));
    }
  });

  it('when identity is down, then sign-in through the server answers a clean 503 problem at once, and catalog keeps accepting the tokens identity issued', async () => {
    const s = await signInThroughServer();
    const jwt = await s.token();
    expect(
      (await get('/api/catalog/farms/mine', { headers: { authorization: `Bearer ${jwt}` } })).status,
    ).toBe(200);
    await identity.stop();
    const started = Date.now();
    const r = await get('/api/identity/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: anna.email, password: DEMO_PASSWORD }),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(json(r)).toMatchObject({
      status: 503,
      code: 'upstream.unavailable',
      detail: expect.stringMatching(/account service/),
    });
    await new Promise((res) => setTimeout(res, 1_200)); // past AUTH_JWKS_MAX_AGE_MS: catalog tries identity, and cannot
    const still = await get('/api/catalog/farms/mine', { headers: { authorization: `Bearer ${jwt}` } });
    expect(still.status, still.text).toBe(200);
  });
});
