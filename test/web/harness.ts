import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv, token } from '@ftt/kit/testing';
import { afterAll, beforeAll, beforeEach, expect, onTestFailed } from 'vitest';
import { Mailpit } from '../support/mailpit';
import { freePort, root, identityFor, startSystem } from '../support/system';
import {
  auditAccessibility,
  launchBrowser,
  layoutChecks,
  overflowOf,
  type Browser,
  type Overflow,
  type Page,
} from '../../web/test/browser';

export { overflowOf, type Overflow };
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
  /** More Chromium switches (a fake camera: `--use-file-for-fake-video-capture=<file>`); the file may be written by `seed`. */
  browserArgs?: readonly string[];
  /** The app's service worker: blocked unless a suite tests it (web/test/browser.ts). */
  serviceWorkers?: 'allow' | 'block';
  /** Skip the remaining steps once one fails (default), for suites whose steps build on each other. */
  stopAfterFailure?: boolean;
  /** The folder of the screenshots under test-results/screenshots (default: the suite's name; '' for that folder itself). */
  screenshots?: string;
}

export interface WebHarness {
  t: ReturnType<typeof testEnv>;
  mail: Mailpit;
  system: Awaited<ReturnType<typeof startSystem>>;
  web: Awaited<ReturnType<typeof startWebApp>>;
  browser: Browser;
  page: Page;
  consoleErrors: string[];
  /** Nothing was logged as an error in the browser; when something was, the failure lists each line of it. */
  expectNoConsoleErrors: () => void;
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
  const shots = join(root, 'test-results', 'screenshots', o.screenshots ?? suite);
  const h = { t, mail, consoleErrors: [], layout: [] } as unknown as WebHarness;
  h.expectNoConsoleErrors = () =>
    expect(h.consoleErrors, `the browser logged errors:\n${h.consoleErrors.join('\n')}`).toEqual([]);

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
    // the shot checks the layout at phone width (web/test/browser.ts) and fails naming what sticks out
    const path = await h.browser.shot(name);
    const checked = layoutChecks.at(-1);
    if (checked?.name === name) h.layout.push(checked);
    expect(await auditAccessibility(h.page), `accessibility of ${name}`).toEqual([]);
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
      // where box labels' QR codes point (issue #33): the web app's box trace page
      logistics: { APP_URL: `http://127.0.0.1:${webPort}`, ...o.env?.logistics },
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
    h.browser = await launchBrowser(shots, { args: o.browserArgs ?? [], serviceWorkers: o.serviceWorkers ?? 'block' });
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
