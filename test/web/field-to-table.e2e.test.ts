import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, token } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { root } from '../support/system';
import { seedFarms } from '../../services/catalog/scripts/seed-data';
import { PHOTOS } from '../../web/src/lib/photos';
import { DESKTOP, PHONE, signOutOf, useWebHarness } from './harness';
import { courierToUtrecht, seedCatalog } from './seed';

/**
 * The web app in real headless Chromium against the three services as processes: a farmer lists
 * produce, a buyer orders it from two farms and pays, a partner delivers both boxes on a phone,
 * and the buyer follows it to the field it came from. Screenshots: test-results/screenshots/.
 */
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
let orderId = '';
const trackingCodes: string[] = [];

// Screenshots in test-results/screenshots/ itself (web/README.md names them there).
const h = useWebHarness('web', {
  screenshots: '',
  env: { notifications: { DIGEST_WINDOW_MS: '2000', TRACKING_WAIT_MS: '10000' } },
  seed: async ({ t, system }) => {
    seeded = await seedCatalog(t, system.catalog.url);
  },
});

/** At phone width nothing may scroll sideways. */
const expectNoSidewaysScroll = async () => {
  expect(await h.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
};

describe('web app, from the field to the table', () => {
  it('when a page has nothing to show or its data cannot be found, then it says so', async () => {
    await h.signInAs('Carla Smit');
    await h.page.getByRole('link', { name: 'My orders', exact: true }).click();
    await h.page.getByText('You have not ordered anything yet.').waitFor();
    await h.screen('empty-orders');
    await h.go('/orders/no-such-order');
    await h.page.getByRole('alert').getByText('Something went wrong.').waitFor();
    await h.button('Try again').waitFor();
    await h.screen('error-order-not-found');
    await h.go('/farmer');
    await h.heading('Please sign in').waitFor();
    await signOutOf(h.page);
    await h.go('/cart');
    await h.page.getByText('Your cart is empty.').waitFor();
    await h.go('/signin');
    await h.screen('sign-in');
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
      const res = await fetch(`${h.web.url}/photos/${name}.svg`);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    }
  });

  it('when a farmer signs in and creates a listing with its lot, then it is published with its stock', async () => {
    await h.signInAs('Anna de Vries');
    await expect.poll(() => h.page.url()).toContain('/farmer');
    await h.heading('De Groene Hoeve').waitFor();
    await h.page.getByText('No listings yet.').waitFor();
    await h.screen('farmer-farm-empty');

    await h.page.getByRole('link', { name: 'New listing', exact: true }).first().click();
    await h.heading('New listing').waitFor();
    await h.page.getByLabel('Title').fill('Heirloom tomatoes');
    await h.page.getByLabel('Category').selectOption('vegetables');
    await h.page.getByLabel('Unit', { exact: true }).selectOption('kg');
    await h.page.getByLabel('Description').fill('Ripe on the vine, picked this morning.');
    await h.page.getByLabel('Price per unit (€)').fill('4.50');
    await h.page.getByLabel('Stock to sell').fill('40');
    await h.page.getByLabel('Photo', { exact: true }).selectOption('/photos/tomatoes.svg');
    await h.page.getByLabel('Field', { exact: true }).fill('Greenhouse 2');
    await h.page.getByLabel('Lot size').fill('120');
    await h.page.getByLabel('Minimum °C').fill('4');
    await h.page.getByLabel('Maximum °C').fill('12');
    await h.screen('farmer-new-listing');
    await h.button('Create listing').click();

    await h.page.waitForURL(/\/farmer\/listings\/[^/]+$/);
    await h.heading('Edit: Heirloom tomatoes').waitFor();
    await h.button('Publish Heirloom tomatoes').click();
    await h.page.getByRole('heading', { name: 'Status: Published' }).waitFor();

    await h.page
      .getByLabel('Description')
      .fill('Ripe on the vine, picked this morning. Brandywine and Black Krim.');
    await h.button('Save changes').click();
    await h.page.getByText('Saved.').waitFor();
    await h.button('Pause Heirloom tomatoes').click();
    await h.page.getByRole('heading', { name: 'Status: Paused' }).waitFor();
    await h.button('Resume Heirloom tomatoes').click();
    await h.page.getByRole('heading', { name: 'Status: Published' }).waitFor();

    await h.page.getByLabel('Adjustment').selectOption('restock');
    await h.page.getByLabel('Quantity', { exact: true }).fill('10');
    await h.page.getByLabel('Reason').fill('Second picking');
    await h.button('Apply adjustment').click();
    await h.page.getByText(/Restock 10 — Second picking/).waitFor();
    await expect.poll(() => h.page.locator('.facts').last().innerText()).toContain('50 kg');
    await h.screen('farmer-listing-published');

    await h.page.getByRole('link', { name: 'Back to your farm', exact: true }).click();
    await h.page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).waitFor();
    await expect(h.page.getByText('Published').first().isVisible()).resolves.toBe(true);
    await h.screen('farmer-farm');
  });

  it('when a buyer browses, fills a cart from two farms and pays, then the order is confirmed with its value split', async () => {
    await signOutOf(h.page);
    await h.signInAs('Ben Jansen');
    await h.heading('Fresh from the farm').waitFor();
    await h.page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).waitFor();
    await h.screen('buyer-browse');

    await h.page.getByLabel('Category').selectOption('eggs');
    await expect
      .poll(() => h.page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).count())
      .toBe(0);
    await h.page.getByRole('link', { name: 'Free-range eggs', exact: true }).waitFor();
    await h.page.getByLabel('Quantity (dozen) of Free-range eggs').fill('2');
    await h.button('Add to cart: Free-range eggs').click();
    await h.page.getByText('Added · 2 in cart').waitFor();

    await h.page.getByLabel('Category').selectOption('');
    await h.page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).click();
    await h.heading('Heirloom tomatoes').waitFor();
    await h.page.getByText('Greenhouse 2').waitFor();
    await h.page.getByLabel('Quantity (kg) of Heirloom tomatoes').fill('3');
    await h.button('Add to cart: Heirloom tomatoes').click();
    await h.screen('buyer-listing');

    await h.page.getByRole('link', { name: 'De Groene Hoeve', exact: true }).first().click();
    await h.heading('De Groene Hoeve').waitFor();
    await h.page.getByText('EU Organic').waitFor();
    await h.screen('buyer-farm');
    await h.go(`/farms/${seeded.lenaFarmId}`);
    await h.heading('Kippenhof Visser').waitFor();
    await h.page.getByText('No certifications on record.').waitFor();

    await h.page.getByRole('link', { name: /^Cart/ }).click();
    await h.heading('Your cart').waitFor();
    await h.page.getByRole('heading', { name: 'From De Groene Hoeve' }).waitFor();
    await h.page.getByRole('heading', { name: 'From Kippenhof Visser' }).waitFor();
    await courierToUtrecht(h.page);
    await h.page.getByLabel('Phone (optional)').fill('+31 6 1234 5678');
    await h.screen('buyer-cart');

    // The orders service learns of a new listing from its event; until then it refuses the order
    // and the same cart is submitted again (with the same idempotency key).
    const deadline = Date.now() + 30_000;
    for (;;) {
      await h.button('Place order').click();
      const outcome = await Promise.race([
        h.page.waitForURL(/\/orders\/[^/]+$/, { timeout: 5_000 }).then(() => 'placed'),
        h.page
          .getByRole('alert')
          .waitFor({ timeout: 5_000 })
          .then(() => 'refused'),
      ]).catch(() => 'waiting');
      if (outcome === 'placed') break;
      if (Date.now() > deadline)
        throw new Error(
          `the order was not placed: ${await h.page
            .getByRole('alert')
            .innerText()
            .catch(() => '?')}`,
        );
      await h.page.waitForTimeout(1000);
    }
    orderId = h.page.url().split('/').pop()!;

    await h.page.getByRole('heading', { name: 'Simulated payment (demo)' }).waitFor({ timeout: 30_000 });
    await h.page.getByRole('heading', { name: 'Where your money goes' }).waitFor();
    await h.screen('buyer-order-awaiting-payment');
    await h.button('Pay now (simulated)').click();
    await h.page.getByText('Paid and confirmed').waitFor({ timeout: 30_000 });
    await h.page.getByRole('heading', { name: 'Delivery tracking' }).waitFor();
    await h.screen('buyer-order-confirmed');
  });

  it('when the order is paid, then the farmer finds it in the packing list with its lot', async () => {
    await signOutOf(h.page);
    await h.signInAs('Anna de Vries');
    await h.page.getByRole('link', { name: 'Orders to pack', exact: true }).click();
    await h.heading('Incoming orders').waitFor();
    const packing = h.page.getByRole('region', { name: 'To pack now' });
    await packing.getByRole('rowheader', { name: 'Heirloom tomatoes' }).waitFor();
    await expect(packing.getByRole('cell', { name: '3 kg' }).count()).resolves.toBe(1);
    await h.screen('farmer-orders-to-pack');
  });

  it("when Anna's packer signs in, then the packing list is theirs to see, and listings, prices and payouts are not theirs to change", async () => {
    await signOutOf(h.page);
    await h.signInAs('Piet Pakker');
    await h.page.getByRole('link', { name: 'Orders to pack', exact: true }).click();
    await h.heading('Incoming orders').waitFor();
    const packing = h.page.getByRole('region', { name: 'To pack now' });
    await packing.getByRole('rowheader', { name: 'Heirloom tomatoes' }).waitFor();
    expect(await h.page.getByRole('link', { name: 'Payouts', exact: true }).count()).toBe(0);
    await h.page.getByRole('link', { name: 'My farm', exact: true }).click();
    await h.page.getByText('You pack for this farm').waitFor();
    expect(await h.page.getByRole('link', { name: 'New listing' }).count()).toBe(0);
    expect(await h.page.getByRole('link', { name: /^Edit / }).count()).toBe(0);
    expect(await h.page.getByText('Edit farm profile').count()).toBe(0);
    await h.screen('packer-farm');
  });

  it('when a partner claims both boxes and records each step on a phone, then they are delivered with proof', async () => {
    await h.page.setViewportSize(PHONE);
    await signOutOf(h.page);
    await h.signInAs('Pia Koerier');
    await h.heading('Shipments').waitFor();
    await expect
      .poll(
        async () => {
          await h.page.reload();
          // Count once the list has loaded: either the open shipments or the empty state.
          await h.page
            .getByText(/^No open shipments|^Ready since/)
            .first()
            .waitFor();
          return h.page.getByRole('button', { name: /^Claim shipment/ }).count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(2);
    await expectNoSidewaysScroll();
    await h.screen('partner-open-shipments-phone');

    for (let i = 0; i < 2; i++) {
      await h.go('/partner');
      await h.page
        .getByRole('button', { name: /^Claim shipment/ })
        .first()
        .click();
      await h.page.waitForURL(/\/partner\/shipments\//);
      await h.button('Picked up').click();
      await h.page.getByRole('form', { name: 'Record a checkpoint' }).waitFor();
      await h.page.getByLabel('Place', { exact: true }).fill('Distribution hub Ede');
      await h.page.getByLabel('Temperature (°C)').fill('6');
      if (i === 0) await h.screen('partner-checkpoint-phone');
      await h.button('Save checkpoint').click();
      await h.page.getByText('Distribution hub Ede').last().waitFor();
      await h.button('Out for delivery').click();
      await h.page.getByRole('form', { name: 'Hand it over' }).waitFor();
      trackingCodes.push((await h.page.locator('code', { hasText: /^FTT-/ }).innerText()).trim());
      await h.page.getByLabel('Proof reference').fill(`SIG-${1000 + i}`);
      if (i === 0) await h.screen('partner-deliver-phone');
      await expectNoSidewaysScroll();
      await h.button('Delivered').click();
      await h.page.getByText('Delivered. Thank you!').waitFor();
      await h.page.getByRole('heading', { name: 'Proof of delivery' }).waitFor();
      if (i === 0) await h.screen('partner-delivered-phone');
    }
  });

  it('when every box is delivered, then the buyer sees the completed order, its tracking and where the food came from', async () => {
    await h.page.setViewportSize(DESKTOP);
    await signOutOf(h.page);
    await h.signInAs('Ben Jansen');
    await h.page.getByRole('link', { name: 'My orders', exact: true }).click();
    await h.heading('My orders').waitFor();
    await h.screen('buyer-orders');

    await h.go(`/orders/${orderId}`);
    await h.page.getByText('Delivered. Enjoy your food!').waitFor({ timeout: 60_000 });
    await expect.poll(() => h.page.getByText('Delivered in Utrecht').count(), { timeout: 20_000 }).toBe(2);
    await h.screen('buyer-order-completed');

    await h.page.getByRole('link', { name: 'Where did my food come from?', exact: true }).click();
    await h.heading('Where did my food come from?').waitFor();
    await h.page.getByText('Greenhouse 2').waitFor();
    await h.page.getByText('Hen house 1').waitFor();
    await expect(
      h.page
        .getByRole('img', {
          name: /De Groene Hoeve's share of the produce price: \d+(\.\d)? percent/,
        })
        .count(),
    ).resolves.toBe(1);
    await h.screen('buyer-trace');

    await h.go(`/track?code=${trackingCodes[0]}`);
    await h.page.getByRole('heading', { name: /Box from/ }).waitFor();
    await h.page.getByText('Distribution hub Ede').waitFor();
    await h.screen('public-tracking');

    await h.page.setViewportSize(PHONE);
    await h.go('/');
    await h.page.getByRole('link', { name: 'Heirloom tomatoes', exact: true }).waitFor();
    await expectNoSidewaysScroll();
    await h.screen('buyer-browse-phone');
    await h.page.setViewportSize(DESKTOP);
  });

  it('when the boxes are delivered, then the farmer sees the order as delivered and the payout with their share', async () => {
    await signOutOf(h.page);
    await h.signInAs('Anna de Vries');
    await h.page.getByRole('link', { name: 'Orders to pack', exact: true }).click();
    await h.heading('Incoming orders').waitFor();
    await h.page.getByText(/3 kg Heirloom tomatoes/).waitFor();
    await h.page.getByText('Nothing to pack: no paid orders are waiting for pickup.').waitFor();
    await h.screen('farmer-orders-delivered');

    await h.page.getByRole('link', { name: 'Payouts', exact: true }).click();
    await h.heading('Payouts').waitFor();
    await h.page.getByRole('img', { name: /Farm's share of the produce price/ }).waitFor({ timeout: 30_000 });
    await h.screen('farmer-payouts');
  });

  it('when things happened to their order, then the buyer sees the count on the bell, reads the inbox and turns off an email', async () => {
    await h.signInAs('Ben Jansen');
    // Confirmed, and each of the two boxes out for delivery and delivered: five entries.
    const bell = h.page.getByRole('link', { name: /^Notifications, \d+ unread$/ });
    await expect
      .poll(async () => (await bell.getAttribute('aria-label')) ?? '', { timeout: 30_000 })
      .toBe('Notifications, 5 unread');
    await bell.click();
    await h.heading('Notifications').waitFor();
    await h.page.getByText('5 unread notifications').waitFor();
    await h.page.getByRole('heading', { level: 2, name: /is confirmed$/ }).waitFor();
    await h.screen('buyer-inbox');
    await h.button('Mark as read').first().click();
    await h.page.getByText('4 unread notifications').waitFor();
    await expect.poll(async () => bell.getAttribute('aria-label')).toBe('Notifications, 4 unread');

    await h.page.getByRole('link', { name: 'Settings', exact: true }).click();
    await h.heading('Notification settings').waitFor();
    await h.page.getByLabel('Delivered: Email').uncheck();
    // the three languages mails are written in (notifications' catalogs), each named in itself
    expect(await h.page.getByLabel('Language').locator('option').allTextContents()).toEqual(['English', 'Nederlands', '简体中文']);
    await h.page.getByLabel('Language').selectOption('nl');
    await h.button('Save settings').click();
    await h.page.getByRole('status').getByText('Saved.').waitFor();
    await h.screen('buyer-notification-settings');
    // Every email went to the mail server, one per message.
    await expect
      .poll(async () => (await h.mail.messages()).length, { timeout: 30_000 })
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
          authorization: `Bearer ${await token(h.t, who)}`,
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
      const placed = await api(ben, h.system.orders.url, 'POST', '/orders', {
        lines: [{ listingId: seeded.eggsId, quantity: 1 }],
        deliveryAddress: { line1: 'Oudegracht 101', city: 'Utrecht', postalCode: '3511 AH', country: 'NL' },
        contact: { name: 'Ben Jansen' },
      });
      const id = String(placed.body.orderId);
      await eventually(
        async () =>
          (await api(ben, h.system.orders.url, 'GET', `/orders/${id}`)).body.state === 'awaiting_payment',
        30_000,
        200,
      );
      await api(ben, h.system.orders.url, 'POST', `/orders/${id}/pay`, { outcome: 'succeeded' });
      const [ship] = await eventually(
        async () => {
          const r = await api(admin, h.system.logistics.url, 'GET', `/orders/${id}/shipments`);
          return Array.isArray(r.body) && r.body.length ? (r.body as { shipmentId: string }[]) : undefined;
        },
        30_000,
        200,
      );
      expect(
        (await api(pia, h.system.logistics.url, 'POST', `/shipments/${ship!.shipmentId}/claim`)).status,
      ).toBe(200);
      const [pickup, cancel] = await Promise.all([
        api(pia, h.system.logistics.url, 'POST', `/shipments/${ship!.shipmentId}/pickup`),
        api(ben, h.system.orders.url, 'POST', `/orders/${id}/cancel`, { reason: 'I will be away' }),
      ]);
      expect(pickup.status).toBe(200);
      if (cancel.status === 202) refusedOrder = id;
      else expect(cancel.status).toBe(409);
    }
    expect(refusedOrder).not.toBe('');
    await signOutOf(h.page);
    await h.signInAs('Ben Jansen');
    await h.go(`/orders/${refusedOrder}`);
    const refusal = h.page.getByRole('alert');
    await refusal.getByText('We could not cancel this order.').waitFor({ timeout: 30_000 });
    await refusal
      .getByText(
        /was already picked up and is on its way\. It will be delivered as planned, and nothing was refunded\./,
      )
      .waitFor();
    expect(await h.button('Cancel order').count()).toBe(0);
    await h.screen('buyer-order-cancel-refused');
  });
});
