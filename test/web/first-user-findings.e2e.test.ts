import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@ftt/kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/system';
import { DESKTOP, PHONE, personas, useWebHarness } from './harness';
import { courierToUtrecht, seedCatalog } from './seed';

/**
 * What a first real user hit (issue 17), each finding checked in headless Chromium against the services as
 * processes, at 1280x800 and 390x844: axe-core finds nothing, the console stays clean over the whole journey (the
 * only errors allowed are the network lines of the 4xx answers a step provokes on purpose, counted), and every
 * screen sends its first list request once. Money screenshots: test-results/screenshots/money-*.png.
 */
const docShots = join(root, 'test-results', 'screenshots');
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
let pearsId = '';

const { ben, anna, pia } = personas;

/* What the console says over the whole journey, and the 4xx answers the steps provoke on purpose. */
const consoleErrors: string[] = [];
let provoked = 0;
const requests: { method: string; url: string }[] = [];
const aborted: string[] = [];

/** A real 8 x 6 PNG (green), as a farmer's phone would send a photo. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWPQqLDBihgGUgIAE0opQfkOZ/4AAAAASUVORK5CYII=';

/** Whether an input's value breaks its pattern attribute (the browser's own check). */
const mismatch = (i: unknown) => (i as { validity: { patternMismatch: boolean } }).validity.patternMismatch;

/** Loads `path` and counts the GET requests whose path matches `list`, after the screen shows `ready`. */
const firstLoad = async (path: string, list: RegExp, ready: () => Promise<unknown>) => {
  // leave the page first: a request the previous screen still has in flight is aborted here, not counted below
  await h.page.goto('about:blank');
  requests.length = 0;
  aborted.length = 0;
  await h.go(path);
  await ready();
  await h.page.waitForTimeout(500);
  const sent = requests.filter((r) => r.method === 'GET' && list.test(new URL(r.url).pathname));
  return {
    sent: sent.length,
    // the same request twice (a remount, a refetch) shows as fewer distinct URLs than requests
    distinct: new Set(sent.map((r) => r.url)).size,
    aborted: aborted.filter((u) => list.test(new URL(u).pathname)).length,
  };
};

/** Orders learns of listings from catalog's events: wait until it can price them, so the cart's quote answers 200. */
const ordersKnow = (listingIds: string[]) =>
  eventually(
    async () =>
      (
        await h.api(null, h.system.orders.url, 'POST', '/orders/quote', {
          lines: listingIds.map((listingId) => ({ listingId, quantity: 1 })),
        })
      ).status === 200,
    30_000,
    250,
  );

const listingBody = (title: string, unit: string, amount: number, available: number) => ({
  category: 'fruit',
  title,
  description: `${title} from the orchard.`,
  unit,
  unitPrice: { amount, currency: 'EUR' },
  photos: ['/photos/apples.svg'],
  available,
  lot: {
    lotCode: `${title.slice(0, 3).toUpperCase()}-${Date.now().toString(36).toUpperCase()}`,
    field: 'Orchard',
    harvestDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    quantity: 100,
  },
  coldChain: { minC: 2, maxC: 8 },
});

const h = useWebHarness('web-findings', {
  screenshots: 'first-user',
  env: { notifications: { DIGEST_WINDOW_MS: '2000' } },
  seed: async () => {
    mkdirSync(docShots, { recursive: true });
    seeded = await seedCatalog(h.t, h.system.catalog.url);
    // Anna's farm sells pears by the crate (4 left: a plural) and had plums that sold out.
    for (const [title, unit, amount, available] of [
      ['Conference pears', 'crate', 1250, 4],
      ['Victoria plums', 'box', 600, 0],
    ] as const) {
      const created = await h.api<{ id: string }>(
        anna,
        h.system.catalog.url,
        'POST',
        `/farms/${seeded.annaFarmId}/listings`,
        listingBody(title, unit, amount, available),
      );
      expect(created.status).toBe(201);
      expect((await h.api(anna, h.system.catalog.url, 'POST', `/listings/${created.body.id}/publish`)).status).toBe(
        200,
      );
      if (title === 'Conference pears') pearsId = created.body.id;
    }
    await ordersKnow([seeded.eggsId, pearsId]);
  },
});

// Every console error of the journey (the harness's list names sources; these steps count texts), every request.
beforeAll(() => {
  h.page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  h.page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  h.page.on('request', (r) => requests.push({ method: r.method(), url: r.url() }));
  h.page.on('requestfailed', (r) => aborted.push(r.url()));
});

