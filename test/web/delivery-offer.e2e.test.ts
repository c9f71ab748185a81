import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv, token } from '@ftt/kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { Mailpit } from '../support/mailpit';
import { freePort, root, identityFor, startSystem } from '../support/system';
import { auditAccessibility, launchBrowser, type Browser, type Page } from '../../web/test/browser';
import { startWebApp } from '../../web/test/web-server';

/**
 * The back office's Delivery screen in headless Chromium against the services as processes: an operator reads a
 * region's offer, publishes a change (a bad cut-off is named next to its field first), and the checkout's options
 * follow. Desktop 1280x800 and phone 390x844, axe-core, no console errors.
 * Screenshots: test-results/screenshots/back-office-delivery-*.png.
 */
const DESKTOP = { width: 1280, height: 800 } as const;
const PHONE = { width: 390, height: 844 } as const;
const shots = join(root, 'test-results', 'screenshots');
const t = testEnv('deliveryoffer');
let system: Awaited<ReturnType<typeof startSystem>>;
let web: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const mail = new Mailpit(t.run);

const go = (path: string) => page.goto(`${web.url}${path}`);
const heading = (name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });
const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

const screen = async (name: string) => {
  const size = page.viewportSize()?.width === PHONE.width ? 'phone' : 'desktop';
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await browser.shot(`back-office-${name}-${size}`);
  expect(await auditAccessibility(page), `accessibility of ${name} (${size})`).toEqual([]);
  if (size === 'phone') {
    expect(
      await page.evaluate('document.documentElement.scrollWidth'),
      `${name}: no sideways scroll`,
    ).toBeLessThanOrEqual(PHONE.width);
  }
};

