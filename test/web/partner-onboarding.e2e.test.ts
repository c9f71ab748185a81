import { randomBytes } from 'node:crypto';
import { eventually } from '@ftt/kit/testing';
import { Browser } from '../../services/identity/test/support';
import { describe, expect, it } from 'vitest';
import { accounts } from './accounts';
import { DESKTOP, PHONE, useWebHarness, type WebHarness } from './harness';
import { seedCatalog } from './seed';

/**
 * A new delivery partner (issue #28), in headless Chromium at 1280 and 390 px against the services as processes: a
 * person signs up and applies to deliver in Gelderland; an operator approves in the back office; the new partner
 * claims a paid box on a phone and delivers it. Then the operator suspends the partner (identity announces it,
 * logistics refuses the partner's next claim, naming why) and reinstates it (the claim goes through). axe finds
 * nothing on every screen; nothing overflows the phone.
 */
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
const h: WebHarness = useWebHarness('partner-onboarding', {
  seed: async (hh) => {
    seeded = await seedCatalog(hh.t, hh.system.catalog.url);
  },
});

const PARTNER = `Fietskoeriers ${randomBytes(2).toString('hex')}`;
const person = { name: 'Pepijn Koerier', email: `pepijn-${randomBytes(4).toString('hex')}@people.fieldtotable.test` };
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const ben = { userId: 'user-buyer-ben', role: 'buyer' as const };
const ada = { userId: 'user-admin-ada', role: 'admin' as const };

const { mailedText, signInWithPassword, tokenInBrowser } = accounts(h, PASSWORD);

/** Ben orders a dozen of Lena's eggs (a Gelderland farm) and pays: logistics opens a box for Gelderland partners. */
const paidBox = async () => {
  const placed = await h.api<{ orderId: string }>(ben, h.system.orders.url, 'POST', '/orders', {
    lines: [{ listingId: seeded.eggsId, quantity: 1 }],
    deliveryAddress: { line1: 'Oudegracht 101', city: 'Utrecht', postalCode: '3511 AH', country: 'NL' },
    contact: { name: 'Ben Jansen' },
  });
  expect(placed.status, JSON.stringify(placed.body)).toBeLessThan(300);
  const id = placed.body.orderId;
  await eventually(
    async () => (await h.api<{ state: string }>(ben, h.system.orders.url, 'GET', `/orders/${id}`)).body.state === 'awaiting_payment',
    30_000,
    200,
  );
  await h.api(ben, h.system.orders.url, 'POST', `/orders/${id}/pay`, { outcome: 'succeeded' });
  const [ship] = await eventually(
    async () => {
      const r = await h.api<{ shipmentId: string }[]>(ada, h.system.logistics.url, 'GET', `/orders/${id}/shipments`);
      return Array.isArray(r.body) && r.body.length ? r.body : undefined;
    },
    30_000,
    200,
  );
  return ship!.shipmentId;
};

const claimWith = (token: string, shipmentId: string) =>
  fetch(`${h.system.logistics.url}/shipments/${shipmentId}/claim`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });

let partnerToken = '';

