import { join } from 'node:path';
import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { root } from '../support/system';
import { auditAccessibility } from '../../web/test/browser';
import { DESKTOP, PHONE, useWebHarness } from './harness';
import { seedCatalog, users } from './seed';

/**
 * Issue #18 in the browser: a buyer chooses a pickup point or home delivery and a delivery day at checkout (fee and
 * day shown before placing), the farmer sees what to pack for that day per lot (and prints it), and the partner
 * plans, claims and drives the day's run: route sketch, one scan per farm, drops in order, printable sheet.
 * Desktop 1280x800 and phone 390x844; axe-core (WCAG 2.1 A/AA) finds nothing; no console errors.
 * Screenshots for the note: test-results/screenshots/run-*.png.
 */
const shots = join(root, 'test-results', 'screenshots');
let day = '';
const orderIds: string[] = [];
const h = useWebHarness('delivery-day', {
  // The order page (not this issue's) asks for the trace as soon as the order is confirmed; until logistics has
  // consumed order.confirmed the answer is a 404 the page handles ("being planned"), but Chromium logs every
  // 4xx response as a console error. Only that one is tolerated here.
  tolerate: (text, where) => /status of 404/.test(text) && /\/api\/logistics\/trace\/orders\//.test(where),
  seed: async ({ t, system, api }) => {
    const base = await seedCatalog(t, system.catalog.url);
    // Anna lists tomatoes (the general browser test has her create them in the UI).
    const listed = await api(users.anna, system.catalog.url, 'POST', `/farms/${base.annaFarmId}/listings`, {
      category: 'vegetables',
      title: 'Heirloom tomatoes',
      description: 'Ripe on the vine.',
      unit: 'kg',
      unitPrice: { amount: 450, currency: 'EUR' },
      photos: ['/photos/tomatoes.svg'],
      available: 40,
      lot: {
        lotCode: `TOM-${t.run.slice(-6).toUpperCase()}`,
        field: 'Greenhouse 2',
        harvestDate: new Date().toISOString().slice(0, 10),
        quantity: 120,
      },
      coldChain: { minC: 4, maxC: 12 },
    });
    const tomatoesId = String(listed.body.id);
    await api(users.anna, system.catalog.url, 'POST', `/listings/${tomatoesId}/publish`);
    // Orders learns listings from catalog's events: wait until it prices both (a probe order by another buyer), so
    // the checkout in the browser never meets a refusal for an unknown listing.
    const carla = { userId: 'user-buyer-carla', role: 'buyer' as const };
    await eventually(
      async () => {
        const r = await api(
          carla,
          system.orders.url,
          'POST',
          '/orders',
          {
            lines: [
              { listingId: tomatoesId, quantity: 1 },
              { listingId: base.eggsId, quantity: 1 },
            ],
            deliveryAddress: { line1: 'Oudegracht 101', city: 'Utrecht', postalCode: '3511 AH', country: 'NL' },
            contact: { name: 'Carla' },
          },
        );
        return r.status === 201 || undefined;
      },
      60_000,
      500,
    );
  },
});
const { go, heading, button, signInAs } = h;
/** The harness's api, with the service first (as this suite reads). */
const api = (base: string, who: Parameters<typeof h.api>[0], method: string, path: string, body?: unknown) =>
  h.api(who, base, method, path, body);

/** Saved for the note and audited with axe-core. */
const screen = async (name: string) => {
  await h.page.screenshot({ path: join(shots, `run-${name}.png`), fullPage: true });
  expect(await auditAccessibility(h.page), `accessibility of ${name}`).toEqual([]);
};