describe('what a first real user hit, fixed', () => {
  it('when a page loads, then its first list request is sent once (none aborted)', async () => {
    await h.size(DESKTOP);
    const browse = await firstLoad('/', /\/api\/catalog\/listings$/, () =>
      h.page.getByRole('link', { name: 'Free-range eggs', exact: true }).waitFor(),
    );
    // the shop's first page comes inside the HTML of / (web/server/first-page.ts: none sent), or, when the service
    // worker answers the page from the app shell it keeps, the shop asks once
    expect([0, 1]).toContain(browse.sent);
    expect(browse).toEqual({ sent: browse.sent, distinct: browse.sent, aborted: 0 });
    await h.signInAs('Ben Jansen');
    const mine = await firstLoad('/orders', /\/api\/orders\/orders$/, () =>
      h.heading('My orders')
        .waitFor()
        .then(() => h.page.getByText('You have not ordered anything yet.').waitFor()),
    );
    expect(mine).toEqual({ sent: 1, distinct: 1, aborted: 0 });
    await h.signOut();
    await h.signInAs('Anna de Vries');
    const farm = await firstLoad('/farmer', /\/api\/catalog\/farms\/mine$/, () =>
      h.heading('De Groene Hoeve').waitFor(),
    );
    expect(farm).toEqual({ sent: 1, distinct: 1, aborted: 0 });
    await h.signOut();
    await h.signInAs('Pia Koerier');
    const partner = await firstLoad('/partner', /\/api\/logistics\/shipments\/mine$/, () =>
      h.page.getByRole('heading', { name: 'Your shipments' }).waitFor(),
    );
    // one page per active status (assigned, picked up, out for delivery, failed), each asked once
    expect(partner).toEqual({ sent: 4, distinct: 4, aborted: 0 });
    await h.signOut();
  });

  it('when a guest browses, then sold-out produce leaves the grid, stock reads in plurals, and filters keep what is typed', async () => {
    await h.go('/');
    await h.page.getByRole('link', { name: 'Conference pears', exact: true }).waitFor();
    await h.page.getByText('4 crates left').waitFor();
    expect(await h.page.getByRole('link', { name: 'Victoria plums', exact: true }).count()).toBe(0);
    await h.page.getByLabel('In stock only').uncheck();
    await h.page.getByRole('link', { name: 'Victoria plums', exact: true }).waitFor();
    await h.page.getByText('Sold out').first().waitFor();
    await h.page.getByLabel('In stock only').check();
    await expect.poll(() => h.page.getByRole('link', { name: 'Victoria plums', exact: true }).count()).toBe(0);

    // a category change leaves the search box as typed (it used to refill it with the last applied search)
    await h.page.getByLabel('Search').fill('pears');
    await h.button('Apply').click();
    await expect.poll(() => new URL(h.page.url()).searchParams.get('q')).toBe('pears');
    await h.page.getByLabel('Search').fill('');
    await h.page.getByLabel('Category').selectOption('fruit');
    await expect.poll(() => new URL(h.page.url()).searchParams.get('category')).toBe('fruit');
    expect(await h.page.getByLabel('Search').inputValue()).toBe('');

    // a negative max price is refused with a message, not ignored
    await h.page.getByLabel('Max price (€)').fill('-3');
    await h.button('Apply').click();
    await h.page.getByText('A price cannot be negative: enter 0 or more, such as 3.50.').waitFor();
    expect(await h.page.getByLabel('Max price (€)').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(h.page.url()).searchParams.get('maxPrice')).toBeNull();
    await h.screen('browse-filters');
    await h.page.getByLabel('Max price (€)').fill('');
    await h.go('/');
  });

  it('when on a phone, then the filters start folded, the header takes at most two rows, and nothing scrolls sideways', async () => {
    await h.size(PHONE);
    await h.signInAs('Ben Jansen');
    await h.go('/');
    await h.page.getByRole('link', { name: 'Free-range eggs', exact: true }).waitFor();
    expect(
      await h.page.locator('details.more-filters').evaluate((d) => (d as unknown as { open: boolean }).open),
    ).toBe(false);
    expect(await h.page.getByLabel('Category').isVisible()).toBe(false);
    // the first listing is on the first screen
    const first = await h.page.locator('.listing-card').first().boundingBox();
    expect(first!.y).toBeLessThan(PHONE.height);
    // rows of the header: its children's vertical middles, grouped when within 24 px of each other
    const rows = await h.page.evaluate(
      "[...document.querySelectorAll('.topbar > *')].map((e) => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; }).sort((a, b) => a - b).filter((y, i, all) => i === 0 || y - all[i - 1] > 24).length",
    );
    expect(rows).toBeLessThanOrEqual(2);
    expect(await h.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await h.screen('phone-browse');
    await h.signOut();
    await h.size(DESKTOP);
  });

  it('when a guest fills the cart, then wrong quantities get a message and the cart shows delivery and the total to pay before placing', async () => {
    await h.go(`/listings/${seeded.eggsId}`);
    await h.heading('Free-range eggs').waitFor();
    const qty = h.page.getByLabel('Quantity (dozen) of Free-range eggs');
    await qty.fill('-1');
    await h.page.getByText('Enter a whole number of 1 or more.').waitFor();
    await h.button('Add to cart: Free-range eggs').click();
    expect(await h.page.getByRole('link', { name: /^Cart/ }).innerText()).toContain('0');
    await qty.fill('2');
    await h.button('Add to cart: Free-range eggs').click();
    await h.page.getByText('Added · 2 in cart').waitFor();
    await h.go(`/listings/${pearsId}`);
    await h.button('Add to cart: Conference pears').click();
    await h.page.getByText('Added · 1 in cart').waitFor();

    await h.page.getByRole('link', { name: /^Cart/ }).click();
    await h.heading('Your cart').waitFor();
    const total = h.page.getByRole('region', { name: 'What you pay' });
    await total.getByText('Total to pay').waitFor();
    // 2 x 4.20 + 12.50 = 20.90 produce, two farms' delivery (2 x 4.95 = 9.90): 30.80, no fee on top
    await total.getByText('Delivery (2 boxes, one per farm)').waitFor();
    expect(await total.locator('dd').allInnerTexts()).toEqual(['€20.90', '€9.90', '€30.80']);
    expect(await h.page.getByText(/are added when you place the order/).count()).toBe(0);
    await h.page
      .getByText(
        /The platform fee is taken from the farms’ part of the produce price, not added to what you pay\./,
      )
      .waitFor();

    const eggsQty = h.page.getByLabel('Quantity of Free-range eggs (dozen)');
    await eggsQty.fill('0');
    await h.page.getByText('Enter a whole number of 1 or more. To drop this item, use Remove.').waitFor();
    expect(await eggsQty.getAttribute('aria-invalid')).toBe('true');
    await eggsQty.fill('2');
    await expect
      .poll(() => h.page.getByText('Enter a whole number of 1 or more. To drop this item, use Remove.').count())
      .toBe(0);
    await h.page.getByRole('link', { name: 'Sign in as a buyer to check out' }).waitFor();
    await h.screen('cart-guest');
    await h.page.screenshot({ path: join(docShots, 'money-cart.png'), fullPage: true });
  });

  it('when the buyer signs in, then the cart is theirs; a field the service refuses is marked next to it in plain words', async () => {
    await h.signInAs('Ben Jansen');
    await h.go('/cart');
    await h.heading('Your cart').waitFor();
    await h.page.getByRole('heading', { name: 'From Kippenhof Visser' }).waitFor();
    const name = h.page.getByLabel('Name', { exact: true });
    expect(await name.getAttribute('maxlength')).toBe('100');
    const phone = h.page.getByLabel('Phone (optional)');
    // the pattern from the OpenAPI document compiles with the v flag, so it checks
    const phonePattern = String(await phone.getAttribute('pattern'));
    expect(() => new RegExp(`^(?:${phonePattern})$`, 'v')).not.toThrow();
    await phone.fill('call me maybe');
    expect(await phone.evaluate(mismatch)).toBe(true);
    await phone.fill('+31 6 1234 5678');
    await courierToUtrecht(h.page);

    // past the browser's own check (a script, an old browser), the service's answer lands on the field
    await name.evaluate((i) =>
      (i as unknown as { removeAttribute: (a: string) => void }).removeAttribute('maxlength'),
    );
    await name.fill('B'.repeat(101));
    provoked++;
    await h.button('Place order').click();
    await h.page.getByText('Use at most 100 characters.').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const alert = h.page.getByRole('alert');
    await alert.getByText('Please correct the fields marked above.').waitFor();
    expect(await alert.innerText()).not.toMatch(/body\.|invalid body|Too big/);
    await h.screen('checkout-field-error');
    await name.fill('Ben Jansen');
    await h.button('Place order').click();
    await h.page.waitForURL(/\/orders\/[^/]+$/);
  });

  it('when the order is placed and paid, then it reads produce + delivery = what you paid, with the fee explained, buyer words and the tracking codes', async () => {
    await h.heading(
      /^Your order of .+ · (De Groene Hoeve and Kippenhof Visser|Kippenhof Visser and De Groene Hoeve)$/,
    ).waitFor({ timeout: 30_000 });
    // The order's trace exists only once logistics has made the shipments, which under load comes seconds after the
    // order is confirmed: the first two asks find nothing (404), and the page must keep asking by itself (it stopped
    // at the first failure, so the tracking codes never came without a reload).
    let traceMisses = 2;
    await h.page.route(/\/trace\/orders\/[^/?]+$/, async (route) => {
      if (traceMisses > 0) {
        traceMisses--;
        provoked++;
        await route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no shipments yet' }),
        });
      } else await route.continue();
    });
    await h.button('Pay now (simulated)').click({ timeout: 30_000 });
    await h.page.getByText('Paid and confirmed').waitFor({ timeout: 30_000 });
    const totals = h.page.locator('dl.totals');
    expect(await totals.locator('dt').allInnerTexts()).toEqual(['Produce', 'Delivery (2 boxes)', 'You paid']);
    expect(await totals.locator('dd').allInnerTexts()).toEqual(['€20.90', '€9.90', '€30.80']);
    await h.page
      .getByText(
        /The platform fee \(€1\.05\) is taken from the farms’ part of the produce price, not added to what you pay\./,
      )
      .waitFor();
    const split = h.page.getByRole('region', { name: 'Where your money goes' });
    await split.getByText("Farm's share of the produce price").waitFor();
    await split.getByText('95.0%').first().waitFor();
    // tracking codes, one per box, each opening the public tracking page
    await expect
      .poll(() => h.page.getByRole('link', { name: 'Track this box' }).count(), { timeout: 30_000 })
      .toBe(2);
    const timeline = await h.page.getByRole('region', { name: 'Timeline' }).innerText();
    expect(timeline).not.toMatch(/simulated|\bsim\b|pi[-_]|tr[-_]|cancelled by the buyer/i);
    expect(timeline).toContain('Payment received');
    await h.screen('order-paid');
    await h.page.screenshot({ path: join(docShots, 'money-order.png'), fullPage: true });

    // on a phone the value split scrolls sideways inside its frame and says so
    await h.size(PHONE);
    const wrap = h.page.locator('.table-wrap').last();
    expect(
      await wrap.evaluate(
        (w) =>
          (w as unknown as { scrollWidth: number }).scrollWidth >
          (w as unknown as { clientWidth: number }).clientWidth,
      ),
    ).toBe(true);
    expect(await h.page.getByText('Swipe the table sideways to see every column →').isVisible()).toBe(true);
    expect(await h.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await h.screen('phone-order-split');
    await h.page.screenshot({ path: join(docShots, 'money-order-phone.png'), fullPage: true });
    await h.size(DESKTOP);

    const code = await h.page
      .locator('code')
      .filter({ hasText: /^\S{6,}$/ })
      .last()
      .innerText();
    await h.page.getByRole('link', { name: 'Track this box' }).first().click();
    await h.page.waitForURL(/\/track\?code=/);
    expect(code.length).toBeGreaterThan(5);
  });

  it('when the buyer cancels an order, then it reads "Cancelled by you" and the farm is not told it receives money', async () => {
    const placed = await h.api<{ orderId: string }>(ben, h.system.orders.url, 'POST', '/orders', {
      lines: [{ listingId: pearsId, quantity: 1 }],
      deliveryAddress: { line1: 'Oudegracht 101', city: 'Utrecht', postalCode: '3511 AH', country: 'NL' },
      contact: { name: 'Ben Jansen' },
    });
    const id = placed.body.orderId;
    await eventually(
      async () =>
        (await h.api<{ state: string }>(ben, h.system.orders.url, 'GET', `/orders/${id}`)).body.state ===
        'awaiting_payment',
      30_000,
      200,
    );
    expect((await h.api(ben, h.system.orders.url, 'POST', `/orders/${id}/cancel`, {})).status).toBe(200);
    await h.go(`/orders/${id}`);
    await h.page.getByText('Cancelled by you', { exact: true }).waitFor();
    expect(await h.page.getByText(/Cancelled by buyer/i).count()).toBe(0);
    await h.page
      .getByText('no money went to the farms, the courier or the platform.', { exact: false })
      .waitFor();

    // signing out empties the cart: the next person on this browser never sees it
    await h.page.getByRole('link', { name: 'Browse', exact: true }).click();
    await h.page.getByRole('link', { name: 'Free-range eggs', exact: true }).waitFor();
    await h.button('Add to cart: Free-range eggs').click();
    await h.page.getByText('Added · 1 in cart').waitFor();
    await h.signOut();
    expect(
      await h.page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('ftt.cart.user-'))"),
    ).toEqual([]);
    await h.go('/cart');
    await h.page.getByText('Your cart is empty.').waitFor();

    // the delivery details are remembered for this buyer
    await h.signInAs('Ben Jansen');
    await h.go(`/listings/${seeded.eggsId}`);
    await h.button('Add to cart: Free-range eggs').click();
    await h.page.getByRole('link', { name: /^Cart/ }).click();
    expect(await h.page.getByLabel('Street and number').inputValue()).toBe('Oudegracht 101');
    expect(await h.page.getByLabel('City').inputValue()).toBe('Utrecht');
    await h.page.getByRole('button', { name: 'Remove Free-range eggs' }).click();
    await h.signOut();

    await h.signInAs('Anna de Vries');
    await h.go('/farmer/orders');
    await h.heading('Incoming orders').waitFor();
    const cancelled = h.page.locator('li.card').filter({ hasText: 'Cancelled' });
    await cancelled.first().waitFor();
    expect(await cancelled.first().innerText()).toContain('the order did not go ahead: you receive nothing');
    expect(await cancelled.first().innerText()).not.toMatch(/you receive €/);
    await h.screen('farmer-orders-cancelled');
  });

  it('when a farmer edits the farm profile and starts a listing, then the form says what it still needs, a negative price gets a message and the lot code is checked', async () => {
    await h.go('/farmer');
    await h.heading('De Groene Hoeve').waitFor();
    await h.page.getByText('Edit farm profile').click();
    await h.page
      .getByLabel('About the farm')
      .fill('Mixed vegetables and an orchard on the edge of the Veluwe.');
    await h.button('Save farm profile').click();
    await h.page.getByText('Farm profile saved.').waitFor();
    const stored = await h.api<{ farm: { description: string } }>(
      null,
      h.system.catalog.url,
      'GET',
      `/farms/${seeded.annaFarmId}`,
    );
    expect(stored.body.farm.description).toBe('Mixed vegetables and an orchard on the edge of the Veluwe.');
    await h.screen('farmer-farm-profile');

    await h.go('/farmer/listings/new');
    await h.heading('New listing').waitFor();
    const create = h.button('Create listing');
    expect(await create.isDisabled()).toBe(true);
    await h.page
      .getByText(
        /^To create the listing, add a title, a price, the stock to sell, the field, the lot size\.$/,
      )
      .waitFor();
    expect(await create.getAttribute('aria-describedby')).toBe('listing-submit-why');
    await h.page.getByLabel('Price per unit (€)').fill('-2');
    await h.page.getByText('A price cannot be negative: enter an amount such as 3.49.').waitFor();
    const lot = h.page.getByLabel('Lot code');
    const lotPattern = String(await lot.getAttribute('pattern'));
    expect(lotPattern).not.toBe('null');
    expect(() => new RegExp(`^(?:${lotPattern})$`, 'v')).not.toThrow();
    await lot.fill('bad code!');
    expect(await lot.evaluate(mismatch)).toBe(true);
    await lot.fill('LOT-2026/12.a');
    expect(await lot.evaluate(mismatch)).toBe(false);
    expect(await h.page.getByLabel('Title').getAttribute('maxlength')).toBe('120');
    await h.screen('farmer-new-listing-needs');

    // the farmer's own photo: uploaded from the device, then shown through srcset at the widths catalog made
    await h.go(`/farmer/listings/${pearsId}`);
    await h.heading('Edit: Conference pears').waitFor();
    const file = h.page.getByLabel('Upload a photo');
    await file.setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a photo'),
    });
    await h.page.getByText('Choose a JPEG, PNG or WebP photo.').waitFor();
    await file.setInputFiles({
      name: 'pears.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG, 'base64'),
    });
    await h.page.getByText('Photo uploaded.').waitFor({ timeout: 30_000 });
    const shown = h.page.getByRole('img', { name: 'Current photo of Conference pears' });
    await expect
      .poll(() => shown.getAttribute('srcset'))
      .toMatch(/^\/api\/catalog\/listing-photos\/[0-9a-f]{32}\/320\.webp 320w, .*640w, .*1280w$/);
    await expect
      .poll(() => shown.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await h.screen('farmer-photo-uploaded');
    await h.go('/');
    const card = h.page.locator('li.listing-card').filter({ hasText: 'Conference pears' }).locator('img');
    await expect.poll(() => card.getAttribute('srcset')).toContain('/api/catalog/listing-photos/');
    await h.signOut();
  });

  it('when a partner works a shipment, then notes have a visible count and are shown, the disclosures show their arrow, and delivered boxes make a history', async () => {
    type Shipment = { shipmentId: string; orderId: string; status: string };
    const mine = await eventually(
      async () => {
        const open = await h.api<Shipment[]>(
          pia,
          h.system.logistics.url,
          'GET',
          '/shipments/open?region=Gelderland',
        );
        return Array.isArray(open.body) && open.body.length >= 2 ? open.body : undefined;
      },
      30_000,
      250,
    );
    const [first, second] = mine;
    for (const s of [first!, second!])
      expect((await h.api(pia, h.system.logistics.url, 'POST', `/shipments/${s.shipmentId}/claim`)).status).toBe(
        200,
      );
    // the first is delivered; the second stays on the road
    for (const step of ['pickup', 'out-for-delivery'] as const)
      expect(
        (await h.api(pia, h.system.logistics.url, 'POST', `/shipments/${first!.shipmentId}/${step}`)).status,
      ).toBe(200);
    expect(
      (
        await h.api(pia, h.system.logistics.url, 'POST', `/shipments/${first!.shipmentId}/deliver`, {
          recipientName: 'B. Jansen',
          proofRef: 'photo-1',
        })
      ).status,
    ).toBe(200);
    expect(
      (await h.api(pia, h.system.logistics.url, 'POST', `/shipments/${second!.shipmentId}/pickup`)).status,
    ).toBe(200);

    await h.signInAs('Pia Koerier');
    await h.heading('Shipments').waitFor();
    const history = h.page.getByRole('list', { name: 'Delivered and returned shipments' });
    await history.getByRole('listitem').first().waitFor();
    expect(await history.getByRole('listitem').count()).toBe(1);
    expect(await history.innerText()).toMatch(/Delivered/);
    await h.screen('partner-history');

    await h.go(`/partner/shipments/${second!.shipmentId}`);
    const checkpoint = h.page.getByRole('form', { name: 'Record a checkpoint' });
    const note = checkpoint.getByLabel('Note (optional)');
    await checkpoint.getByText('0 of 500 characters').waitFor();
    expect(await note.getAttribute('maxlength')).toBe('500');
    await h.page.getByLabel('Place', { exact: true }).fill('Distribution hub Ede');
    await h.page.getByLabel('Temperature (°C)').fill('5');
    await note.fill('Left at the hub cold room, door 3.');
    await checkpoint.getByText('34 of 500 characters').waitFor();
    await h.button('Save checkpoint').click();
    await h.page.getByText('Note: Left at the hub cold room, door 3.').waitFor();
    for (const summary of ['Return to the farm']) {
      const arrow = await h.page.getByText(summary, { exact: true }).evaluate((el) => {
        const s = (
          globalThis as unknown as { getComputedStyle: (e: unknown, p: string) => Record<string, string> }
        ).getComputedStyle(el, '::before');
        return {
          display: s.display!,
          border: parseFloat(s.borderInlineStartWidth || s.borderLeftWidth || '0'),
        };
      });
      expect(arrow.display).not.toBe('none');
      expect(arrow.border).toBeGreaterThan(0);
    }
    await h.size(PHONE);
    await h.screen('phone-partner-shipment');
    await h.size(DESKTOP);
    await h.signOut();
  });

  it('over the whole journey, the console showed no error but the network lines of the answers provoked on purpose', () => {
    const network = consoleErrors.filter((e) =>
      /^Failed to load resource: the server responded with a status of (400|404)/.test(e),
    );
    const other = consoleErrors.filter((e) => !network.includes(e));
    expect(other).toEqual([]);
    expect(network).toHaveLength(provoked);
  });
});
