import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv, token } from '@ftt/kit/testing';
import { afterAll, beforeAll, beforeEach, expect, onTestFailed } from 'vitest';
import { Mailpit } from '../support/mailpit';
import { freePort, root, identityFor, startSystem } from '../support/system';
import { auditAccessibility, launchBrowser, type Browser, type Page } from '../../web/test/browser';
import { startWebApp } from '../../web/test/web-server';

/**
 * The browser suites' one set-up: the services as processes (with a mailpit of the run's own), the web app as it
 * ships, headless Chromium, and sign-in by persona. Each suite used to repeat these blocks; `useWebHarness` registers
 * the hooks (start, stop, skip the rest after a failed step) and returns the handles once `beforeAll` has run.
 */
export const DESKTOP = { width: 1280, height: 800 } as const;

/** Signs out the way a person does: the header's account menu (their name), then "Sign out"; the shop opens. */
export const signOutOf = async (page: Page) => {
  await page.getByRole('button', { name: /your places and account/ }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL((u: URL) => u.pathname === '/');
  // done when the header offers sign-in again (the shop may have been open already: the address says nothing)
  await page.locator('header').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
};
export const PHONE = { width: 390, height: 844 } as const;

export type Who = { userId: string; role: 'buyer' | 'farmer' | 'logistics' | 'admin'; region?: string };
export const personas = {
  ben: { userId: 'user-buyer-ben', role: 'buyer' },
  carla: { userId: 'user-buyer-carla', role: 'buyer' },
  anna: { userId: 'user-farmer-anna', role: 'farmer' },
  lena: { userId: 'user-farmer-lena', role: 'farmer' },
  pia: { userId: 'user-partner-pia', role: 'logistics', region: 'Gelderland' },
  ada: { userId: 'user-admin-ada', role: 'admin' },
} as const satisfies Record<string, Who>;

export interface WebHarnessOptions {
  /** Extra variables per service; notifications always runs, against the harness's own mailpit. */
  env?: Partial<Record<'catalog' | 'orders' | 'logistics' | 'notifications' | 'identity', Record<string, string>>>;
  /** Runs after the services are up and before the web app is built (seed data, wait for projections). */
  seed?: (h: Pick<WebHarness, 't' | 'system' | 'api'>) => Promise<void>;
  /** Console errors that a suite provokes on purpose or that belong to another issue: (text, source url). */
  tolerate?: (text: string, url: string) => boolean;
  /** Skip the remaining steps once one fails (default), for suites whose steps build on each other. */
  stopAfterFailure?: boolean;
}

/** A layout problem at phone size: the page is wider than the viewport because of `widest`. */
export interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  widest: string | null;
}

/**
 * Whether anything sticks out of the viewport sideways, and if so the element that sticks out furthest
 * (the deepest one of that width, so the report names the cause rather than its containers).
 */
export const overflowOf = (page: Page): Promise<Overflow> =>
  page.evaluate(`(() => {
    const vw = window.innerWidth;
    let widest = null;
    let right = vw + 0.5;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      // ties go to the later element in document order, the deeper one: the cause, not its containers
      if (r.width === 0 || r.right < right) continue;
      // an element inside a container that scrolls sideways (tables in .table-wrap) is meant to be wider
      let p = el.parentElement, clipped = false;
      while (p && p !== document.body) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') { clipped = true; break; }
        p = p.parentElement;
      }
      if (clipped) continue;
      right = r.right;
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      widest = el.tagName.toLowerCase() + cls + ' (right edge ' + Math.round(r.right) + ' px): ' + (el.textContent || '').trim().slice(0, 60);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, widest };
  })()`);

export interface WebHarness {
  t: ReturnType<typeof testEnv>;
  mail: Mailpit;
  system: Awaited<ReturnType<typeof startSystem>>;
  web: Awaited<ReturnType<typeof startWebApp>>;
  browser: Browser;
  page: Page;
  consoleErrors: string[];
  /** Every screen `screen()` checked at phone width, with what it found (the layout report). */
  layout: { name: string; overflow: Overflow }[];
  go: (path: string) => Promise<unknown>;
  heading: (name: string | RegExp) => ReturnType<Page['getByRole']>;
  button: (name: string | RegExp) => ReturnType<Page['getByRole']>;
  size: (v: { width: number; height: number }) => Promise<void>;
  signInAs: (name: string) => Promise<void>;
  signOut: () => Promise<void>;
  api: <T = Record<string, unknown>>(
    who: Who | null,
    base: string,
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: T }>;
  /** Screenshot to test-results/screenshots/<suite>/<name>.png, axe finds nothing, and at phone width nothing overflows. */
  screen: (name: string) => Promise<string>;
}

