import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, personas, useWebHarness } from './harness';
import { openShipmentOf, paidEggOrder, seedCatalog, untilOrdersPrice } from './seed';

/**
 * Issue #31: a partner without signal. The steps recorded offline (Chromium's offline emulation) are kept on the
 * phone, shown as waiting to send (in the header and on the shipment), and sent in order once the network is back,
 * each exactly once; a step that logistics refuses meanwhile (the order was cancelled) is shown with the reason.
 * Screenshots at 1280 and 390 px in every state: test-results/screenshots/offline-partner/.
 */
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
const h = useWebHarness('offline-partner', {
  stopAfterFailure: false,
  // its reload without signal opens from the app's service worker
  serviceWorkers: 'allow',
  tolerate: (text, url) =>
    // without signal every request fails (the bell's poll, the steps), and Chromium logs each
    /ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch/.test(text) ||
    // the refused pickup (the order was cancelled while it waited) is a 409 on purpose
    (/status of 409/.test(text) && /\/api\/logistics\/shipments\/[^/]+\/pickup$/.test(url)),
  seed: async ({ t, system, api }) => {
    seeded = await seedCatalog(t, system.catalog.url);
    await untilOrdersPrice(api, system.orders.url, seeded.eggsId);
  },
});
const { ben, pia } = personas;

type Shipment = { status: string; trackingCode: string; checkpoints: { place: string }[] };
type Tracking = { tracking?: { steps: { step: string; place?: string }[] } };

/** A paid order's shipment, claimed by Pia through the API; her page of it open in the browser. */
const claimedAndOpen = async () => {
  await h.browser.context.setOffline(false); // an earlier case that failed offline leaves the network as it was
  const order = await paidEggOrder(h.api, h.system.orders.url, seeded.eggsId);
  const L = h.system.logistics.url;
  const shipmentId = await openShipmentOf(h.api, L, order.orderId);
  expect((await h.api(pia, L, 'POST', `/shipments/${shipmentId}/claim`)).status).toBe(200);
  await h.go(`/partner/shipments/${shipmentId}`);
  await h.page.getByRole('form', { name: 'Pick up at Kippenhof Visser' }).waitFor();
  return { orderId: order.orderId, shipmentId };
};

const shipment = async (shipmentId: string) =>
  (await h.api<Shipment>(pia, h.system.logistics.url, 'GET', `/shipments/${shipmentId}`)).body;

/** Both widths of the screen as it is now. */
const shots = async (name: string) => {
  await h.screen(`${name}-desktop`);
  await h.size(PHONE);
  await h.screen(`${name}-phone`);
  await h.size(DESKTOP);
};

const header = () => h.page.locator('header');

