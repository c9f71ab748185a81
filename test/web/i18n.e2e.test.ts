import { demoUsers } from '@ftt/kit/demo-users';
import { buyerAddress } from '../support/actors';
import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, personas, useWebHarness } from './harness';
import { openShipmentOf, paidEggOrder, seedCatalog } from './seed';
import type { Page } from '../../web/test/browser';

/**
 * The translated web app (issue #31; #29's "after choosing Dutch the pages stay English"), in headless Chromium
 * against the services as processes:
 * - the pseudo-locale en-XA (every catalog message accented and bracketed, made from English at run time) walks the
 *   buyer's screens, and any plain ASCII word left on them (text, aria-label, placeholder, title, alt) that is not
 *   data (names, places, codes, dates) is text that did not come from the catalogs;
 * - a Dutch smoke path: the choice in the footer is the account's language, so signing in keeps it (sign in, shop,
 *   order);
 * - a buyer in Chinese (zh-CN) at 390 px and 1280 px: shop, cart, checkout, an order placed and paid, and its trace, with
 *   no overflow or clipped label at phone size and axe 0 (the phone shots are docs/screenshots/zh-*.png, copied by
 *   hand from test-results/screenshots/i18n/); a visitor whose browser asks for Chinese gets Chinese.
 */
const h = useWebHarness('i18n', {
  seed: async ({ t, system, api }) => {
    seeded = await seedCatalog(t, system.catalog.url);
    // a paid order for the walk's order and trace pages (orders learns of the listing from catalog's event first)
    orderId = (await eventually(
      async () => {
        const r = await api<{ orderId: string }>(personas.ben, system.orders.url, 'POST', '/orders', {
          lines: [{ listingId: seeded.eggsId, quantity: 1 }],
          ...buyerAddress,
        });
        return r.status === 201 ? r.body.orderId : undefined;
      },
      30_000,
      300,
    )) as string;
    await eventually(
      async () =>
        (await api<{ state: string }>(personas.ben, system.orders.url, 'GET', `/orders/${orderId}`)).body.state ===
        'awaiting_payment',
      30_000,
    );
    const paid = await api(personas.ben, system.orders.url, 'POST', `/orders/${orderId}/pay`, {
      outcome: 'succeeded',
    });
    expect(paid.status).toBe(200);

    // the partner's screens: a box Pia carries (picked up, one checkpoint), one still open (the Dutch partner claims
    // it in the app), and a claimed run of a delivery day (home delivery in Ede)
    const O = system.orders.url;
    const L = system.logistics.url;
    const { pia } = personas;
    const paidOrder = (delivery?: { method: 'home' }) => paidEggOrder(api, O, seeded.eggsId, { delivery });
    carried = await openShipmentOf(api, L, (await paidOrder()).orderId);
    for (const step of ['claim', 'pickup'])
      expect((await api(pia, L, 'POST', `/shipments/${carried}/${step}`)).status).toBe(200);
    expect(
      (await api(pia, L, 'POST', `/shipments/${carried}/checkpoints`, { place: 'Ede', temperatureC: 5 })).status,
    ).toBe(201);
    const box = (
      await api<{ trackingCode: string; lines: { listingId: string; lotCode: string }[] }>(
        pia,
        L,
        'GET',
        `/shipments/${carried}`,
      )
    ).body;
    boxPath = `/01/${box.lines[0]!.listingId}/10/${box.lines[0]!.lotCode}/21/${box.trackingCode}`;
    openForDutch = await openShipmentOf(api, L, (await paidOrder()).orderId);
    const day = (await paidOrder({ method: 'home' })).delivery!.day;
    const planned = (await eventually(
      async () => {
        const r = await api<{ runId: string; stops: { kind: string }[] }[]>(pia, L, 'POST', '/runs/plan', {
          region: 'Gelderland',
          day,
        });
        return r.body.find((x) => x.stops.some((s) => s.kind === 'drop'));
      },
      30_000,
      500,
    )) as { runId: string };
    expect((await api(pia, L, 'POST', `/runs/${planned.runId}/claim`)).status).toBe(200);
    runId = planned.runId;
  },
});
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
let orderId = '';
/** Pia's picked-up shipment, the one still open, her claimed run and the carried box's label address. */
let carried = '';
let openForDutch = '';
let runId = '';
let boxPath = '';

