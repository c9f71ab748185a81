import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, token } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { buyerAddress } from '../support/actors';
import { pdfPageAsCamera, qrCodesOf } from '../support/qr-from-pdf';
import { root } from '../support/system';
import { DESKTOP, PHONE, personas, useWebHarness } from './harness';
import { openShipmentOf, seedCatalog, untilOrdersPrice, users } from './seed';

/**
 * Issue #33 in the browser: Pia scans a box label with her phone's camera to pick up, then deliver, that box.
 * Chromium's fake camera plays a video of the label Lena printed (the PDF's page rasterized into Y4M frames,
 * `--use-file-for-fake-video-capture`); the scanner reads the QR code (jsQR here: this Chromium has no
 * BarcodeDetector for QR codes), finds the box and opens it to take the step. Desktop and phone, axe finds
 * nothing; screenshots in test-results/screenshots/box-scan/ (docs/screenshots/box-scan-*.png are copies).
 */
const camera = join(root, 'test-results', `box-scan-camera-${process.pid}.y4m`);
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
let orderId = '';
let shipmentId = '';
let label = '';
const { ben, pia } = personas;

type Options = {
  regions: { region: string; days: { day: string }[] }[];
  pickupPoints: { pickupPointId: string; region: string }[];
};

const h = useWebHarness('box-scan', {
  browserArgs: [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${camera}`,
  ],
  seed: async ({ t, system, api }) => {
    seeded = await seedCatalog(t, system.catalog.url);
    const [O, L] = [system.orders.url, system.logistics.url];
    await untilOrdersPrice(api, O, seeded.eggsId);
    // Ben's eggs go to a pickup point on the first delivery day; he pays; Pia claims the box
    const options = (await api<Options>(ben, O, 'GET', '/delivery/options')).body;
    const day = options.regions.find((r) => r.region === 'Gelderland')!.days[0]!.day;
    const point = options.pickupPoints.find((p) => p.region === 'Gelderland')!;
    const placed = await api<{ orderId: string }>(ben, O, 'POST', '/orders', {
      lines: [{ listingId: seeded.eggsId, quantity: 1 }],
      ...buyerAddress,
      delivery: { method: 'pickup_point', pickupPointId: point.pickupPointId, day },
    });
    orderId = placed.body.orderId;
    const state = async () => (await api<{ state: string }>(ben, O, 'GET', `/orders/${orderId}`)).body.state;
    await eventually(async () => ((await state()) === 'awaiting_payment' ? true : undefined), 30_000, 150);
    await api(ben, O, 'POST', `/orders/${orderId}/pay`, { outcome: 'succeeded' });
    shipmentId = await openShipmentOf(api, L, orderId);
    expect((await api(pia, L, 'POST', `/shipments/${shipmentId}/claim`)).status).toBe(200);
    // Lena prints the day's label; the camera will see it
    const res = await fetch(`${L}/farms/${seeded.lenaFarmId}/box-labels.pdf?day=${day}`, {
      headers: { authorization: `Bearer ${await token(t, users.lena)}` },
    });
    const pdf = new Uint8Array(await res.arrayBuffer());
    label = qrCodesOf(pdf)[0]!;
    mkdirSync(join(root, 'test-results'), { recursive: true });
    pdfPageAsCamera(pdf, camera);
  },
});

/** The harness's shot (axe, phone layout) in test-results/screenshots/box-scan/: a run never rewrites tracked files (the
 * ones in docs/screenshots/box-scan-*.png were copied from there by hand). */
const shot = (name: string) => h.screen(name);
const status = async () =>
  (await h.api<{ status: string }>(pia, h.system.logistics.url, 'GET', `/shipments/${shipmentId}`)).body
    .status;

describe('a partner scans a box label', () => {
  it('when Pia points her camera at the label of a box she claimed, then the scanner finds it and she picks it up', async () => {
    expect(label).toMatch(/\/21\/FTT-[0-9A-Z]{12}$/);
    await h.signInAs('Pia Koerier');
    await h.page.getByRole('link', { name: 'Scan a box label', exact: true }).click();
    await h.heading('Scan a box label').waitFor();
    const found = h.page.getByRole('region', { name: /^Box from Kippenhof Visser/ });
    await found.waitFor({ timeout: 20_000 });
    await found.getByText(label.split('/21/')[1]!).waitFor();
    await shot('found-desktop');
    await h.size(PHONE);
    await shot('found-phone');
    await h.size(DESKTOP);
    await found.getByRole('link', { name: 'Open to pick up' }).click();
    await h.button('Picked up').click();
    await expect.poll(status).toBe('picked_up');
  });

  it('when the box is out for delivery and she scans it again, then it opens to be delivered', async () => {
    expect(
      (await h.api(pia, h.system.logistics.url, 'POST', `/shipments/${shipmentId}/out-for-delivery`)).status,
    ).toBe(200);
    await h.go('/partner/scan');
    const found = h.page.getByRole('region', { name: /^Box from Kippenhof Visser/ });
    await found.getByRole('link', { name: 'Open to deliver' }).click({ timeout: 20_000 });
    await h.page.getByLabel('Received by').fill('Hofwinkel De Eng');
    await h.page.getByLabel('Proof reference').fill('SIG-4411');
    await h.button('Delivered').click();
    await expect.poll(status).toBe('delivered');
    h.expectNoConsoleErrors();
  });
});
