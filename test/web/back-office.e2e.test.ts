import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPrincipal } from '@ftt/kit/testing';
import { EventProbe, eventually, testEnv, token } from '@ftt/kit/testing';
import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { buyerAddress } from '../support/actors';
import { Mailpit } from '../support/mailpit';
import { freePort, root, identityFor, startSystem } from '../support/system';
import { auditAccessibility, launchBrowser, type Browser, type Page } from '../../web/test/browser';
import { startWebApp } from '../../web/test/web-server';
import { seedCatalog } from './seed';

/**
 * The operators' back office in headless Chromium against the four services as processes: every screen at
 * desktop (1280x800) and phone (390x844) size, checked with axe-core and for console errors, and each
 * operator action (refund, replay, suspend and reinstate a farm and a partner) done through the UI.
 * Screenshots: test-results/screenshots/back-office-*.png.
 */
const DESKTOP = { width: 1280, height: 800 } as const;
const PHONE = { width: 390, height: 844 } as const;
const shots = join(root, 'test-results', 'screenshots');
const t = testEnv('backoffice');
let system: Awaited<ReturnType<typeof startSystem>>;
let web: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let page: Page;
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
const mail = new Mailpit(t.run);
const consoleErrors: string[] = [];
let paidOrderId = '';
let stuckOrderId = '';

const people: Record<string, TestPrincipal> = {
  ben: { userId: 'user-buyer-ben', role: 'buyer', name: 'Ben Jansen' },
  pia: { userId: 'user-partner-pia', role: 'logistics', name: 'Pia Koerier', region: 'Gelderland' },
  ada: { userId: 'user-admin-ada', role: 'admin', name: 'Ada Operator' },
};

