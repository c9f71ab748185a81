import type { TestPrincipal } from '@ftt/kit/testing';
import { EventProbe, eventually } from '@ftt/kit/testing';
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { buyerAddress } from '../support/actors';
import { DESKTOP, PHONE, useWebHarness, type Who } from './harness';
import { seedCatalog } from './seed';

/**
 * The operators' back office in headless Chromium against the four services as processes: every screen at
 * desktop (1280x800) and phone (390x844) size, checked with axe-core and for console errors, and each
 * operator action (refund, replay, suspend and reinstate a farm and a partner) done through the UI.
 * Screenshots: test-results/screenshots/back-office/back-office-*.png.
 */
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
let paidOrderId = '';
let stuckOrderId = '';

const people: Record<string, TestPrincipal> = {
  ben: { userId: 'user-buyer-ben', role: 'buyer', name: 'Ben Jansen' },
  pia: { userId: 'user-partner-pia', role: 'logistics', name: 'Pia Koerier', region: 'Gelderland' },
  ada: { userId: 'user-admin-ada', role: 'admin', name: 'Ada Operator' },
};

/** The harness's api, with the service first and any body (as this suite reads it). */
const api = async (base: string, who: TestPrincipal, method: string, path: string, body?: unknown) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  h.api<any>(who as Who, base, method, path, body);

/** Orders learns of the listing from its event: until then it refuses the order (422), so try again. */
const placeOrder = async (quantity = 1): Promise<string> =>
  (await eventually(
    async () => {
      const r = await api(
        h.system.orders.url,
        people.ben!,
        'POST',
        '/orders',
        { lines: [{ listingId: seeded.eggsId, quantity }], ...buyerAddress },
      );
      return r.status === 201 ? (r.body.orderId as string) : undefined;
    },
    30_000,
    300,
  )) as string;

const h = useWebHarness('back-office', {
  seed: async ({ t, system }) => {
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
  },
});
beforeAll(() => h.page.setDefaultTimeout(20_000));
const { go, button } = h;
const heading = (name: string | RegExp) => h.page.getByRole('heading', { level: 1, name });

/** Saved as test-results/screenshots/back-office/back-office-<name>-<desktop|phone>.png: the harness's shot (axe, layout). */
const screen = async (name: string) => {
  const size = h.page.viewportSize()?.width === PHONE.width ? 'phone' : 'desktop';
  await h.page.waitForLoadState('networkidle').catch(() => undefined);
  await h.screen(`back-office-${name}-${size}`);
};

