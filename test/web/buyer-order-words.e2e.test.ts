import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { TestPrincipal } from '@ftt/kit/testing';
import { eventually, testEnv, token } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyerAddress } from '../support/actors';
import { freePort, root, identityFor, startSystem } from '../support/system';
import { auditAccessibility, launchBrowser, type Browser, type Page } from '../../web/test/browser';
import { startWebApp } from '../../web/test/web-server';
import { seedCatalog } from './seed';

/**
 * What a buyer reads on their order after an operator's refund (issue 27, issue 29 finding 7), in headless Chromium
 * against the services as processes: the timeline is worded for the buyer from kinds and parameters (no operator id,
 * no internal reason, no provider id), and the order says what came back and what the buyer paid in the end.
 */
const t = testEnv('web-order-words');
const shots = join(root, 'test-results', 'screenshots', 'order-words');
let system: Awaited<ReturnType<typeof startSystem>>;
let web: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let page: Page;
let orderId = '';
const REASON = 'crate 4 bruised, see supplier complaint #88';

const ben: TestPrincipal = { userId: 'user-buyer-ben', role: 'buyer', name: 'Ben Jansen' };
const ada: TestPrincipal = { userId: 'user-admin-ada', role: 'admin', name: 'Ada Operator' };

const api = async (
  who: TestPrincipal,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const res = await fetch(system.orders.url + path, {
    method,
    headers: {
      authorization: `Bearer ${await token(t, who)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
};

beforeAll(async () => {
  const webPort = await freePort();
  system = await startSystem(t, { identity: identityFor(webPort) });
  const seeded = await seedCatalog(t, system.catalog.url);
  // orders learns of the listing from catalog's event: until then it refuses the order
  orderId = (await eventually(
    async () => {
      const r = await api(
        ben,
        'POST',
        '/orders',
        { lines: [{ listingId: seeded.eggsId, quantity: 2 }], ...buyerAddress },
        {
          'idempotency-key': randomUUID(),
        },
      );
      return r.status === 201 ? (r.body.orderId as string) : undefined;
    },
    30_000,
    300,
  )) as string;
  await eventually(
    async () => (await api(ben, 'GET', `/orders/${orderId}`)).body.state === 'awaiting_payment',
    30_000,
  );
  expect((await api(ben, 'POST', `/orders/${orderId}/pay`, { outcome: 'succeeded' })).status).toBe(200);
  const refund = await api(ada, 'POST', `/admin/orders/${orderId}/refunds`, {
    amountMinor: 150,
    reason: REASON,
  });
  expect(refund.status).toBe(201);

  web = await startWebApp({
    port: webPort,
    catalogUrl: system.catalog.url,
    ordersUrl: system.orders.url,
    logisticsUrl: system.logistics.url,
    identityUrl: system.identity!.url,
    logFile: join(root, 'test-results', 'logs', `${t.run}-web-order-words.log`),
  });
  browser = await launchBrowser(shots);
  page = browser.page;
  page.setDefaultTimeout(20_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

describe("the buyer's order after an operator's refund", () => {
  it('when an operator refunded part of a paid order, then the buyer reads the refund in their words (no operator id, no reason, no provider id) and what they paid in the end', async () => {
    const view = await api(ben, 'GET', `/orders/${orderId}`);
    const total = (view.body.totals as { total: { amount: number } }).total.amount;
    const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;

    await page.goto(`${web.url}/signin`);
    await page.getByRole('button', { name: /^Sign in as Ben/ }).click();
    await page.waitForURL((u: URL) => !u.pathname.startsWith('/signin'));
    await page.goto(`${web.url}/orders/${orderId}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('€1.50 refunded to you').waitFor({ timeout: 30_000 });
    const text = await timeline.innerText();
    expect(text).toContain('Our support team is refunding €1.50 to you');
    expect(text).toContain('Payment received');
    expect(text).not.toMatch(/user-admin-ada|bruised|#88|operator refund|\bre_|pi_|sim_/i);

    const summary = page.locator('dl.refund-summary');
    expect(await summary.locator('dt').allInnerTexts()).toEqual(['Refunded to you', 'You paid in the end']);
    expect(await summary.locator('dd').allInnerTexts()).toEqual([euros(150), euros(total - 150)]);
    await browser.shot('buyer-order-after-operator-refund');
    expect(await auditAccessibility(page)).toEqual([]);
  });
});