export const useWebHarness = (suite: string, o: WebHarnessOptions = {}): WebHarness => {
  const t = testEnv(suite);
  const mail = new Mailpit(t.run);
  const shots = join(root, 'test-results', 'screenshots', suite);
  const h = { t, mail, consoleErrors: [], layout: [] } as unknown as WebHarness;

  h.api = async <T>(who: Who | null, base: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(who ? { authorization: `Bearer ${await token(t, who)}` } : {}),
        'idempotency-key': `${suite}-${Math.random()}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
  };
  h.go = (path) => h.page.goto(`${h.web.url}${path}`);
  h.heading = (name) => h.page.getByRole('heading', { level: 1, name });
  h.button = (name) => h.page.getByRole('button', { name, exact: typeof name === 'string' });
  h.size = (v) => h.page.setViewportSize(v);
  h.signOut = () => signOutOf(h.page);
  // Signing in again switches the account: no sign-out first.
  h.signInAs = async (name) => {
    await h.go('/signin');
    await h.button(new RegExp(`^Sign in as ${name}`)).click();
    await h.page.waitForURL((u: URL) => !u.pathname.startsWith('/signin'));
  };
  h.screen = async (name) => {
    const path = await h.browser.shot(name);
    expect(await auditAccessibility(h.page), `accessibility of ${name}`).toEqual([]);
    const vw = h.page.viewportSize()?.width ?? 0;
    if (vw <= PHONE.width) {
      const overflow = await overflowOf(h.page);
      h.layout.push({ name, overflow });
      expect(overflow.scrollWidth, `${name} is wider than the phone: ${overflow.widest}`).toBeLessThanOrEqual(
        overflow.innerWidth,
      );
    }
    return path;
  };

  beforeAll(async () => {
    await mail.start();
    const webPort = await freePort();
    h.system = await startSystem(t, {
      ...o.env,
      // identity's mails (verification, reset, invitations) go to the run's own mailpit too
      identity: { ...identityFor(webPort), ...mail.smtpEnv, ...o.env?.identity },
      // catalog's links back to the web app (Stripe Connect onboarding returns to the farm page)
      catalog: { APP_URL: `http://127.0.0.1:${webPort}`, ...o.env?.catalog },
      notifications: { ...mail.smtpEnv, ...o.env?.notifications },
    });
    await o.seed?.(h);
    h.web = await startWebApp({
      port: webPort,
      catalogUrl: h.system.catalog.url,
      ordersUrl: h.system.orders.url,
      logisticsUrl: h.system.logistics.url,
      notificationsUrl: h.system.notifications!.url,
      identityUrl: h.system.identity!.url,
      logFile: join(root, 'test-results', 'logs', `${t.run}-${suite}.log`),
    });
    mkdirSync(shots, { recursive: true });
    h.browser = await launchBrowser(shots);
    h.page = h.browser.page;
    h.page.setDefaultTimeout(15_000);
    await h.page.setViewportSize(DESKTOP);
    h.page.on('console', (m) => {
      const where = m.location().url;
      if (m.type() === 'error' && !o.tolerate?.(m.text(), where))
        h.consoleErrors.push(`${m.text()} (${where})`);
    });
    h.page.on('pageerror', (e) => h.consoleErrors.push(`page error: ${e.message}`));
  });

  let failed: string | null = null;
  beforeEach((ctx) => {
    if (failed && o.stopAfterFailure !== false) ctx.skip(`an earlier step failed: ${failed}`);
    onTestFailed(async () => {
      failed = ctx.task.name;
      // one shot per failed step, named after it (what the screen showed when the step failed)
      const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await h.browser?.shot(`failed-${name}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await h.browser?.close();
    await h.web?.stop();
    await h.system?.stop();
    await mail.dispose();
  });
  return h;
};