describe('a new partner applies, is approved, claims a shipment and delivers it', () => {
  it('when a new person applies to deliver, then the application waits for an operator', async () => {
    const browser = new Browser(h.system.identity!.url);
    const origin = { origin: h.web.url };
    const up = await browser.call('POST', '/api/auth/sign-up/email', { ...person, password: PASSWORD, language: 'en' }, origin);
    expect(up.status, JSON.stringify(up.body)).toBe(202);
    const link = await mailedText(person.email, /Confirm your email/);
    const token = /[?&]token=([^&\s]+)/.exec(link)![1]!;
    expect((await browser.call('GET', `/api/auth/verify-email?token=${token}`, undefined, origin)).status).toBe(200);
    // notifications' welcome reaches the address the person chose (issue #28)
    expect(await mailedText(person.email, /^Welcome to FieldToTable$/)).toContain('Hello Pepijn Koerier,');

    await signInWithPassword(person.email);
    await h.go('/apply');
    const deliver = h.page.getByRole('form', { name: 'Deliver for FieldToTable' });
    await deliver.getByLabel('Company or partner name').fill(PARTNER);
    await deliver.getByLabel('Regions you serve').fill('Gelderland');
    await deliver.getByRole('button', { name: 'Send application to deliver' }).click();
    await h.page.getByText('Waiting for an operator').waitFor();
    await h.size(PHONE);
    await h.screen('partner-apply-sent-phone');
    await h.size(DESKTOP);
  });

  it('when the operator approves it with a reason, then the applicant hears it by mail and may deliver', async () => {
    await h.signInAs('Ada');
    await h.go('/admin/applications');
    const card = h.page.getByRole('listitem').filter({ hasText: PARTNER });
    await card.getByRole('button', { name: `Approve ${PARTNER}…` }).click();
    await card.getByLabel('Reason (kept in the audit trail)').fill('insurance and bikes checked');
    await card.getByRole('button', { name: `Approve ${PARTNER}`, exact: true }).click();
    await h.page.getByText('No applications here.').waitFor();
    expect(await mailedText(person.email, new RegExp(`^${PARTNER} may deliver for FieldToTable$`))).toContain(
      'insurance and bikes checked',
    );
  });

  it('when the new partner opens the open shipments on a phone, then they claim a paid box, pick it up and deliver it with proof', async () => {
    await paidBox();
    await signInWithPassword(person.email);
    await h.size(PHONE);
    await h.go('/partner');
    await h.heading('Shipments').waitFor();
    await expect
      .poll(
        async () => {
          await h.page.reload();
          await h.page.getByText(/^No open shipments|^Ready since/).first().waitFor();
          return h.page.getByRole('button', { name: /^Claim shipment/ }).count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await h.screen('new-partner-open-shipments-phone');
    await h.page.getByRole('button', { name: /^Claim shipment/ }).first().click();
    await h.page.waitForURL(/\/partner\/shipments\//);
    await h.button('Picked up').click();
    await h.button('Out for delivery').click();
    await h.page.getByRole('form', { name: 'Hand it over' }).waitFor();
    await h.page.getByLabel('Proof reference').fill('SIG-NEW-1');
    await h.screen('new-partner-deliver-phone');
    await h.button('Delivered').click();
    await h.page.getByText('Delivered. Thank you!').waitFor();
    await h.screen('new-partner-delivered-phone');
    await h.size(DESKTOP);
    partnerToken = await tokenInBrowser();
    expect(partnerToken).not.toBe('');
  });
});

describe('an operator suspends the partner in identity, and reinstates it', () => {
  it('when the operator suspends the approved partner with a reason, then logistics refuses its next claim naming why; reinstated, the claim goes through', async () => {
    const next = await paidBox();
    await h.signInAs('Ada');
    await h.go('/admin/applications');
    await h.page.getByLabel('Show').selectOption('approved');
    const card = h.page.getByRole('listitem').filter({ hasText: PARTNER });
    await card.getByRole('button', { name: `Suspend ${PARTNER}…` }).click();
    await card.getByLabel('Reason (kept in the audit trail)').fill('boxes left in the rain twice');
    await h.size(PHONE);
    await h.screen('admin-suspend-partner-phone');
    await h.size(DESKTOP);
    await card.getByRole('button', { name: `Suspend ${PARTNER}`, exact: true }).click();
    await card.getByText('boxes left in the rain twice').waitFor();
    await h.screen('admin-partner-suspended-desktop');

    const refused = await eventually(
      async () => {
        const r = await claimWith(partnerToken, next);
        return r.status === 403 ? r : undefined;
      },
      30_000,
      300,
    );
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/suspended \(boxes left in the rain twice\)/);

    await card.getByRole('button', { name: `Reinstate ${PARTNER}…` }).click();
    await card.getByLabel('Reason (kept in the audit trail)').fill('talked it through');
    await card.getByRole('button', { name: `Reinstate ${PARTNER}`, exact: true }).click();
    await card.getByRole('button', { name: `Suspend ${PARTNER}…` }).waitFor();
    await eventually(async () => ((await claimWith(partnerToken, next)).status === 200 ? true : undefined), 30_000, 300);
    h.expectNoConsoleErrors();
  });
});
