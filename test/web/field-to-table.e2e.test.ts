import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, testEnv, token } from '@ftt/kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { Mailpit } from '../support/mailpit';
import { freePort, root, identityFor, startSystem } from '../support/system';
import {
  auditAccessibility,
  DESKTOP,
  launchBrowser,
  PHONE,
  type Browser,
  type Page,
} from '../../web/test/browser';
import { startWebApp } from '../../web/test/web-server';
import { seedFarms } from '../../services/catalog/scripts/seed-data';
import { PHOTOS } from '../../web/src/lib/photos';
import { signOutOf } from './harness';
import { seedCatalog } from './seed';

/**
 * The web app in real headless Chromium against the three services as processes: a farmer lists
 * produce, a buyer orders it from two farms and pays, a partner delivers both boxes on a phone,
 * and the buyer follows it to the field it came from. Screenshots: test-results/screenshots/.
 */
const screenshots = join(root, 'test-results', 'screenshots');
const t = testEnv('web');
let system: Awaited<ReturnType<typeof startSystem>>;
let web: Awaited<ReturnType<typeof startWebApp>>;
let browser: Browser;
let page: Page;
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
const mail = new Mailpit(t.run);
let orderId = '';
const trackingCodes: string[] = [];

const go = (path: string) => page.goto(`${web.url}${path}`);
const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

const signInAs = async (name: string) => {
  await go('/signin');
  await button(new RegExp(`^Sign in as ${name}`)).click();
  await page.waitForURL((u: URL) => !u.pathname.startsWith('/signin'));
};

/** Each main screen is saved as a screenshot and checked with axe-core (WCAG 2.1 A and AA). */
const screen = async (name: string) => {
  await browser.shot(name);
  expect(await auditAccessibility(page), `accessibility of ${name}`).toEqual([]);
};

/** At phone width nothing may scroll sideways. */
const expectNoSidewaysScroll = async () => {
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
};

beforeAll(async () => {
  rmSync(join(screenshots, 'failure.png'), { force: true });
  await mail.start();
  const webPort = await freePort();
  system = await startSystem(t, {
    identity: identityFor(webPort),
    notifications: { ...mail.smtpEnv, DIGEST_WINDOW_MS: '2000', TRACKING_WAIT_MS: '10000' },
  });
  seeded = await seedCatalog(t, system.catalog.url);
  web = await startWebApp({
    port: webPort,
    catalogUrl: system.catalog.url,
    ordersUrl: system.orders.url,
    logisticsUrl: system.logistics.url,
    notificationsUrl: system.notifications!.url,
    identityUrl: system.identity!.url,
    logFile: join(root, 'test-results', 'logs', `${t.run}-web.log`),
  });
  browser = await launchBrowser(screenshots);
  page = browser.page;
  page.setDefaultTimeout(15_000);
});