const noSidewaysScroll = async () =>
  expect(await h.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

/** Fill the cart from the browse page and the address at checkout. */
const fillCart = async (items: [string, string, string][], address: [string, string, string]) => {
  await go('/');
  for (const [title, unit, qty] of items) {
    await h.page.getByLabel(`Quantity (${unit}) of ${title}`).fill(qty);
    await button(`Add to cart: ${title}`).click();
  }
  await h.page.getByRole('link', { name: /^Cart/ }).click();
  await heading('Your cart').waitFor();
  await h.page.getByLabel('Street and number').fill(address[0]);
  await h.page.getByLabel('Postal code', { exact: true }).fill(address[1]);
  await h.page.getByLabel('City').fill(address[2]);
};

const placeAndPay = async () => {
  await button('Place order').click();
  await h.page.waitForURL(/\/orders\/[^/]+$/, { timeout: 30_000 });
  orderIds.push(h.page.url().split('/').pop()!);
  await button('Pay now (simulated)').click({ timeout: 30_000 });
  await h.page.getByText('Paid and confirmed').waitFor({ timeout: 30_000 });
};

describe('delivery days and runs in the browser', () => {
  it('when a buyer checks out, then they choose a pickup point or home delivery and a day, and see the fee and the day before placing', async () => {
    await signInAs('Ben Jansen');
    await fillCart(
      [
        ['Heirloom tomatoes', 'kg', '2'],
        ['Free-range eggs', 'dozen', '1'],
      ],
      ['Bergweg 4', '6711 AA', 'Ede'],
    );
    const choice = h.page.getByRole('group', { name: 'How do you get your box?' });
    await choice.getByText(/Home delivery in Wageningen, Ede and Bennekom: €3\.95/).waitFor();
    await choice.getByRole('radio', { name: /Marktkraam Wageningen/ }).check();
    day = await h.page.getByLabel('Delivery day', { exact: true }).inputValue();
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await h.page
      .getByRole('status')
      .filter({ hasText: /at Marktkraam Wageningen · fee €0\.00/ })
      .waitFor();
    await screen('checkout-delivery-desktop');
    await placeAndPay();
    await h.page
      .getByText(/at Marktkraam Wageningen/)
      .first()
      .waitFor();
    await screen('order-delivery-day-desktop');

    // On a phone, home delivery in the zone of the postcode, with its fee.
    await h.page.setViewportSize(PHONE);
    await fillCart([['Heirloom tomatoes', 'kg', '1']], ['Bergweg 4', '6711 AA', 'Ede']);
    await h.page.getByRole('radio', { name: /Home delivery in Wageningen, Ede and Bennekom/ }).check();
    await h.page.getByLabel('Delivery day', { exact: true }).selectOption(day);
    await h.page
      .getByRole('status')
      .filter({ hasText: /to your door · fee €3\.95/ })
      .waitFor();
    await noSidewaysScroll();
    await screen('checkout-delivery-phone');
    await placeAndPay();
    await h.page
      .getByText(/to your door/)
      .first()
      .waitFor();
    await h.page.setViewportSize(DESKTOP);
    h.expectNoConsoleErrors();
  });

  it("when the orders are paid, then the farmer sees the day's packing per lot, each box with where it goes, and prints the list", async () => {
    await signInAs('Anna de Vries');
    await h.page.getByRole('link', { name: 'Packing by day', exact: true }).click();
    await heading('Packing by delivery day').waitFor();
    await h.page.getByLabel('Delivery day', { exact: true }).selectOption(day);
    const harvest = h.page.getByRole('region', { name: /^To harvest and pack for/ });
    await harvest.getByRole('rowheader', { name: 'Heirloom tomatoes' }).waitFor();
    await harvest.getByRole('cell', { name: '3 kg' }).waitFor();
    await h.page.getByText('→ Marktkraam Wageningen').waitFor();
    await h.page.getByText('→ home, Ede').waitFor();
    const download = h.page.waitForEvent('download');
    await button('Print packing list (PDF)').click();
    expect((await download).suggestedFilename()).toBe(`packing-${day}.pdf`);
    await screen('farmer-packing-desktop');
    await h.page.setViewportSize(PHONE);
    await noSidewaysScroll();
    await screen('farmer-packing-phone');
    await h.page.setViewportSize(DESKTOP);
    h.expectNoConsoleErrors();
  });

  it("when the partner plans and claims the day's run, then they see it ordered with a route sketch, scan each farm once, drop in order and the orders complete", async () => {
    await signInAs('Pia Koerier');
    await h.page.getByRole('link', { name: 'Runs', exact: true }).click();
    await heading('Runs').waitFor();
    await h.page.getByLabel('Delivery day', { exact: true }).selectOption(day);
    // Logistics learns of the boxes from order.confirmed: plan again until both orders' boxes are on a run.
    await expect
      .poll(
        async () => {
          await button('Plan runs').click();
          await h.page
            .getByText(/^No runs for this day yet|boxes · /)
            .first()
            .waitFor();
          return h.page.getByText(/^3 boxes · 2 farm pickups · 2 drops/).count();
        },
        { timeout: 60_000, interval: 1500 },
      )
      .toBe(1);
    await screen('partner-runs-desktop');
    await button(/^Claim run/).click();
    await h.page.waitForURL(/\/partner\/runs\/[^/]+$/);
    await h.page.getByRole('img', { name: /^Route sketch: 4 stops in order/ }).waitFor();
    const stops = h.page.getByRole('list', { name: 'Stops in order' }).getByRole('listitem');
    await expect(stops.count()).resolves.toBe(4);
    await screen('partner-run-desktop');
    const sheet = h.page.waitForEvent('download');
    await button('Print run sheet (PDF)').click();
    expect((await sheet).suggestedFilename()).toBe(`run-${day}.pdf`);

    await h.page.setViewportSize(PHONE);
    for (let i = 0; i < 2; i++) {
      await button(/^Scan (all \d boxes|the box) at /).click();
      await h.page
        .getByRole('heading', { name: i === 0 ? /^Next: stop 2, pick up at/ : /^Next: stop 3, drop at/ })
        .waitFor();
    }
    await noSidewaysScroll();
    await screen('partner-run-phone');
    for (let i = 0; i < 2; i++) {
      await h.page.getByLabel('Received by').fill(i === 0 ? 'Stall keeper' : 'Ben Jansen');
      await h.page.getByLabel('Proof (photo or signature reference)').fill(`SIG-${200 + i}`);
      await button(/^Drop \d boxe?s? at /).click();
      if (i === 0) await h.page.getByRole('heading', { name: /^Next: stop 4, drop at/ }).waitFor();
    }
    await h.page.getByText('Run completed: every stop is recorded.').waitFor();
    await screen('partner-run-completed-phone');
    await h.page.setViewportSize(DESKTOP);

    // Each box's own events reached orders: both orders complete.
    const ben = { userId: 'user-buyer-ben', role: 'buyer' as const };
    await eventually(
      async () => {
        const states = await Promise.all(
          orderIds.map(async (id) => (await api(h.system.orders.url, ben, 'GET', `/orders/${id}`)).body.state),
        );
        return states.every((s) => s === 'completed') || undefined;
      },
      60_000,
      500,
    );
    h.expectNoConsoleErrors();
  });
});