beforeAll(async () => {
  // All four services, as the back office shows each one's backlog and the bell asks notifications.
  await mail.start();
  const webPort = await freePort();
  system = await startSystem(t, {
    identity: identityFor(webPort),
    notifications: { ...mail.smtpEnv },
  });
  web = await startWebApp({
    port: webPort,
    catalogUrl: system.catalog.url,
    ordersUrl: system.orders.url,
    logisticsUrl: system.logistics.url,
    notificationsUrl: system.notifications!.url,
    identityUrl: system.identity!.url,
    logFile: join(root, 'test-results', 'logs', `${t.run}-web.log`),
  });
  browser = await launchBrowser(shots);
  page = browser.page;
  page.setDefaultTimeout(20_000);
  page.on('console', (m) => {
    // Chromium logs every 4xx response as a console error: the 400 (a bad cut-off) and the 409 (a stale version) the
    // test provokes are expected.
    const expected =
      (/status of 400/.test(m.text()) &&
        /\/api\/orders\/admin\/delivery\/regions\/Gelderland$/.test(m.location().url)) ||
      (/status of 409/.test(m.text()) &&
        /\/api\/orders\/admin\/delivery\/regions\/Utrecht$/.test(m.location().url));
    if (m.type() === 'error' && !expected)
      consoleErrors.push(`${page.url()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  await page.setViewportSize(DESKTOP);
}, 240_000);

let failed: string | null = null;
beforeEach((ctx) => {
  if (failed) ctx.skip(`an earlier step failed: ${failed}`);
  onTestFailed(async () => {
    failed = ctx.task.name;
    await browser?.shot('back-office-delivery-failure').catch(() => undefined);
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
  await mail.dispose();
  if (!failed) rmSync(join(shots, 'back-office-delivery-failure.png'), { force: true });
});

const options = async () =>
  (await (await fetch(`${system.orders.url}/delivery/options`)).json()) as {
    regions: { region: string; days: { day: string }[] }[];
    pickupPoints: { pickupPointId: string; feeMinor: number }[];
  };

describe("the back office's Delivery screen", () => {
  it('when an operator opens Delivery from the back office, then the first region shows its days, pickup points and zones', async () => {
    await go('/signin');
    await button(/^Sign in as Ada Operator/).click();
    await page.waitForURL((u: URL) => u.pathname === '/admin');
    await page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Delivery', exact: true })
      .click();
    await heading('Delivery').waitFor();
    await page.getByText('Version 1, published').waitFor();
    expect(await page.getByRole('group', { name: /^Delivery day \d$/ }).count()).toBe(2);
    await page.getByRole('group', { name: 'Pickup point 1: Hofwinkel De Eng' }).waitFor();
    await page.getByRole('group', { name: 'Home zone 3: Nijmegen' }).waitFor();
    await screen('delivery');
  });

  it('when the operator adds a day with a cut-off on the day itself, then the error is shown next to that field and nothing is published', async () => {
    await button('Add a delivery day').click();
    const day3 = page.getByRole('group', { name: 'Delivery day 3' });
    await day3.getByLabel('Weekday').selectOption('2');
    await day3.getByLabel('Orders close (days before)').fill('0');
    await page.getByLabel('Reason (kept in the audit trail)').fill('Tuesday round for Ede');
    await button('Publish Gelderland').click();
    await day3.getByText('the cut-off must fall before its delivery day (at least 1 day before)').waitFor();
    expect(await day3.getByLabel('Orders close (days before)').getAttribute('aria-invalid')).toBe('true');
    await page
      .getByRole('alert')
      .getByText(/cut-off must fall before its delivery day/)
      .waitFor();
    expect(
      (await options()).regions
        .find((r) => r.region === 'Gelderland')!
        .days.some((d) => new Date(`${d.day}T12:00:00Z`).getUTCDay() === 2),
    ).toBe(false);
  });

  it('when the operator fixes it, removes a pickup point and publishes, then version 2 is shown and the checkout offers Tuesdays without that point', async () => {
    const day3 = page.getByRole('group', { name: 'Delivery day 3' });
    await day3.getByLabel('Orders close (days before)').fill('1');
    await button('Remove pickup point 3').click();
    await page
      .getByLabel('Reason (kept in the audit trail)')
      .fill('Tuesday round for Ede; the Arnhem locker closes');
    await button('Publish Gelderland').click();
    await page.getByRole('status').getByText('Published version 2 of Gelderland.').waitFor();
    await page.getByText('Version 2, published').waitFor();
    const o = await options();
    expect(
      o.regions
        .find((r) => r.region === 'Gelderland')!
        .days.some((d) => new Date(`${d.day}T12:00:00Z`).getUTCDay() === 2),
    ).toBe(true);
    expect(o.pickupPoints.map((p) => p.pickupPointId)).not.toContain('pp-arnhem-kluis');
  });

  it('when the operator picks another region, then its offer is shown', async () => {
    await page.getByLabel('Region').selectOption('Utrecht');
    await page.getByRole('group', { name: 'Pickup point 1: Kluis Utrecht Centraal' }).waitFor();
  });

  it('when another operator published the region meanwhile, then publishing says so (409) and loads their version on request', async () => {
    const ada = `Bearer ${await token(t, { userId: 'user-admin-ada2', role: 'admin' })}`;
    const url = `${system.orders.url}/admin/delivery/regions/Utrecht`;
    const {
      region: _r,
      updatedAt: _u,
      updatedBy: _b,
      ...current
    } = (await (await fetch(url, { headers: { authorization: ada } })).json()) as Record<string, unknown>;
    const other = await fetch(url, {
      method: 'PUT',
      headers: { authorization: ada, 'content-type': 'application/json' },
      body: JSON.stringify({ ...current, reason: 'the other operator' }),
    });
    expect(other.status).toBe(200);
    await page.getByLabel('Reason (kept in the audit trail)').fill('my late change');
    await button('Publish Utrecht').click();
    await page
      .getByRole('alert')
      .getByText(/stored version is 2/)
      .waitFor();
    await page
      .getByText('Another operator published Utrecht after you opened it.', { exact: false })
      .waitFor();
    await button('Load the latest version').click();
    await page.getByText('Version 2, published').waitFor();
    await page.getByText(/by user-admin-ada2/).waitFor();
  });

  it('at phone size, the screen fits without sideways scrolling and passes axe', async () => {
    await page.setViewportSize(PHONE);
    await go('/admin/delivery');
    await heading('Delivery').waitFor();
    await page.getByText('Version 2, published').waitFor();
    await screen('delivery');
  });

  it('then no page logged a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