describe("the operators' back office", () => {
  it('when an operator signs in, then they land on the back office, and the shop and "my orders" lead there too', async () => {
    await go('/signin');
    await button(/^Sign in as Ada Operator/).click();
    await h.page.waitForURL((u: URL) => u.pathname === '/admin');
    await heading('Back office').waitFor();
    const nav = h.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Back office', exact: true }).waitFor();
    expect(await nav.getByRole('link', { name: 'Browse', exact: true }).count()).toBe(0);
    await go('/');
    await h.page.waitForURL((u: URL) => u.pathname === '/admin');
    await go('/orders');
    await h.page.waitForURL((u: URL) => u.pathname === '/admin/orders');
    await go('/partner');
    await heading('Shipments').waitFor();
    await h.page.getByText('Enter a region to see its open shipments.').waitFor();
    expect(await h.page.getByText('Something went wrong').count()).toBe(0);
  });

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    describe(`at ${size} size`, () => {
      beforeAll(async () => {
        await h.page?.setViewportSize(viewport);
      });

      it('when the overview opens, then every service shows its outbox backlog and consumer lag, refreshed without a reload', async () => {
        await go('/admin');
        await heading('Back office').waitFor();
        for (const s of ['catalog', 'orders', 'logistics', 'notifications'])
          await h.page.getByRole('rowheader', { name: s }).waitFor();
        expect(await h.page.getByText('unavailable').count()).toBe(0);
        const lagCalls: string[] = [];
        const onRequest = (r: { url: () => string }) => {
          if (r.url().includes('/admin/lag')) lagCalls.push(r.url());
        };
        h.page.on('request', onRequest);
        await expect.poll(() => lagCalls.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
        h.page.off('request', onRequest);
        await screen('overview');
      });

      it('when the operator filters, searches and pages the orders, then the list follows', async () => {
        await go('/admin/orders');
        await heading('Orders').waitFor();
        const rows = h.page.getByRole('region', { name: 'Orders' }).getByRole('row');
        await expect.poll(() => rows.count()).toBe(21); // a header and a page of 20
        await screen('orders');
        await button('Next page').click();
        await expect.poll(() => rows.count()).toBe(2); // the 21st order
        await button('First page').click();
        await h.page.getByLabel('State').selectOption('confirmed');
        await expect.poll(() => rows.count()).toBe(2);
        await h.page.getByRole('link', { name: new RegExp(paidOrderId) }).waitFor();
        await h.page.getByLabel('State').selectOption('');
        await h.page.getByLabel('Search by').selectOption('orderId');
        await h.page.getByLabel('Search', { exact: true }).fill(stuckOrderId.slice(0, 10));
        await button('Search').click();
        await h.page.getByRole('link', { name: new RegExp(stuckOrderId) }).waitFor();
        await expect.poll(() => rows.count()).toBe(2);
      });

      it("when the operator opens an order, then the three services' steps come in time order with who, when and the trace id", async () => {
        await go(`/admin/orders/${paidOrderId}`);
        await heading(`Order ${paidOrderId.slice(0, 8)}`).waitFor();
        const saga = h.page.getByRole('region', { name: 'Saga timeline' });
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
          await h.page.getByLabel(/^Amount in EUR/).fill('1.00');
          await h.page.getByLabel('Reason (kept in the audit trail)').fill('Two eggs arrived broken');
          await button('Refund').click();
          await h.page.getByText('Two eggs arrived broken').first().waitFor();
          await saga.getByText('admin.order.refund', { exact: true }).waitFor();
        }
        await screen('order');
      });

      it('when an order has not changed for longer than the bound, then it is listed as stuck', async () => {
        await go('/admin/stuck');
        await heading('Stuck orders').waitFor();
        await h.page.getByRole('link', { name: new RegExp(stuckOrderId) }).waitFor();
        await screen('stuck');
        await h.page.getByLabel('Unchanged for more than (minutes)').fill('600');
        await button('Show').click();
        await h.page.getByText('No order has been waiting longer than 600 minutes.').waitFor();
      });

      it('when a service dead-lettered a message, then it shows with its error, and a replay is sent and audited', async () => {
        await go('/admin/dead-letters');
        await heading('Dead letters').waitFor();
        const catalogLetters = h.page.getByRole('list', { name: 'Dead letters of catalog' });
        await catalogLetters
          .getByText(/not|invalid|JSON/i)
          .first()
          .waitFor({ timeout: 30_000 });
        await h.page.getByRole('list', { name: 'Dead letters of logistics' }).waitFor({ timeout: 30_000 });
        await h.page.getByRole('list', { name: 'Dead letters of notifications' }).waitFor({ timeout: 30_000 });
        if (size === 'desktop') {
          await catalogLetters
            .getByRole('button', { name: /^Replay/ })
            .first()
            .click();
          await h.page.getByLabel('Why replay it (what was fixed)').fill('Checking the replay path');
          await button('Replay now').click();
          await h.page.getByText(/^Replayed .* to ftt\.orders\.v1\.$/).waitFor();
          const all = await api(h.system.catalog.url, people.ada!, 'GET', '/admin/audit');
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
        await h.page.getByRole('heading', { name: 'Kippenhof Visser' }).waitFor();
        await screen('farms');
        await button('Suspend Kippenhof Visser…').click();
        await h.page.getByLabel('Reason (kept in the audit trail)').fill(`Hygiene inspection (${size})`);
        await button('Suspend Kippenhof Visser').click();
        await h.page.getByText(`Hygiene inspection (${size})`).waitFor();
        const search = async () =>
          (
            (await (await fetch(`${h.system.catalog.url}/listings?q=Free-range`)).json()) as {
              items: unknown[];
            }
          ).items.length;
        expect(await search()).toBe(0);
        await button('Reinstate Kippenhof Visser…').click();
        await h.page.getByLabel('Reason (kept in the audit trail)').fill('Inspection passed');
        await button('Reinstate Kippenhof Visser').click();
        await button('Suspend Kippenhof Visser…').waitFor();
        expect(await search()).toBe(1);
      });

      it('when the operator suspends a partner, then the partner shows as suspended until reinstated', async () => {
        await go('/admin/partners');
        await heading('Partners').waitFor();
        await h.page.getByRole('heading', { name: 'Pia Koerier' }).waitFor();
        await button('Suspend Pia Koerier…').click();
        await h.page.getByLabel('Reason (kept in the audit trail)').fill(`Missed pickups (${size})`);
        await button('Suspend Pia Koerier').click();
        await h.page.getByText(`Missed pickups (${size})`).waitFor();
        await screen('partners');
        await button('Reinstate Pia Koerier…').click();
        await h.page.getByLabel('Reason (kept in the audit trail)').fill('Talked it through');
        await button('Reinstate Pia Koerier').click();
        await button('Suspend Pia Koerier…').waitFor();
      });
    });
  }

  it('when the whole back office was used, then the browser logged no console errors', () => {
    h.expectNoConsoleErrors();
  });
});