const api = async (
  base: string,
  who: TestPrincipal,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const res = await fetch(base + path, {
    method,
    headers: {
      authorization: `Bearer ${await token(t, who)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
};

/** Orders learns of the listing from its event: until then it refuses the order (422), so try again. */
const placeOrder = async (quantity = 1): Promise<string> =>
  (await eventually(
    async () => {
      const r = await api(
        system.orders.url,
        people.ben!,
        'POST',
        '/orders',
        { lines: [{ listingId: seeded.eggsId, quantity }], ...buyerAddress },
        { 'idempotency-key': randomUUID() },
      );
      return r.status === 201 ? (r.body.orderId as string) : undefined;
    },
    30_000,
    300,
  )) as string;

const go = (path: string) => page.goto(`${web.url}${path}`);
const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

/** Saved as test-results/screenshots/back-office-<name>-<desktop|phone>.png and checked with axe-core (WCAG 2.1 A and AA). */
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
  await mail.start();
  const webPort = await freePort();
  system = await startSystem(t, {
    identity: identityFor(webPort),
    notifications: { ...mail.smtpEnv },
  });
  seeded = await seedCatalog(t, system.catalog.url);

  // A paid order whose shipment Pia claimed (so there is a partner), and an unpaid one left waiting for an hour.
  paidOrderId = await placeOrder(2);
  await eventually(
    async () =>
      (await api(system.orders.url, people.ben!, 'GET', `/orders/${paidOrderId}`)).body?.state ===
      'awaiting_payment',
    30_000,
  );
  expect(
    (
      await api(system.orders.url, people.ben!, 'POST', `/orders/${paidOrderId}/pay`, {
        outcome: 'succeeded',
      })
    ).status,
  ).toBe(200);
  const shipment = (await eventually(async () => {
    const r = await api(system.logistics.url, people.ada!, 'GET', `/orders/${paidOrderId}/shipments`);
    return Array.isArray(r.body) && r.body.length ? (r.body[0] as { shipmentId: string }) : undefined;
  }, 30_000)) as { shipmentId: string };
  expect(
    (await api(system.logistics.url, people.pia!, 'POST', `/shipments/${shipment.shipmentId}/claim`)).status,
  ).toBe(200);

  stuckOrderId = await placeOrder(1);
  const ordersDb = new URL(t.mongoUrl);
  ordersDb.pathname = `${ordersDb.pathname}_orders`;
  const db = await mongoose.createConnection(ordersDb.toString()).asPromise();
  await eventually(
    async () =>
      (await db.collection('orders').findOne({ _id: stuckOrderId as never }))?.state === 'awaiting_payment',
    30_000,
  );
  await db
    .collection('orders')
    .updateOne(
      { _id: stuckOrderId as never },
      { $set: { updatedAt: new Date(Date.now() - 3_600_000).toISOString() } },
    );
  await db.close();
  // More orders than one page holds (20), so the list pages.
  for (let i = 0; i < 19; i++) await placeOrder(1);

  // A message nobody can read on the orders topic: each consumer of it dead-letters it with the error.
  const probe = new EventProbe(t);
  await probe.sendRaw('ftt.orders.v1', {
    key: 'poison-order',
    value: 'this is not an event',
    headers: { ce_type: 'ftt.orders.order.placed.v1', ce_id: `poison-${t.run}` },
  });
  await probe.close();

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
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  await page.setViewportSize(DESKTOP);
}, 240_000);

let failed: string | null = null;
beforeEach((ctx) => {
  if (failed) ctx.skip(`an earlier step failed: ${failed}`);
  onTestFailed(async () => {
    failed = ctx.task.name;
    await browser?.shot('back-office-failure').catch(() => undefined);
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
  await mail.dispose();
  if (!failed) rmSync(join(shots, 'back-office-failure.png'), { force: true });
});

describe("the operators' back office", () => {
  it('when an operator signs in, then they land on the back office, and the shop and "my orders" lead there too', async () => {
    await go('/signin');
    await button(/^Sign in as Ada Operator/).click();
    await page.waitForURL((u: URL) => u.pathname === '/admin');
    await heading('Back office').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Back office', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'Browse', exact: true }).count()).toBe(0);
    await go('/');
    await page.waitForURL((u: URL) => u.pathname === '/admin');
    await go('/orders');
    await page.waitForURL((u: URL) => u.pathname === '/admin/orders');
    await go('/partner');
    await heading('Shipments').waitFor();
    await page.getByText('Enter a region to see its open shipments.').waitFor();
    expect(await page.getByText('Something went wrong').count()).toBe(0);
  });

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    describe(`at ${size} size`, () => {
      beforeAll(async () => {
        await page?.setViewportSize(viewport);
      });

      it('when the overview opens, then every service shows its outbox backlog and consumer lag, refreshed without a reload', async () => {
        await go('/admin');
        await heading('Back office').waitFor();
        for (const s of ['catalog', 'orders', 'logistics', 'notifications'])
          await page.getByRole('rowheader', { name: s }).waitFor();
        expect(await page.getByText('unavailable').count()).toBe(0);
        const lagCalls: string[] = [];
        const onRequest = (r: { url: () => string }) => {
          if (r.url().includes('/admin/lag')) lagCalls.push(r.url());
        };
        page.on('request', onRequest);
        await expect.poll(() => lagCalls.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
        page.off('request', onRequest);
        await screen('overview');
      });

      it('when the operator filters, searches and pages the orders, then the list follows', async () => {
        await go('/admin/orders');
        await heading('Orders').waitFor();
        const rows = page.getByRole('region', { name: 'Orders' }).getByRole('row');
        await expect.poll(() => rows.count()).toBe(21); // a header and a page of 20
        await screen('orders');
        await button('Next page').click();
        await expect.poll(() => rows.count()).toBe(2); // the 21st order
        await button('First page').click();
        await page.getByLabel('State').selectOption('confirmed');
        await expect.poll(() => rows.count()).toBe(2);
        await page.getByRole('link', { name: new RegExp(paidOrderId) }).waitFor();
        await page.getByLabel('State').selectOption('');
        await page.getByLabel('Search by').selectOption('orderId');
        await page.getByLabel('Search', { exact: true }).fill(stuckOrderId.slice(0, 10));
        await button('Search').click();
        await page.getByRole('link', { name: new RegExp(stuckOrderId) }).waitFor();
        await expect.poll(() => rows.count()).toBe(2);
      });

      it("when the operator opens an order, then the three services' steps come in time order with who, when and the trace id", async () => {
        await go(`/admin/orders/${paidOrderId}`);
        await heading(`Order ${paidOrderId.slice(0, 8)}`).waitFor();
        const saga = page.getByRole('region', { name: 'Saga timeline' });
        for (const type of [
          'order.placed',
          'order.confirmed',
          'reservation.opened',
          'shipment.created',
          'shipment.assigned',
        ]) {
          await saga.getByText(type, { exact: true }).first().waitFor();
        }
        await saga.getByRole('cell', { name: 'partner user-partner-pia' }).first().waitFor();
        const times = await saga
          .locator('time')
          .evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
        expect(times).toEqual([...times].sort());
        expect(await saga.getByText(/^[0-9a-f]{32}$/).count()).toBeGreaterThan(0);
        if (size === 'desktop') {
          await page.getByLabel(/^Amount in EUR/).fill('1.00');
          await page.getByLabel('Reason (kept in the audit trail)').fill('Two eggs arrived broken');
          await button('Refund').click();
          await page.getByText('Two eggs arrived broken').first().waitFor();
          await saga.getByText('admin.order.refund', { exact: true }).waitFor();
        }
        await screen('order');
      });

      it('when an order has not changed for longer than the bound, then it is listed as stuck', async () => {
        await go('/admin/stuck');
        await heading('Stuck orders').waitFor();
        await page.getByRole('link', { name: new RegExp(stuckOrderId) }).waitFor();
        await screen('stuck');
        await page.getByLabel('Unchanged for more than (minutes)').fill('600');
        await button('Show').click();
        await page.getByText('No order has been waiting longer than 600 minutes.').waitFor();
      });

      it('when a service dead-lettered a message, then it shows with its error, and a replay is sent and audited', async () => {
        await go('/admin/dead-letters');
        await heading('Dead letters').waitFor();
        const catalogLetters = page.getByRole('list', { name: 'Dead letters of catalog' });
        await catalogLetters
          .getByText(/not|invalid|JSON/i)
          .first()
          .waitFor({ timeout: 30_000 });
        await page.getByRole('list', { name: 'Dead letters of logistics' }).waitFor({ timeout: 30_000 });
        await page.getByRole('list', { name: 'Dead letters of notifications' }).waitFor({ timeout: 30_000 });
        if (size === 'desktop') {
          await catalogLetters
            .getByRole('button', { name: /^Replay/ })
            .first()
            .click();
          await page.getByLabel('Why replay it (what was fixed)').fill('Checking the replay path');
          await button('Replay now').click();
          await page.getByText(/^Replayed .* to ftt\.orders\.v1\.$/).waitFor();
          const all = await api(system.catalog.url, people.ada!, 'GET', '/admin/audit');
          expect(all.body.items[0]).toMatchObject({
            action: 'dead_letter.replay',
            reason: 'Checking the replay path',
            actor: { userId: 'user-admin-ada' },
          });
        }
        await screen('dead-letters');
      });

      it('when the operator suspends a farm, then its listings leave search until it is reinstated', async () => {
        await go('/admin/farms');
        await heading('Farms').waitFor();
        await page.getByRole('heading', { name: 'Kippenhof Visser' }).waitFor();
        await screen('farms');
        await button('Suspend Kippenhof Visser…').click();
        await page.getByLabel('Reason (kept in the audit trail)').fill(`Hygiene inspection (${size})`);
        await button('Suspend Kippenhof Visser').click();
        await page.getByText(`Hygiene inspection (${size})`).waitFor();
        const search = async () =>
          (
            (await (await fetch(`${system.catalog.url}/listings?q=Free-range`)).json()) as {
              items: unknown[];
            }
          ).items.length;
        expect(await search()).toBe(0);
        await button('Reinstate Kippenhof Visser…').click();
        await page.getByLabel('Reason (kept in the audit trail)').fill('Inspection passed');
        await button('Reinstate Kippenhof Visser').click();
        await button('Suspend Kippenhof Visser…').waitFor();
        expect(await search()).toBe(1);
      });

      it('when the operator suspends a partner, then the partner shows as suspended until reinstated', async () => {
        await go('/admin/partners');
        await heading('Partners').waitFor();
        await page.getByRole('heading', { name: 'Pia Koerier' }).waitFor();
        await button('Suspend Pia Koerier…').click();
        await page.getByLabel('Reason (kept in the audit trail)').fill(`Missed pickups (${size})`);
        await button('Suspend Pia Koerier').click();
        await page.getByText(`Missed pickups (${size})`).waitFor();
        await screen('partners');
        await button('Reinstate Pia Koerier…').click();
        await page.getByLabel('Reason (kept in the audit trail)').fill('Talked it through');
        await button('Reinstate Pia Koerier').click();
        await button('Suspend Pia Koerier…').waitFor();
      });
    });
  }

  it('when the whole back office was used, then the browser logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