/** Data on the screens, not words of the app: names, places, descriptions, the brand, languages named in themselves. */
const DATA = [
  ...demoUsers.flatMap((u) => [u.name, u.email, u.region ?? '', u.userId]),
  'FieldToTable',
  'OpenStreetMap',
  'Leaflet',
  // the farm Carla applies with in the walk, and the home drop of the run
  'Hof Zonneveld',
  'Bergweg 4',
  // identity's demo applications (DEMO_PEOPLE=on): the demo farmers' farms, approved by the demo seed
  "Lena Visser's farm",
  "Joost Bakker's farm",
  "Anna de Vries's farm",
  'A demo farm',
  'a demo farm (DEMO_PEOPLE=on)',
  'demo-seed',
  // the demo delivery offer's home zones
  'Wageningen, Ede and Bennekom',
  'Arnhem and Oosterbeek',
  'Nijmegen',
  'Utrecht city',
  'Zeist, De Bilt and Houten',
  'English',
  'Nederlands',
  'De Groene Hoeve',
  'Mixed vegetable farm on the edge of the Veluwe, growing without pesticides since 1998.',
  'Kippenhof Visser',
  'Free-range hens on clover pasture near the river.',
  'Free-range eggs',
  'Brown eggs from hens on pasture, collected every morning.',
  'Hen house 1',
  'Bosweg 12',
  'Dijkweg 3',
  'Wageningen',
  'Gelderland',
  'Utrecht',
  'Ede',
  'EU Organic',
  'SKAL Biocontrole',
  'SKAL-102938',
  'Oudegracht 101',
  'Keizersgracht 120',
  'Amsterdam',
  // the demo delivery offer's pickup points
  'Hofwinkel De Eng',
  'Marktkraam Wageningen',
  'Kluis Arnhem Centraal',
  'Kluis Utrecht Centraal',
  'Marktkraam Vredenburg',
  'Arnhem',
  'Chrome',
  'Linux',
]
  .filter(Boolean)
  // the longest first: 'Kluis Utrecht Centraal' before 'Utrecht'
  .sort((a, b) => b.length - a.length);

/**
 * The visible text (and aria-label, placeholder, title, alt) on the page that did not come from the catalogs: in
 * en-XA every catalog letter is accented, so a run of two or more plain ASCII letters is either data (DATA, dates
 * as the browser writes them, codes in <code>, e-mail addresses) or hard-coded text. The order timeline's words are
 * marked `data-i18n-later` (they come with the typed timeline, another change); ids, topics, a service's own record
 * and its error text are marked `translate="no"` (HTML's "not to be translated": data, not the app's words).
 */
const untranslated = (page: Page): Promise<string[]> =>
  page.evaluate(`((data) => {
    const DATES = /\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b/g;
    const strip = (s) => {
      let out = s;
      for (const d of data) out = out.split(d).join(' ');
      return out
        .replace(/\\S+@\\S+/g, ' ')
        .replace(DATES, ' ')
        .replace(/\\bNL\\b|\\bEUR\\b|\\bFTT-[0-9A-Z]+|\\b\\d{4} [A-Z]{2}\\b/g, ' ')
        // ids (an order's UUID, or its first 8 hex digits as the back office names it)
        .replace(/\\b[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\b|\\b(?=[0-9a-f]*\\d)[0-9a-f]{8}\\b/g, ' ');
    };
    const bad = new Set();
    const skip = (el) => !el || el.closest('script, style, noscript, svg, code, [data-i18n-later], [hidden], [translate="no"]') !== null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent || '';
      if (skip(n.parentElement)) continue;
      if (/[A-Za-z]{2,}/.test(strip(text))) bad.add(text.trim());
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
      if (skip(el)) continue;
      for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(a);
        if (v && /[A-Za-z]{2,}/.test(strip(v))) bad.add(a + '="' + v + '"');
      }
    }
    return [...bad];
  })(${JSON.stringify(DATA)})`);

