import { randomBytes } from 'node:crypto';
import { eventually } from '@ftt/kit/testing';
import { Browser } from '../../services/identity/test/support';
import { describe, expect, it } from 'vitest';
import { accounts } from './accounts';
import { DESKTOP, PHONE, useWebHarness, type WebHarness } from './harness';

/**
 * Onboarding (issue #28), in headless Chromium at 1280 and 390 px against the services as processes: a new person
 * signs up and applies to sell; an operator approves (in the back office, with a
 * reason); then she opens her farm, lists produce and connects her payout account (the simulated provider: a
 * browser cannot follow stripe-mock's onboarding link); a buyer orders and pays, the partner delivers, and she sees
 * the payout paid. She invites a packer by email (a real mail, read through the
 * run's mailpit); the packer signs up with that address, accepts, sees the packing list, and cannot change a price.
 * axe finds nothing on every screen; nothing overflows the phone.
 */
const h: WebHarness = useWebHarness('onboarding', {
  env: { catalog: { FARM_APPROVAL: 'required' } },
  // what a step provokes on purpose and the browser logs: the application sent without a name (400), and the
  // farmer's page asking for her farm before she opened it (404)
  tolerate: (text, url) =>
    (/status of 400/.test(text) && url.endsWith('/applications/farm')) ||
    (/status of 404/.test(text) && url.endsWith('/farms/mine')),
});

const FARM = `Hoeve ${randomBytes(2).toString('hex')}`;
const farmer = { name: 'Fenna Boer', email: `fenna-${randomBytes(4).toString('hex')}@people.fieldtotable.test` };
const packer = { name: 'Pim Pakker', email: `pim-${randomBytes(4).toString('hex')}@people.fieldtotable.test` };
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;

/** Signs up at identity as the web app's sign-up page does, and follows the link in the verification mail. */
const signUpAndVerify = async (p: { name: string; email: string }) => {
  const browser = new Browser(h.system.identity!.url);
  const origin = { origin: h.web.url };
  const up = await browser.call('POST', '/api/auth/sign-up/email', { name: p.name, email: p.email, password: PASSWORD, language: 'en' }, origin);
  expect(up.status, JSON.stringify(up.body)).toBe(202);
  const link = await mailedText(p.email, /Confirm your email/);
  const token = /[?&]token=([^&\s]+)/.exec(link)![1]!;
  expect((await browser.call('GET', `/api/auth/verify-email?token=${token}`, undefined, origin)).status).toBe(200);
};

const { mailedText, signInWithPassword, tokenInBrowser } = accounts(h, PASSWORD);

let listingId = '';