describe('a partner without signal', () => {
  it('when the partner records the pickup and a checkpoint offline, then both wait on the phone and arrive once, in order, when the network is back', async () => {
    await h.signInAs('Pia');
    const { shipmentId } = await claimedAndOpen();

    await h.browser.context.setOffline(true);
    await h.button('Picked up').click();
    await h.page.getByRole('status').filter({ hasText: 'No connection: this step is kept on this phone' }).waitFor();
    await header().getByText('1 step waiting to send').waitFor();
    const kept = h.page.getByRole('region', { name: 'Kept on this phone' });
    await kept.getByText(/^Pickup, recorded /).waitFor();
    // the screen goes on as if picked up: the next step is offered while the pickup waits
    const checkpoint = h.page.getByRole('form', { name: 'Record a checkpoint' });
    await checkpoint.getByLabel('Place').fill('Farm lane');
    await checkpoint.getByLabel('Temperature (°C)').fill('4');
    await checkpoint.getByRole('button', { name: 'Save checkpoint' }).click();
    await header().getByText('2 steps waiting to send').waitFor();
    await kept.getByText(/^Checkpoint at Farm lane, recorded /).waitFor();
    expect(await kept.getByText('Waiting to send').count()).toBe(2);
    await shots('waiting');
    // nothing reached logistics
    expect((await shipment(shipmentId)).status).toBe('assigned');

    await h.browser.context.setOffline(false);
    await header().getByText(/waiting to send/).waitFor({ state: 'detached', timeout: 30_000 });
    await kept.waitFor({ state: 'detached' });
    await h.page.getByRole('form', { name: 'Record a checkpoint' }).waitFor();
    await shots('sent');

    const s = await shipment(shipmentId);
    expect(s.status).toBe('picked_up');
    expect(s.checkpoints.map((c) => c.place)).toEqual(['Farm lane']);
    const tracked = await h.api<Tracking>(null, h.system.logistics.url, 'GET', `/tracking?code=${s.trackingCode}`);
    const steps = tracked.body.tracking!.steps.map((x) => x.step);
    expect(steps.filter((x) => x === 'picked_up')).toHaveLength(1);
    expect(steps.filter((x) => x === 'checkpoint')).toHaveLength(1);
    // in the order recorded: the pickup, then the checkpoint
    expect(steps.indexOf('picked_up')).toBeLessThan(steps.indexOf('checkpoint'));
    h.expectNoConsoleErrors();
  });

  it('when the partner records the pickup offline and reloads the page without signal, then the installed app opens from its service worker, the pickup still waits, and it arrives once when the network is back', async () => {
    const { shipmentId } = await claimedAndOpen();
    // the service worker the build makes keeps the app shell (installed, and in control of this page)
    expect(
      // at most a minute (it fetches the whole shell first, slower on a busy machine): a page without a service
      // worker would wait forever (a string: the root tsconfig has no DOM types)
      await h.page.evaluate(`(async () => {
        await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 60000))]);
        for (let i = 0; i < 100 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
        return navigator.serviceWorker.controller?.scriptURL;
      })()`),
    ).toMatch(/\/sw\.js$/);
    await h.browser.context.setOffline(true);
    await h.button('Picked up').click();
    await header().getByText('1 step waiting to send').waitFor();

    await h.page.reload();
    await h.page.getByRole('region', { name: 'Kept on this phone' }).getByText(/^Pickup, recorded /).waitFor();
    await header().getByText('1 step waiting to send').waitFor();
    await h.page.getByRole('form', { name: 'Record a checkpoint' }).waitFor();
    await shots('reloaded-offline');
    expect((await shipment(shipmentId)).status).toBe('assigned');

    await h.browser.context.setOffline(false);
    await header().getByText(/waiting to send/).waitFor({ state: 'detached', timeout: 30_000 });
    const s = await shipment(shipmentId);
    expect(s.status).toBe('picked_up');
    const tracked = await h.api<Tracking>(null, h.system.logistics.url, 'GET', `/tracking?code=${s.trackingCode}`);
    expect(tracked.body.tracking!.steps.filter((x) => x.step === 'picked_up')).toHaveLength(1);
  });

  it('when a checkpoint reaches logistics but its answer is lost, then the phone keeps it, tries again and it is recorded once', async () => {
    const { shipmentId } = await claimedAndOpen();
    await h.button('Picked up').click();
    const checkpoint = h.page.getByRole('form', { name: 'Record a checkpoint' });
    await checkpoint.waitFor();
    // the request arrives and is recorded; the answer never reaches the phone (the signal went on the way back)
    await h.page.route(
      '**/api/logistics/shipments/*/checkpoints',
      async (route) => {
        await route.fetch();
        await route.abort('internetdisconnected');
      },
      { times: 1 },
    );
    await checkpoint.getByLabel('Place').fill('Dijkweg');
    await checkpoint.getByRole('button', { name: 'Save checkpoint' }).click();
    await header().getByText('1 step waiting to send').waitFor();
    await header().getByText(/waiting to send/).waitFor({ state: 'detached', timeout: 30_000 });
    const s = await shipment(shipmentId);
    expect(s.checkpoints.map((c) => c.place)).toEqual(['Dijkweg']);
  });

  it('when the order is cancelled while the pickup waits on the phone, then the partner sees it refused with the reason and dismisses it', async () => {
    const { orderId, shipmentId } = await claimedAndOpen();
    await h.browser.context.setOffline(true);
    await h.button('Picked up').click();
    await header().getByText('1 step waiting to send').waitFor();

    // meanwhile the buyer cancels; logistics accepts (nothing was picked up) and cancels the shipment
    expect(
      (await h.api(ben, h.system.orders.url, 'POST', `/orders/${orderId}/cancel`, { reason: 'I will be away' }))
        .status,
    ).toBe(202);
    await eventually(async () => ((await shipment(shipmentId)).status === 'cancelled' ? true : undefined), 30_000);

    await h.browser.context.setOffline(false);
    await header().getByText('1 step not recorded').waitFor({ timeout: 30_000 });
    const kept = h.page.getByRole('region', { name: 'Kept on this phone' });
    await kept.getByText('Pickup was not recorded.').waitFor();
    // the reason in the partner's words (the problem's code), and the service's own detail
    await kept.getByText(/the order was cancelled and its produce stays at the farm/).waitFor();
    await kept.getByText(/cannot pick up a shipment that is cancelled/).waitFor();
    // and the shipment as it stands now
    await h.page.getByText('This shipment is cancelled: nothing more to do.').waitFor();
    await shots('refused');

    await kept.getByRole('button', { name: 'Dismiss: Pickup' }).click();
    await kept.waitFor({ state: 'detached' });
    await header().getByText(/not recorded/).waitFor({ state: 'detached' });
    await h.page.reload();
    await h.page.getByText('This shipment is cancelled: nothing more to do.').waitFor();
    await shots('dismissed');
    expect((await shipment(shipmentId)).status).toBe('cancelled');
  });
});
