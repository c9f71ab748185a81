import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, eventually } from '../support/actors';
import { placeOrder } from '../support/saga-steps';
import { ServiceProcess } from '../support/system';
import { auditAccessibility } from '../../web/test/browser';
import { DESKTOP, PHONE, useWebHarness } from './harness';
import { seedCatalog } from './seed';

/**
 * The temperature curve on the buyer's trace page: a logger on the eggs' shipment (range 2..8 °C) reads 11 °C for
 * twenty minutes; the page draws the curve (SVG), says in words what it shows and lists the readings in a table.
 * Desktop 1280x800 and phone 390x844, axe-core without violations, no console errors.
 */
let ingest: ServiceProcess | undefined;
let orderId = '';
const h = useWebHarness('cold-chain', {
  // each step stands alone
  stopAfterFailure: false,
  seed: async ({ t, system }) => {
    const readingsIn = await new ServiceProcess('logistics', t, { READINGS_MAX_FUTURE_MS: String(86_400_000) }, 1, 'ingest-main.ts').start();
    ingest = readingsIn;
    const seeded = await seedCatalog(t, system.catalog.url);
    const [O, L] = [system.orders.url, system.logistics.url];

    // Ben orders the eggs and pays (the simulated provider); Pia takes the box with a logger in her van.
    const ben = await actor(t, 'user-buyer-ben', 'buyer');
    const pia = await actor(t, 'user-partner-pia', 'logistics', 'Gelderland');
    orderId = (await placeOrder(O, ben, [{ listingId: seeded.eggsId }], 2, `cold-web-${t.run}`)).orderId;
    await eventually(
      async () =>
        (await ben.call(O, 'POST', `/orders/${orderId}/pay`, { outcome: 'succeeded' })).status === 200,
      30_000,
      250,
    );
    const open = await eventually(async () => {
      const r = await pia.call<{ shipmentId: string; orderId: string }[]>(
        L,
        'GET',
        '/shipments/open?region=Gelderland',
      );
      return r.body.find((s) => s.orderId === orderId);
    }, 30_000);
    for (const step of ['claim', 'pickup']) await pia.call(L, 'POST', `/shipments/${open.shipmentId}/${step}`);
    const device = await pia.call<{ deviceId: string; secret: string }>(L, 'POST', '/devices', {
      kind: 'vehicle',
      label: 'Van 2',
    });
    const attached = await pia.call<{ from: string }>(
      L,
      'POST',
      `/devices/${device.body.deviceId}/attachments`,
      { shipmentId: open.shipmentId },
    );
    const start = Date.parse(attached.body.from) + 1_000;
    // Ninety minutes, a reading a minute: cool, a warm stretch of 20 minutes, cool again.
    const readings = Array.from({ length: 90 }, (_, i) => ({
      t: new Date(start + i * 60_000).toISOString(),
      c: i >= 30 && i < 51 ? 10.5 + (i % 3) * 0.4 : 4 + Math.sin(i / 9),
    }));
    const res = await fetch(`${readingsIn.url}/readings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Device ${device.body.deviceId}:${device.body.secret}`,
      },
      body: JSON.stringify({ readings }),
    });
    expect(res.status).toBe(202);
    await eventually(async () => {
      const r = await pia.call<{ excursions: unknown[] }>(L, 'GET', `/shipments/${open.shipmentId}`);
      return r.body.excursions.length === 1;
    }, 30_000);
  },
});
beforeAll(() => h.page.setDefaultTimeout(20_000));
afterAll(async () => {
  await ingest?.stop();
});

const openTrace = async () => {
  await h.signInAs('Ben Jansen');
  await h.go(`/orders/${orderId}/trace`);
  await h.heading('Where did my food come from?').waitFor();
  // the warm stretch is said in the heading too, not only in the curve (issue 29, finding 12)
  await h.page
    .getByRole('heading', { name: 'Temperature on the way: too warm or too cold for a while' })
    .waitFor();
};

describe('the temperature curve on the trace page', () => {
  it('when a logger measured the eggs’ trip with a warm stretch, then the desktop page draws it, says it in words and lists it in a table', async () => {
    await h.page.setViewportSize(DESKTOP);
    await openTrace();
    const figure = h.page.getByRole('figure', { name: /Temperature on the way/ });
    await figure.waitFor();
    const caption = await figure.locator('figcaption').innerText();
    expect(caption).toMatch(/Allowed 2\.0 °C to 8\.0 °C/);
    expect(caption).toMatch(/1 period outside the range/);
    expect(await figure.locator('svg polyline').count()).toBe(1);
    expect(await figure.locator('svg rect.excursion').count()).toBe(1);
    expect(await figure.locator('svg').getAttribute('aria-hidden')).toBe('true');

    await h.page.getByText('Readings as a table').click();
    const table = h.page.getByRole('table', { name: /Temperature readings of this shipment/ });
    await table.waitFor();
    const rows = await table.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThanOrEqual(240);
    expect(await table.locator('tbody td', { hasText: /^no$/ }).count()).toBeGreaterThan(0);
    expect(await auditAccessibility(h.page)).toEqual([]);
    await h.page.getByText('Readings as a table').click();
    await figure.scrollIntoViewIfNeeded();
    expect(statSync(await h.browser.shot('cold-chain-curve')).size).toBeGreaterThan(0);
  });

  it('when the buyer looks on a phone, then the curve fits the screen and passes the accessibility audit', async () => {
    await h.page.setViewportSize(PHONE);
    await openTrace();
    const svg = h.page.getByRole('figure', { name: /Temperature on the way/ }).locator('svg');
    await svg.waitFor();
    const box = await svg.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(PHONE.width);
    // the axis labels are read at 12 px on the phone too (the drawing follows the width it gets, not 640 px scaled)
    await expect
      .poll(async () =>
        Math.min(
          ...(await svg
            .locator('text.axis')
            .evaluateAll((els) =>
              els.map(
                (e) =>
                  (
                    e as unknown as { getBoundingClientRect: () => { height: number } }
                  ).getBoundingClientRect().height,
              ),
            )),
        ),
      )
      .toBeGreaterThanOrEqual(11);
    expect(await h.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await auditAccessibility(h.page)).toEqual([]);
    await h.browser.shot('cold-chain-curve-phone');
  });

  it('when the pages were used, then the browser logged no console error', () => {
    h.expectNoConsoleErrors();
  });
});