/** Labels, buttons and badges whose text does not fit their box (cut off, not wrapped), outside sideways tables. */
const clipped = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('main label, main button, main a, main .badge, main summary, main legend, main h1, main h2, main h3, main dt, main dd, header a, header button, footer button')) {
      if (el.closest('.table-wrap, .visually-hidden') || el.getClientRects().length === 0) continue;
      const s = getComputedStyle(el);
      const cuts = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
      if (cuts && el.scrollWidth > el.clientWidth + 1) out.push(el.tagName.toLowerCase() + ': ' + el.innerText.trim());
    }
    return out;
  })()`);

const signOutAnyLanguage = async (page: Page) => {
  await page.locator('.account-menu-button').click();
  await page.locator('.account-menu-panel').getByRole('button').last().click();
  await page.waitForURL((u: URL) => u.pathname === '/');
  await page.locator('header a[href^="/signin"]').waitFor();
};

const signInAs = async (page: Page, name: RegExp) => {
  await page.locator('#demo-people').waitFor();
  await page.getByRole('button', { name }).click();
  await page.waitForURL((u: URL) => !u.pathname.startsWith('/signin'));
};

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const CHINESE = /[\u4e00-\u9fff]/;

describe('the pseudo-locale en-XA: no hard-coded text on the buyer screens', () => {
  it('when a visitor and then a buyer walk the shop, sign-in, cart, orders, order, trace and account in en-XA, then every word on them came from the catalogs', async () => {
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      await h.page.waitForLoadState('networkidle');
      const left = await untranslated(h.page);
      if (left.length) found[name] = left;
    };
    await h.go('/?lang=en-XA');
    await h.page.locator('.listing-card').first().waitFor();
    expect(await heading(h.page).innerText()).toMatch(/^\[.+\]$/);
    await check('shop');
    await h.go(`/listings/${seeded.eggsId}`);
    await h.page.locator('.add-to-cart button').waitFor();
    await check('listing');
    await h.page.locator('.add-to-cart button').click();
    await h.go(`/farms/${seeded.lenaFarmId}`);
    await h.page.locator('.listing-card').first().waitFor();
    await check('farm');
    await h.go(`/farms/${seeded.annaFarmId}`);
    await h.page.locator('.state-empty').waitFor();
    await check('farm without produce');
    await h.go('/cart');
    await h.page.locator('.cart-line').waitFor();
    await h.page.locator('dl.totals').waitFor();
    await check('cart (guest)');
    for (const path of ['/signup', '/forgot', '/track', '/track?code=FTT-000000000000', '/no-such-page'])
      await h.go(path).then(() => check(path));
    await h.go('/signin');
    await signInAs(h.page, /Ben Jansen/);
    await h.go('/cart');
    await h.page.locator('fieldset.delivery-choice input[type=radio]').first().waitFor();
    await check('cart and checkout (buyer)');
    await h.go('/orders');
    await h.page.locator('.order-row').first().waitFor();
    await check('orders');
    await h.go(`/orders/${orderId}`);
    await h.page.locator('#lines-h').waitFor();
    await check('order');
    await h.go(`/orders/${orderId}/trace`);
    await h.page.locator('.trace-item, .state-empty').first().waitFor();
    await check('trace');
    await h.go('/account');
    await h.page.locator('#sessions-title').waitFor();
    await h.page.locator('.session').first().waitFor();
    await check('account');
    await h.page.locator('.account-menu-button').click();
    await check('account menu');
    await h.page.keyboard.press('Escape');
    await h.screen('pseudo-order-desktop');
    expect(found, `hard-coded text: ${JSON.stringify(found, null, 1)}`).toEqual({});
  });

  it("when a partner, a person applying to sell, an operator and anyone holding a box label walk their screens in en-XA, then every word on them came from the catalogs", async () => {
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      await h.page.waitForLoadState('networkidle');
      expect(await heading(h.page).innerText(), name).toMatch(/^\[.+\]$/);
      const left = await untranslated(h.page);
      if (left.length) found[name] = left;
    };
    const submit = (form: ReturnType<Page['locator']>) => form.locator('button[type=submit]').click();
    await h.go('/?lang=en-XA');
    await h.page.locator('.listing-card').first().waitFor();
    await h.go('/signin');
    await signInAs(h.page, /Pia Koerier/);

    // the partner: home, a carried shipment at each step, an open one, runs, a run, loggers, the label scanner
    await h.go('/partner');
    await h.page.locator('main .card').first().waitFor();
    await check('partner home');
    await h.go(`/partner/shipments/${carried}`);
    await h.page.locator('form.step-card').first().waitFor();
    await h.page.locator('#loggers-h').waitFor();
    await check('shipment picked up (checkpoint, out for delivery, return)');
    await submit(h.page.locator('form.step-card').nth(1));
    await h.page.locator('form.step-card input[type=file]').waitFor();
    await check('shipment out for delivery (hand over, proof, could not deliver)');
    await h.go(`/partner/shipments/${openForDutch}`);
    await h.page.locator('.step-card button').waitFor();
    await check('open shipment');
    await h.go('/partner/runs');
    await h.page.locator('main .card, main .state-empty').first().waitFor();
    await check('runs');
    await h.go(`/partner/runs/${runId}`);
    await h.page.locator('.next-stop').waitFor();
    await check('run');
    await h.go('/partner/loggers');
    const register = h.page.locator('form[aria-labelledby="register-h"]');
    await register.locator('input').first().fill('冷箱 7');
    await submit(register);
    await h.page.locator('#registered-h').waitFor();
    await h.page.locator('main li.card').first().waitFor();
    await check('loggers (one just registered)');
    await h.go('/partner/scan');
    await h.page.locator('main form input').waitFor();
    await h.page.locator('main form input').fill('not a code');
    await check('scan a label (camera off, a code typed wrong)');

    // a buyer applies to sell; an invitation, signed in and out
    await h.go('/signin');
    await signInAs(h.page, /Carla Smit/);
    await h.go('/apply');
    await h.page.locator('#mine-h ~ p, #mine-h ~ ul').first().waitFor();
    await check('apply (nothing sent yet)');
    const sell = h.page.locator('form[aria-labelledby="sell-h"]');
    await sell.locator('input').nth(0).fill('Hof Zonneveld');
    await sell.locator('input').nth(1).fill('Utrecht');
    await sell.locator('textarea').fill('Hof Zonneveld');
    await submit(sell);
    await h.page.locator('ul[aria-label] li.card').first().waitFor();
    await check('apply (one sent)');
    await h.go('/invites/inv-i18n-walk');
    await h.page.locator('main button').waitFor();
    await check('an invitation (signed in)');
    await signOutAnyLanguage(h.page);
    await h.go('/invites/inv-i18n-walk');
    await h.page.locator('main a.button').first().waitFor();
    await check('an invitation (signed out)');
    await h.go(boxPath);
    await h.page.locator('#box-h').waitFor();
    await check('the box page (/01/…)');

    // the operator: every back-office screen, the application decided and the farm's suspension asked for
    await h.go('/signin');
    await signInAs(h.page, /Ada/);
    await h.go('/admin');
    await h.page.locator('main table tbody tr').first().waitFor();
    await check('back office');
    await h.go('/admin/figures');
    await h.page.locator('.figures-table, main .state-empty').first().waitFor();
    await check('business figures');
    await h.go('/admin/orders');
    await h.page.locator('main table tbody tr').first().waitFor();
    await check('orders');
    await h.page.locator('form[role=search] input[type=search]').fill('Ben');
    await submit(h.page.locator('form[role=search]'));
    await h.page.locator('main table tbody tr').first().waitFor();
    await check('orders searched by buyer');
    await h.go(`/admin/orders/${orderId}`);
    await h.page.locator('#saga-h').waitFor();
    await h.page.locator('#refunds-h').waitFor();
    await check('order');
    await h.go('/admin/stuck');
    await h.page.locator('main table, main .state-empty').first().waitFor();
    await check('stuck orders');
    await h.go('/admin/dead-letters');
    await expect.poll(() => h.page.locator('main .state-loading').count(), { timeout: 30_000 }).toBe(0);
    await check('dead letters');
    await h.go('/admin/applications');
    const application = h.page.locator('li.card').filter({ hasText: 'Hof Zonneveld' });
    await application.locator('button').first().click();
    await application.locator('form input').fill('12345');
    await check('an application, the approval asked for');
    await submit(application.locator('form'));
    await h.page.locator('main .state-empty').waitFor();
    await h.page.locator('main select').selectOption('approved');
    await application.locator('button').first().click();
    await application.locator('form input').waitFor();
    await check('an approved application, its suspension asked for');
    await application.locator('form input').fill('12345');
    await submit(application.locator('form'));
    await application.locator('.badge-bad').first().waitFor();
    await check('a suspended application');
    await h.go('/admin/farms');
    await h.page.locator('main li.card').first().waitFor();
    await check('farms');
    await h.go('/admin/delivery');
    await h.page.locator('main fieldset').first().waitFor();
    await check('delivery offer');
    await h.go('/admin/partners');
    await h.page.locator('main li.card').first().waitFor();
    await h.page.locator('main li.card button').first().click();
    await check('partners, a suspension asked for');
    await h.go('/admin/audit');
    await h.page.locator('.audit-entry').first().waitFor();
    await check('audit');
    await h.screen('pseudo-admin-desktop');
    expect(found, `hard-coded text: ${JSON.stringify(found, null, 1)}`).toEqual({});
    expect(h.consoleErrors.filter((e) => e.includes('i18n'))).toEqual([]);
    // the next steps go on as the buyer
    await h.go('/signin');
    await signInAs(h.page, /Ben Jansen/);
  });
});

describe('Dutch: a smoke path', () => {
  it('when a buyer chooses Nederlands in the footer, then the choice is their account language: after signing out and in again the sign-in, shop and order pages are Dutch', async () => {
    await h.page.evaluate(`sessionStorage.removeItem('ftt.language')`);
    await h.go('/');
    await h.page.getByRole('heading', { level: 1, name: 'Fresh from the farm' }).waitFor();
    await h.page.locator('.account-menu-button').waitFor();
    await h.page.getByRole('button', { name: 'Nederlands' }).click();
    await h.page.getByRole('heading', { level: 1, name: 'Vers van de boerderij' }).waitFor();
    await h.page.waitForLoadState('networkidle');
    expect(await h.page.evaluate('document.documentElement.lang')).toBe('nl');
    await signOutAnyLanguage(h.page);
    await h.page.locator('header').getByRole('link', { name: 'Inloggen', exact: true }).click();
    await h.page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await h.page.getByRole('heading', { name: 'Demo-personen' }).waitFor();
    await signInAs(h.page, /^Inloggen als Ben Jansen/);
    await h.go('/');
    await h.page.getByRole('heading', { level: 1, name: 'Vers van de boerderij' }).waitFor();
    await h.page.getByRole('link', { name: 'Free-range eggs' }).first().waitFor();
    expect(await h.page.locator('.listing-card').first().innerText()).toMatch(/Geoogst .* · nog \d+ dozijn/);
    await h.go(`/orders/${orderId}`);
    await h.page.getByRole('heading', { level: 1, name: /^Je bestelling van / }).waitFor();
    await h.page.getByRole('heading', { name: 'Wat je bestelde' }).waitFor();
    expect(await h.page.locator('dl.totals').innerText()).toMatch(/Producten[\s\S]*€\s?4,20/);
    await h.screen('nl-order-desktop');
  });
});

describe('Chinese (zh-CN): a buyer at phone and desktop size', () => {
  it('when the buyer chooses 简体中文, then the shop, cart, checkout, a new order and its trace are Chinese at 390 px and 1280 px, with nothing overflowing or cut off and axe 0', async () => {
    await h.go('/');
    await h.page.getByRole('button', { name: '简体中文' }).click();
    await h.page.getByRole('heading', { level: 1, name: '农场直供，新鲜到家' }).waitFor();
    await h.page.waitForLoadState('networkidle');
    expect(await h.page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    // the account keeps it: a new page load asks identity and stays Chinese
    await h.page.reload();
    await h.page.getByRole('heading', { level: 1, name: '农场直供，新鲜到家' }).waitFor();

    const problems: Record<string, string[]> = {};
    const look = async (name: string) => {
      await h.page.waitForLoadState('networkidle');
      expect(await heading(h.page).innerText(), name).toMatch(CHINESE);
      const cut = await clipped(h.page);
      if (cut.length) problems[name] = cut;
      return h.screen(name);
    };
    let placed = '';
    for (const [size, v] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await h.size(v);
      await h.go('/');
      await h.page.locator('.listing-card').first().waitFor();
      expect(await h.page.locator('.listing-card').first().innerText()).toMatch(/采收于 .* · 剩 \d+ 打/);
      await look(`zh-shop-${size}`);
      await h.page.locator('.listing-card').first().getByRole('button', { name: /^加入购物车/ }).click();
      await h.page.locator('.listing-card .added').first().getByText(/已加入/).waitFor();
      await h.go('/cart');
      await h.page.locator('dl.totals').waitFor();
      expect(await h.page.locator('dl.totals').innerText()).toMatch(/应付总额/);
      await look(`zh-cart-${size}`);
      if (size === 'phone') {
        // checkout in Chinese: the labels are the catalog's
        await h.page.getByLabel('街道和门牌号').fill('Oudegracht 101');
        await h.page.getByLabel('邮政编码').fill('3511 AH');
        await h.page.getByLabel('城市', { exact: true }).fill('Utrecht');
        await h.page.locator('fieldset.delivery-choice legend').getByText('怎么收货？').waitFor();
        await look('zh-checkout-phone');
        await h.page.getByRole('button', { name: '提交订单' }).click();
        await h.page.waitForURL((u: URL) => /^\/orders\/[^/]+$/.test(u.pathname));
        placed = new URL(h.page.url()).pathname.split('/')[2]!;
        await h.page.getByRole('heading', { name: '订购的商品' }).waitFor();
        await h.page.getByRole('button', { name: '立即付款（模拟）' }).click();
        await h.page.getByText('已付款并确认：农场正在打包，配送员会来取货。').waitFor({ timeout: 30_000 });
      } else {
        await h.page.getByRole('heading', { level: 2, name: '配送' }).waitFor();
        await look('zh-checkout-desktop');
      }
      await h.go(`/orders/${placed}`);
      await h.page.getByRole('heading', { name: '订购的商品' }).waitFor();
      await h.page.getByRole('heading', { name: '配送追踪' }).waitFor();
      await look(`zh-order-${size}`);
      // the trace appears once logistics has planned the shipments
      await eventually(
        async () => {
          await h.go(`/orders/${placed}/trace`);
          await h.page.locator('.trace-item, .state-empty').first().waitFor();
          return (await h.page.locator('.trace-item').count()) > 0;
        },
        30_000,
        1000,
      );
      expect(await h.page.locator('.trace-item').first().innerText()).toMatch(/农场[\s\S]*采收日期[\s\S]*批次/);
      await look(`zh-trace-${size}`);
    }
    expect(problems).toEqual({});
    expect(h.layout.filter((l) => l.overflow.scrollWidth > l.overflow.innerWidth)).toEqual([]);
  });

  it("when a visitor's browser asks for Chinese and nobody chose a language, then the shop is Chinese", async () => {
    await signOutAnyLanguage(h.page);
    await h.page.evaluate(`sessionStorage.removeItem('ftt.language')`);
    await h.page.addInitScript(`Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'zh'] })`);
    await h.go('/');
    await h.page.getByRole('heading', { level: 1, name: '农场直供，新鲜到家' }).waitFor();
    expect(await h.page.locator('header').innerText()).toMatch(/逛集市[\s\S]*登录/);
  });
});

describe("Dutch: a partner's smoke path at phone size", () => {
  it('when Pia chooses Nederlands, then she claims a box, picks it up and delivers it on a 390 px screen in Dutch, with nothing overflowing and axe 0', async () => {
    await h.size(PHONE);
    await h.page.evaluate(`sessionStorage.removeItem('ftt.language')`);
    await h.go('/signin');
    await signInAs(h.page, /Pia Koerier/);
    await h.page.getByRole('button', { name: 'Nederlands' }).click();
    await expect.poll(() => h.page.evaluate('document.documentElement.lang')).toBe('nl');
    await h.go(`/partner/shipments/${openForDutch}`);
    await h.page.getByRole('heading', { level: 2, name: 'Deze zending is open' }).waitFor();
    await h.screen('nl-partner-open-phone');
    await h.page.getByRole('button', { name: 'Claimen', exact: true }).click();

    const pickUp = h.page.getByRole('form', { name: 'Ophalen bij Kippenhof Visser' });
    await pickUp.waitFor();
    expect(await h.page.getByRole('list', { name: 'Voortgang' }).innerText()).toMatch(
      /Geclaimd[\s\S]*Opgehaald[\s\S]*Wordt bezorgd[\s\S]*Bezorgd/,
    );
    await h.page.getByRole('heading', { level: 2, name: 'Temperatuurloggers' }).waitFor();
    expect(await h.page.getByText(/^Bewaren tussen 2 en 8 °C\.$/).count()).toBe(1);
    await h.screen('nl-partner-claimed-phone');
    await pickUp.getByRole('button', { name: 'Opgehaald', exact: true }).click();

    const lastStretch = h.page.getByRole('form', { name: 'Op het laatste stuk?' });
    await h.page.getByRole('form', { name: 'Controlepunt vastleggen' }).getByLabel('Temperatuur (°C)').waitFor();
    await h.screen('nl-partner-picked-up-phone');
    await lastStretch.getByRole('button', { name: 'Onderweg voor bezorging', exact: true }).click();

    const handOver = h.page.getByRole('form', { name: 'Overhandigen' });
    await handOver.getByLabel('In ontvangst genomen door').waitFor();
    expect(await handOver.getByLabel('In ontvangst genomen door').inputValue()).toBe('Ben Jansen');
    await handOver.getByLabel('Bewijsreferentie').fill('HANDTEKENING-12');
    await h.screen('nl-partner-hand-over-phone');
    await handOver.getByRole('button', { name: 'Bezorgd', exact: true }).click();
    await h.page.getByText('Bezorgd. Bedankt!').waitFor();
    await h.page.getByRole('heading', { level: 2, name: 'Bewijs van bezorging' }).waitFor();
    expect(await h.page.getByText(/^In ontvangst genomen door Ben Jansen op /).count()).toBe(1);
    await h.screen('nl-partner-delivered-phone');
    expect(h.layout.filter((l) => l.overflow.scrollWidth > l.overflow.innerWidth)).toEqual([]);
  });
});

describe('Chinese (zh-CN): the back office at desktop size', () => {
  it('when Ada chooses 简体中文, then the business figures and an order of the back office are Chinese at 1280 px, their numbers, money and dates written the Chinese way, axe 0', async () => {
    await h.size(DESKTOP);
    await h.go('/signin');
    await signInAs(h.page, /Ada/);
    await h.page.getByRole('button', { name: '简体中文' }).click();
    await h.page.getByRole('heading', { level: 1, name: '后台' }).waitFor();
    expect(await h.page.getByRole('navigation', { name: '后台' }).innerText()).toMatch(/概览[\s\S]*经营数据[\s\S]*审计/);
    await h.go('/admin/figures');
    await h.page.getByRole('heading', { level: 1, name: '经营数据' }).waitFor();
    const table = h.page.locator('table.figures-table');
    expect(await table.locator('thead').innerText()).toMatch(/日期[\s\S]*下单数[\s\S]*销售额（已付款）/);
    // money as zh-CN writes euros, days as zh-CN writes them ("12月7日周一")
    expect(await table.locator('tfoot').innerText()).toMatch(/€\d/);
    expect(await table.locator('tbody th').first().innerText()).toMatch(/\d+月\d+日/);
    await h.screen('zh-admin-figures-desktop');
    await h.go(`/admin/orders/${orderId}`);
    await h.page.getByRole('heading', { level: 1, name: `订单 ${orderId.slice(0, 8)}` }).waitFor();
    await h.page.getByRole('heading', { level: 2, name: '流程时间线' }).waitFor();
    expect(await h.page.locator('dl.facts').first().innerText()).toMatch(/状态[\s\S]*订单编号[\s\S]*合计[\s\S]*付款/);
    await h.screen('zh-admin-order-desktop');
  });
});