describe('a new farmer applies, an operator approves, the farmer lists produce', () => {
  it('when a new person applies to sell, then the application waits for an operator', async () => {
    await signUpAndVerify(farmer);
    await signInWithPassword(farmer.email);
    await h.go('/apply');
    await h.heading('Sell or deliver with FieldToTable').waitFor();
    await h.page.getByText('You have not applied yet.').waitFor();
    await h.screen('apply-empty-desktop');
    const sell = h.page.getByRole('form', { name: 'Sell on FieldToTable' });
    // a field left empty: the service names it
    await sell.getByRole('button', { name: 'Send application to sell' }).click();
    await sell.getByRole('alert').waitFor();
    expect(await sell.getByRole('alert').textContent()).toMatch(/name/i);
    await sell.getByLabel('Farm name').fill(FARM);
    await sell.getByLabel('Region').fill('Gelderland');
    await sell.getByLabel('About the farm').fill('Vegetables from the Veluwe edge');
    await sell.getByLabel('Certification (optional)').fill('EU organic (SKAL)');
    await sell.getByLabel('Link to the certificate document').fill('https://docs.example.test/skal-1.pdf');
    await sell.getByRole('button', { name: 'Send application to sell' }).click();
    await h.page.getByText('Waiting for an operator').waitFor();
    await h.screen('apply-sent-desktop');
    await h.size(PHONE);
    await h.screen('apply-sent-phone');
    await h.size(DESKTOP);
  });

  it('when the operator approves it in the back office with a reason, then it leaves the waiting list', async () => {
    await h.signInAs('Ada');
    await h.go('/admin/applications');
    await h.heading('Applications').waitFor();
    const card = h.page.getByRole('listitem').filter({ hasText: FARM });
    await card.getByText('EU organic (SKAL)').waitFor();
    await h.screen('admin-applications-desktop');
    await card.getByRole('button', { name: `Approve ${FARM}…` }).click();
    await card.getByLabel('Reason (kept in the audit trail)').fill('certificate checked with SKAL');
    await h.size(PHONE);
    await h.screen('admin-applications-approve-phone');
    await h.size(DESKTOP);
    await card.getByRole('button', { name: `Approve ${FARM}`, exact: true }).click();
    await h.page.getByText('No applications here.').waitFor();
    await h.page.getByLabel('Show').selectOption('approved');
    await h.page.getByRole('listitem').filter({ hasText: FARM }).getByText('certificate checked with SKAL').waitFor();
    // the decision is in the back office's audit trail (identity's), with its reason
    await h.go('/admin/audit');
    const entry = h.page.getByRole('listitem').filter({ hasText: 'Reason: certificate checked with SKAL' });
    await entry.getByRole('heading', { name: 'Application approved' }).waitFor();
    expect(await entry.getByText('identity', { exact: true }).count()).toBe(1);
  });

  it('when the approved farmer opens her farm and lists produce, then the listing is published', async () => {
    await signInWithPassword(farmer.email);
    await h.go('/apply');
    await h.page.getByText('Approved', { exact: true }).waitFor();
    await h.page.getByRole('link', { name: 'Open your farm and list your produce' }).click();
    await h.heading('Your farm').waitFor();
    // the form starts from what the approved application said
    await expect.poll(() => h.page.getByLabel('Farm name').inputValue()).toBe(FARM);
    expect(await h.page.getByLabel('Region (province)').inputValue()).toBe('Gelderland');
    expect(await h.page.getByLabel('About the farm').inputValue()).toBe('Vegetables from the Veluwe edge');
    await h.page.getByLabel('Street and number').fill('Bosweg 12');
    await h.page.getByLabel('Postal code', { exact: true }).fill('6711 AB');
    await h.page.getByLabel('City').fill('Ede');
    await h.page.getByRole('button', { name: 'Use the position of the postcode' }).click();
    await h.page.locator('form').getByRole('button', { name: /^(Open|Create|Save)/ }).first().click();
    await h.heading(FARM).waitFor();
    await h.page.getByRole('link', { name: 'Create your first listing' }).click();
    await h.page.getByLabel('Title').fill('Winter carrots');
    await h.page.getByLabel('Price per unit (€)').fill('3.49');
    await h.page.getByLabel('Stock to sell').fill('40');
    await h.page.getByLabel('Lot code').fill(`LOT-${randomBytes(3).toString('hex')}`);
    await h.page.getByLabel('Field').fill('North field');
    await h.page.getByLabel('Lot size').fill('40');
    await h.page.locator('form').getByRole('button', { name: /^(Create|Save)/ }).first().click();
    await h.page.waitForURL((u: URL) => /\/farmer\/listings\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    listingId = new URL(h.page.url()).pathname.split('/').at(-1)!;
    await h.go('/farmer');
    await h.button('Publish Winter carrots').click();
    await h.page.getByRole('listitem').filter({ hasText: 'Winter carrots' }).getByText('published', { exact: false }).first().waitFor();
    await h.screen('farmer-listed-desktop');
    const shop = await h.api<{ listing: { status: string } }>(null, h.system.catalog.url, 'GET', `/listings/${listingId}`);
    expect(shop.body.listing.status).toBe('published');
  });
});

describe('the payout account comes from onboarding, not typed in', () => {
  it('when the farmer connects her payout account, then the provider (simulated here) sends her back and the farm shows it', async () => {
    await h.go('/farmer');
    const card = h.page.getByRole('region', { name: 'Payout account' });
    await card.getByText('Not connected yet', { exact: false }).waitFor();
    await card.getByRole('button', { name: 'Connect payout account' }).click();
    await h.page.waitForURL((u: URL) => u.pathname === '/farmer' && u.searchParams.get('payout') === 'simulated');
    await h.page.getByRole('region', { name: 'Payout account' }).getByText(/Connected: acct_sim/).waitFor();
    await h.size(PHONE);
    await h.screen('payout-connected-phone');
    await h.size(DESKTOP);
  });
});

describe('the new farm sells and is paid', () => {
  it('when a buyer orders her produce and pays, and the partner delivers it, then the farmer sees the payout paid', async () => {
    const ben = { userId: 'user-buyer-ben', role: 'buyer' as const };
    const pia = { userId: 'user-partner-pia', role: 'logistics' as const, region: 'Gelderland' };
    const ada = { userId: 'user-admin-ada', role: 'admin' as const };
    const O = h.system.orders.url;
    const L = h.system.logistics.url;
    // orders learns the new listing from catalog's events: until then it refuses the order
    const orderId = await eventually(
      async () => {
        const r = await h.api<{ orderId?: string }>(ben, O, 'POST', '/orders', {
          lines: [{ listingId, quantity: 2 }],
          deliveryAddress: { line1: 'Oudegracht 101', city: 'Utrecht', postalCode: '3511 AH', country: 'NL' },
          contact: { name: 'Ben Jansen' },
        });
        return r.status < 300 ? r.body.orderId : undefined;
      },
      30_000,
      500,
    );
    await eventually(async () => (await h.api<{ state: string }>(ben, O, 'GET', `/orders/${orderId}`)).body.state === 'awaiting_payment', 30_000, 200);
    expect((await h.api(ben, O, 'POST', `/orders/${orderId}/pay`, { outcome: 'succeeded' })).status).toBeLessThan(300);
    const [ship] = await eventually(async () => {
      const r = await h.api<{ shipmentId: string }[]>(ada, L, 'GET', `/orders/${orderId}/shipments`);
      return Array.isArray(r.body) && r.body.length ? r.body : undefined;
    }, 30_000, 200);
    for (const step of ['claim', 'pickup', 'out-for-delivery'])
      expect((await h.api(pia, L, 'POST', `/shipments/${ship!.shipmentId}/${step}`)).status, step).toBe(200);
    expect((await h.api(pia, L, 'POST', `/shipments/${ship!.shipmentId}/deliver`, { recipientName: 'Ben', proofRef: 'SIG-FENNA-1' })).status).toBe(200);

    await signInWithPassword(farmer.email);
    await h.go('/farmer/payouts');
    await h.heading('Payouts').waitFor();
    const table = h.page.getByRole('region', { name: 'Payouts per order (scrolls sideways)' });
    await expect
      .poll(
        async () => {
          await h.page.reload();
          await h.heading('Payouts').waitFor();
          return table.getByText(/^paid /).count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);
    await h.screen('farmer-paid-desktop');
    await h.size(PHONE);
    await h.screen('farmer-paid-phone');
    await h.size(DESKTOP);
  });
});

describe('a partner manager can invite a driver', () => {
  it("when the demo partner's manager opens her shipments, then the invitation form is there (phone and desktop)", async () => {
    await h.signInAs('Pia');
    await h.go('/partner');
    const invite = h.page.getByRole('region', { name: 'Invite a driver' });
    await invite.getByLabel('Email address of the driver').waitFor();
    await h.screen('invite-driver-desktop');
    await h.size(PHONE);
    await h.screen('invite-driver-phone');
    await h.size(DESKTOP);
  });
});

describe('a farm owner invites a packer', () => {
  it('when the owner invites a packer by email, then the invitation mail goes out', async () => {
    await signInWithPassword(farmer.email);
    await h.go('/farmer');
    const invite = h.page.getByRole('region', { name: 'Invite a packer' });
    await invite.getByLabel('Email address of the packer').fill(packer.email);
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite.getByText(`Invitation sent to ${packer.email}.`).waitFor();
    await h.size(PHONE);
    await h.screen('invite-packer-phone');
    await h.size(DESKTOP);
    const text = await mailedText(packer.email, new RegExp(`packer at ${FARM}`));
    expect(text).toContain(`${h.web.url}/invites/`);
  });

  it('when the packer signs up with that address and accepts, then they see the packing list and cannot change a price', async () => {
    const text = await mailedText(packer.email, /Invitation/);
    const inviteId = /\/invites\/([0-9a-f-]{36})/.exec(text)![1]!;
    await signUpAndVerify(packer);
    await signInWithPassword(packer.email);
    await h.go(`/invites/${inviteId}`);
    await h.screen('accept-invite-desktop');
    await h.button('Accept the invitation').click();
    await h.page.getByRole('link', { name: 'See what to pack' }).click();
    await h.heading('Packing by delivery day').waitFor();
    await h.screen('packer-packing-desktop');
    await h.go('/farmer');
    await h.page.getByText('You pack for this farm').waitFor();
    expect(await h.page.getByRole('link', { name: 'Edit Winter carrots' }).count()).toBe(0);
    // and the service refuses a price change with the packer's own token
    const res = await fetch(`${h.system.catalog.url}/listings/${listingId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await tokenInBrowser()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ unitPrice: { amount: 1, currency: 'EUR' } }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    h.expectNoConsoleErrors();
  });
});