// The steps build on each other: after a failure, keep its screenshot and skip the rest.
let failed: string | null = null;
beforeEach((ctx) => {
  if (failed) ctx.skip(`an earlier step failed: ${failed}`);
  onTestFailed(async () => {
    failed = ctx.task.name;
    await browser?.shot('failure').catch(() => undefined);
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
  await mail.dispose();
});

describe('web app, from the field to the table', () => {
  it('when a page has nothing to show or its data cannot be found, then it says so', async () => {
    await signInAs('Carla Smit');
    await page.getByRole('link', { name: 'My orders', exact: true }).click();
    await page.getByText('You have not ordered anything yet.').waitFor();
    await screen('empty-orders');
    await go('/orders/no-such-order');
    await page.getByRole('alert').getByText('Something went wrong.').waitFor();
    await button('Try again').waitFor();
    await screen('error-order-not-found');
    await go('/farmer');
    await heading('Please sign in').waitFor();
    await signOutOf(page);
    await go('/cart');
    await page.getByText('Your cart is empty.').waitFor();
    await go('/signin');
    await screen('sign-in');
  });

  it('when the demo data names a produce photo, then the web app serves its illustration', async () => {
    const seeded = seedFarms(new Date().getFullYear()).flatMap((f) => f.produce.map((p) => p.produce));
    expect(seeded.length).toBeGreaterThan(0);
    // The listing form offers PHOTOS: each must exist too.
    const names = [...new Set([...seeded, ...PHOTOS, 'placeholder'])];
    for (const name of names) {
      expect(
        existsSync(join(root, 'web', 'public', 'photos', `${name}.svg`)),
        `web/public/photos/${name}.svg`,
      ).toBe(true);
      const res = await fetch(`${web.url}/photos/${name}.svg`);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    }
  });

  it('when a farmer signs in and creates a listing with its lot, then it is published with its stock', async () => {
    await signInAs('Anna de Vries');
    await expect.poll(() => page.url()).toContain('/farmer');
    await heading('De Groene Hoeve').waitFor();
    await page.getByText('No listings yet.').waitFor();
    await screen('farmer-farm-empty');

    await page.getByRole('link', { name: 'New listing', exact: true }).first().click();
    await heading('New listing').waitFor();
    await page.getByLabel('Title').fill('Heirloom tomatoes');
    await page.getByLabel('Category').selectOption('vegetables');
    await page.getByLabel('Unit', { exact: true }).selectOption('kg');
    await page.getByLabel('Description').fill('Ripe on the vine, picked this morning.');
    await page.getByLabel('Price per unit (€)').fill('4.50');
    await page.getByLabel('Stock to sell').fill('40');
    await page.getByLabel('Photo', { exact: true }).selectOption('/photos/tomatoes.svg');
    await page.getByLabel('Field', { exact: true }).fill('Greenhouse 2');
    await page.getByLabel('Lot size').fill('120');
    await page.getByLabel('Minimum °C').fill('4');
    await page.getByLabel('Maximum °C').fill('12');
    await screen('farmer-new-listing');
    await button('Create listing').click();

    await page.waitForURL(/\/farmer\/listings\/[^/]+$/);
    await heading('Edit: Heirloom tomatoes').waitFor();
    await button('Publish Heirloom tomatoes').click();
    await page.getByRole('heading', { name: 'Status: Published' }).waitFor();

    await page
      .getByLabel('Description')
      .fill('Ripe on the vine, picked this morning. Brandywine and Black Krim.');
    await button('Save changes').click();
    await page.getByText('Saved.').waitFor();
    await button('Pause Heirloom tomatoes').click();
    await page.getByRole('heading', { name: 'Status: Paused' }).waitFor();
    await button('Resume Heirloom tomatoes').click();
    await page.getByRole('heading', { name: 'Status: Published' }).waitFor();

    await page.getByLabel('Adjustment').selectOption('restock');
    await page.getByLabel('Quantity', { exact: true }).fill('10');
    await page.getByLabel('Reason').fill('Second picking');
    await button('Apply adjustment').click();
    await page.getByText(/Restock 10 — Second picking/).waitFor();
    await expect.poll(() => page.locator('.facts').last().innerText()).toContain('50 kg');
    await screen('farmer-listing-published');

    await page.getByRole('link', { name: 'Back to your farm', exact: true }).click();
    await page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).waitFor();
    await expect(page.getByText('Published').first().isVisible()).resolves.toBe(true);
    await screen('farmer-farm');
  });

  it('when a buyer browses, fills a cart from two farms and pays, then the order is confirmed with its value split', async () => {
    await signOutOf(page);
    await signInAs('Ben Jansen');
    await heading('Fresh from the farm').waitFor();
    await page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).waitFor();
    await screen('buyer-browse');

    await page.getByLabel('Category').selectOption('eggs');
    await expect
      .poll(() => page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).count())
      .toBe(0);
    await page.getByRole('link', { name: 'Free-range eggs', exact: true }).waitFor();
    await page.getByLabel('Quantity (dozen) of Free-range eggs').fill('2');
    await button('Add to cart: Free-range eggs').click();
    await page.getByText('Added · 2 in cart').waitFor();

    await page.getByLabel('Category').selectOption('');
    await page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).click();
    await heading('Heirloom tomatoes').waitFor();
    await page.getByText('Greenhouse 2').waitFor();
    await page.getByLabel('Quantity (kg) of Heirloom tomatoes').fill('3');
    await button('Add to cart: Heirloom tomatoes').click();
    await screen('buyer-listing');

    await page.getByRole('link', { name: 'De Groene Hoeve', exact: true }).first().click();
    await heading('De Groene Hoeve').waitFor();
    await page.getByText('EU Organic').waitFor();
    await screen('buyer-farm');
    await go(`/farms/${seeded.lenaFarmId}`);
    await heading('Kippenhof Visser').waitFor();
    await page.getByText('No certifications on record.').waitFor();

    await page.getByRole('link', { name: /^Cart/ }).click();
    await heading('Your cart').waitFor();
    await page.getByRole('heading', { name: 'From De Groene Hoeve' }).waitFor();
    await page.getByRole('heading', { name: 'From Kippenhof Visser' }).waitFor();
    await page.getByLabel('Street and number').fill('Oudegracht 101');
    await page.getByLabel('Postal code', { exact: true }).fill('3511 AH');
    await page.getByLabel('City').fill('Utrecht');
    // this journey ships by courier per farm: once the postcode's options are in, the checkout starts on the cheaper
    // delivery day of the zone, and the buyer switches to the courier
    await expect
      .poll(() => page.getByRole('radio', { name: /^Home delivery in / }).isChecked(), { timeout: 10_000 })
      .toBe(true);
    await page.getByRole('radio', { name: /^Courier to my address/ }).check();
    await page.getByLabel('Phone (optional)').fill('+31 6 1234 5678');
    await screen('buyer-cart');

    // The orders service learns of a new listing from its event; until then it refuses the order
    // and the same cart is submitted again (with the same idempotency key).
    const deadline = Date.now() + 30_000;
    for (;;) {
      await button('Place order').click();
      const outcome = await Promise.race([
        page.waitForURL(/\/orders\/[^/]+$/, { timeout: 5_000 }).then(() => 'placed'),
        page
          .getByRole('alert')
          .waitFor({ timeout: 5_000 })
          .then(() => 'refused'),
      ]).catch(() => 'waiting');
      if (outcome === 'placed') break;
      if (Date.now() > deadline)
        throw new Error(
          `the order was not placed: ${await page
            .getByRole('alert')
            .innerText()
            .catch(() => '?')}`,
        );
      await page.waitForTimeout(1000);
    }
    orderId = page.url().split('/').pop()!;

    await page.getByRole('heading', { name: 'Simulated payment (demo)' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Where your money goes' }).waitFor();
    await screen('buyer-order-awaiting-payment');
    await button('Pay now (simulated)').click();
    await page.getByText('Paid and confirmed').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Delivery tracking' }).waitFor();
    await screen('buyer-order-confirmed');
  });

  it('when the order is paid, then the farmer finds it in the packing list with its lot', async () => {
    await signOutOf(page);
    await signInAs('Anna de Vries');
    await page.getByRole('link', { name: 'Orders to pack', exact: true }).click();
    await heading('Incoming orders').waitFor();
    const packing = page.getByRole('region', { name: 'To pack now' });
    await packing.getByRole('rowheader', { name: 'Heirloom tomatoes' }).waitFor();
    await expect(packing.getByRole('cell', { name: '3 kg' }).count()).resolves.toBe(1);
    await screen('farmer-orders-to-pack');
  });

  it("when Anna's packer signs in, then the packing list is theirs to see, and listings, prices and payouts are not theirs to change", async () => {
    await signOutOf(page);
    await signInAs('Piet Pakker');
    await page.getByRole('link', { name: 'Orders to pack', exact: true }).click();
    await heading('Incoming orders').waitFor();
    const packing = page.getByRole('region', { name: 'To pack now' });
    await packing.getByRole('rowheader', { name: 'Heirloom tomatoes' }).waitFor();
    expect(await page.getByRole('link', { name: 'Payouts', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'My farm', exact: true }).click();
    await page.getByText('You pack for this farm').waitFor();
    expect(await page.getByRole('link', { name: 'New listing' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Edit / }).count()).toBe(0);
    expect(await page.getByText('Edit farm profile').count()).toBe(0);
    await screen('packer-farm');
  });

  it('when a partner claims both boxes and records each step on a phone, then they are delivered with proof', async () => {
    await page.setViewportSize(PHONE);
    await signOutOf(page);
    await signInAs('Pia Koerier');
    await heading('Shipments').waitFor();
    await expect
      .poll(
        async () => {
          await page.reload();
          // Count once the list has loaded: either the open shipments or the empty state.
          await page
            .getByText(/^No open shipments|^Ready since/)
            .first()
            .waitFor();
          return page.getByRole('button', { name: /^Claim shipment/ }).count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(2);
    await expectNoSidewaysScroll();
    await screen('partner-open-shipments-phone');

    for (let i = 0; i < 2; i++) {
      await go('/partner');
      await page
        .getByRole('button', { name: /^Claim shipment/ })
        .first()
        .click();
      await page.waitForURL(/\/partner\/shipments\//);
      await button('Picked up').click();
      await page.getByRole('form', { name: 'Record a checkpoint' }).waitFor();
      await page.getByLabel('Place', { exact: true }).fill('Distribution hub Ede');
      await page.getByLabel('Temperature (°C)').fill('6');
      if (i === 0) await screen('partner-checkpoint-phone');
      await button('Save checkpoint').click();
      await page.getByText('Distribution hub Ede').last().waitFor();
      await button('Out for delivery').click();
      await page.getByRole('form', { name: 'Hand it over' }).waitFor();
      trackingCodes.push((await page.locator('code', { hasText: /^FTT-/ }).innerText()).trim());
      await page.getByLabel('Proof reference').fill(`SIG-${1000 + i}`);
      if (i === 0) await screen('partner-deliver-phone');
      await expectNoSidewaysScroll();
      await button('Delivered').click();
      await page.getByText('Delivered. Thank you!').waitFor();
      await page.getByRole('heading', { name: 'Proof of delivery' }).waitFor();
      if (i === 0) await screen('partner-delivered-phone');
    }
  });

  it('when every box is delivered, then the buyer sees the completed order, its tracking and where the food came from', async () => {
    await page.setViewportSize(DESKTOP);
    await signOutOf(page);
    await signInAs('Ben Jansen');
    await page.getByRole('link', { name: 'My orders', exact: true }).click();
    await heading('My orders').waitFor();
    await screen('buyer-orders');

    await go(`/orders/${orderId}`);
    await page.getByText('Delivered. Enjoy your food!').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByText('Delivered in Utrecht').count(), { timeout: 20_000 }).toBe(2);
    await screen('buyer-order-completed');

    await page.getByRole('link', { name: 'Where did my food come from?', exact: true }).click();
    await heading('Where did my food come from?').waitFor();
    await page.getByText('Greenhouse 2').waitFor();
    await page.getByText('Hen house 1').waitFor();
    await expect(
      page
        .getByRole('img', {
          name: /De Groene Hoeve's share of the produce price: \d+(\.\d)? percent/,
        })
        .count(),
    ).resolves.toBe(1);
    await screen('buyer-trace');

    await go(`/track?code=${trackingCodes[0]}`);
    await page.getByRole('heading', { name: /Box from/ }).waitFor();
    await page.getByText('Distribution hub Ede').waitFor();
    await screen('public-tracking');

    await page.setViewportSize(PHONE);
    await go('/');
    await page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).waitFor();
    await expectNoSidewaysScroll();
    await screen('buyer-browse-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('when the boxes are delivered, then the farmer sees the order as delivered and the payout with their share', async () => {
    await signOutOf(page);
    await signInAs('Anna de Vries');
    await page.getByRole('link', { name: 'Orders to pack', exact: true }).click();
    await heading('Incoming orders').waitFor();
    await page.getByText(/3 kg Heirloom tomatoes/).waitFor();
    await page.getByText('Nothing to pack: no paid orders are waiting for pickup.').waitFor();
    await screen('farmer-orders-delivered');

    await page.getByRole('link', { name: 'Payouts', exact: true }).click();
    await heading('Payouts').waitFor();
    await page.getByRole('img', { name: /Farm's share of the produce price/ }).waitFor({ timeout: 30_000 });
    await screen('farmer-payouts');
  });

  it('when things happened to their order, then the buyer sees the count on the bell, reads the inbox and turns off an email', async () => {
    await signInAs('Ben Jansen');
    // Confirmed, and each of the two boxes out for delivery and delivered: five entries.
    const bell = page.getByRole('link', { name: /^Notifications, \d+ unread$/ });
    await expect
      .poll(async () => (await bell.getAttribute('aria-label')) ?? '', { timeout: 30_000 })
      .toBe('Notifications, 5 unread');
    await bell.click();
    await heading('Notifications').waitFor();
    await page.getByText('5 unread notifications').waitFor();
    await page.getByRole('heading', { level: 2, name: /is confirmed$/ }).waitFor();
    await screen('buyer-inbox');
    await button('Mark as read').first().click();
    await page.getByText('4 unread notifications').waitFor();
    await expect.poll(async () => bell.getAttribute('aria-label')).toBe('Notifications, 4 unread');

    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await heading('Notification settings').waitFor();
    await page.getByLabel('Delivered: Email').uncheck();
    // the three languages mails are written in (notifications' catalogs), each named in itself
    expect(await page.getByLabel('Language').locator('option').allTextContents()).toEqual(['English', 'Nederlands', '简体中文']);
    await page.getByLabel('Language').selectOption('nl');
    await button('Save settings').click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await screen('buyer-notification-settings');
    // Every email went to the mail server, one per message.
    await expect
      .poll(async () => (await mail.messages()).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(9);
  });

  it('when the buyer’s cancel meets a box already picked up, then the order page says it could not be cancelled and why', async () => {
    const api = async (
      who: { userId: string; role: 'buyer' | 'logistics' | 'admin'; region?: string },
      base: string,
      method: string,
      path: string,
      body?: unknown,
    ) => {
      const res = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${await token(t, who)}`,
          'idempotency-key': `web-cancel-${Math.random()}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return {
        status: res.status,
        body: (await res.json().catch(() => ({}))) as Record<string, unknown> & { state?: string },
      };
    };
    const ben = { userId: 'user-buyer-ben', role: 'buyer' as const };
    const pia = { userId: 'user-partner-pia', role: 'logistics' as const, region: 'Gelderland' };
    const admin = { userId: 'user-admin-ada', role: 'admin' as const };
    // The pickup and the cancel are sent together, as a courier and a buyer would; the pickup reaches logistics
    // first (the cancel takes a hop through orders), so logistics refuses the cancel. If orders had already heard
    // of the pickup it answers 409 at once: try again with a new order.
    let refusedOrder = '';
    for (let attempt = 0; attempt < 5 && !refusedOrder; attempt++) {
      const placed = await api(ben, system.orders.url, 'POST', '/orders', {
        lines: [{ listingId: seeded.eggsId, quantity: 1 }],
        deliveryAddress: { line1: 'Oudegracht 101', city: 'Utrecht', postalCode: '3511 AH', country: 'NL' },
        contact: { name: 'Ben Jansen' },
      });
      const id = String(placed.body.orderId);
      await eventually(
        async () =>
          (await api(ben, system.orders.url, 'GET', `/orders/${id}`)).body.state === 'awaiting_payment',
        30_000,
        200,
      );
      await api(ben, system.orders.url, 'POST', `/orders/${id}/pay`, { outcome: 'succeeded' });
      const [ship] = await eventually(
        async () => {
          const r = await api(admin, system.logistics.url, 'GET', `/orders/${id}/shipments`);
          return Array.isArray(r.body) && r.body.length ? (r.body as { shipmentId: string }[]) : undefined;
        },
        30_000,
        200,
      );
      expect(
        (await api(pia, system.logistics.url, 'POST', `/shipments/${ship!.shipmentId}/claim`)).status,
      ).toBe(200);
      const [pickup, cancel] = await Promise.all([
        api(pia, system.logistics.url, 'POST', `/shipments/${ship!.shipmentId}/pickup`),
        api(ben, system.orders.url, 'POST', `/orders/${id}/cancel`, { reason: 'I will be away' }),
      ]);
      expect(pickup.status).toBe(200);
      if (cancel.status === 202) refusedOrder = id;
      else expect(cancel.status).toBe(409);
    }
    expect(refusedOrder).not.toBe('');
    await signOutOf(page);
    await signInAs('Ben Jansen');
    await go(`/orders/${refusedOrder}`);
    const refusal = page.getByRole('alert');
    await refusal.getByText('We could not cancel this order.').waitFor({ timeout: 30_000 });
    await refusal
      .getByText(
        /was already picked up and is on its way\. It will be delivered as planned, and nothing was refunded\./,
      )
      .waitFor();
    expect(await button('Cancel order').count()).toBe(0);
    await screen('buyer-order-cancel-refused');
  });
});
