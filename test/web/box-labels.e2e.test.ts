import { readFileSync } from 'node:fs';
import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { buyerAddress } from '../support/actors';
import { qrCodesOf, textOf } from '../support/qr-from-pdf';
import { DESKTOP, PHONE, personas, useWebHarness } from './harness';
import { openShipmentOf, seedCatalog, untilOrdersPrice } from './seed';

/**
 * Issue #33 in the browser: Lena (Kippenhof Visser) prints her delivery day's box labels from the packing screen, on a
 * label printer's 100 × 150 mm and on A4 sheets; the QR code read from the downloaded PDF (rasterized, decoded with
 * jsQR) opens, signed out, the public story of that box: the eggs' field and harvest, the journey and the range,
 * and nothing about Ben, his address or his order. Desktop and phone, axe finds nothing (`shot()`); screenshots
 * in test-results/screenshots/box-labels/ (docs/screenshots/box-labels-*.png are copies).
 */
let seeded: Awaited<ReturnType<typeof seedCatalog>>;
let day = '';
let orderId = '';
let shipmentId = '';
const h = useWebHarness('box-labels', {
  seed: async ({ t, system, api }) => {
    seeded = await seedCatalog(t, system.catalog.url);
    await untilOrdersPrice(api, system.orders.url, seeded.eggsId);
  },
});

const { ben, pia } = personas;
type Options = {
  regions: { region: string; days: { day: string }[] }[];
  pickupPoints: { pickupPointId: string; name: string; region: string }[];
};
let point = '';
let label = '';

/** The harness's shot (axe, phone layout) in test-results/screenshots/box-labels/: a run never rewrites tracked files (the
 * ones in docs/screenshots/box-labels-*.png were copied from there by hand). */
const shot = (name: string) => h.screen(name);

const download = async (button: string) => {
  const saved = h.page.waitForEvent('download');
  await h.button(button).click();
  const file = await saved;
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
};

describe('box labels with a QR code, in the browser', () => {
  it('when Ben’s paid order goes to a pickup point on a delivery day, then Lena prints its label from the packing screen and its QR code names the box', async () => {
    const O = h.system.orders.url;
    const options = (await h.api<Options>(ben, O, 'GET', '/delivery/options')).body;
    day = options.regions.find((r) => r.region === 'Gelderland')!.days[0]!.day;
    const market = options.pickupPoints.find((p) => p.region === 'Gelderland')!;
    point = market.name;
    const placed = await h.api<{ orderId: string }>(ben, O, 'POST', '/orders', {
      lines: [{ listingId: seeded.eggsId, quantity: 2 }],
      ...buyerAddress,
      delivery: { method: 'pickup_point', pickupPointId: market.pickupPointId, day },
    });
    expect(placed.status).toBe(201);
    orderId = placed.body.orderId;
    const state = async () =>
      (await h.api<{ state: string }>(ben, O, 'GET', `/orders/${orderId}`)).body.state;
    await eventually(async () => ((await state()) === 'awaiting_payment' ? true : undefined), 30_000, 150);
    expect((await h.api(ben, O, 'POST', `/orders/${orderId}/pay`, { outcome: 'succeeded' })).status).toBe(
      200,
    );
    await eventually(async () => ((await state()) === 'confirmed' ? true : undefined), 30_000, 150);
    // logistics has made the box (partners see it open): it has its serial
    shipmentId = await openShipmentOf(h.api, h.system.logistics.url, orderId);
    await h.signInAs('Lena Visser');
    await h.page.getByRole('link', { name: 'Packing by day', exact: true }).click();
    await h.heading('Packing by delivery day').waitFor();
    await h.page.getByLabel('Delivery day', { exact: true }).selectOption(day);
    await h.page.getByText(`→ ${point}`).waitFor();
    const printed = await download('Print box labels (100 × 150 mm)');
    expect(printed.name).toBe(`box-labels-${day}.pdf`);
    const codes = qrCodesOf(printed.bytes);
    expect(codes).toHaveLength(1);
    label = codes[0]!;
    const url = new URL(label);
    expect(url.origin).toBe(h.web.url);
    expect(url.pathname).toMatch(new RegExp(`^/01/${seeded.eggsId}/10/EGG-[0-9A-Z]+/21/FTT-[0-9A-Z]{12}$`));
    for (const p of ['Ben', 'Jansen', 'Keizersgracht', orderId, ben.userId]) expect(label).not.toContain(p);

    const sheet = await download('Print box labels (A4 sheets)');
    expect(sheet.name).toBe(`box-labels-${day}-a4.pdf`);
    expect(qrCodesOf(sheet.bytes, { cols: 2, rows: 2 })).toEqual([label, null, null, null]);
    await shot('farmer-desktop');
    await h.size(PHONE);
    await shot('farmer-phone');
    await h.size(DESKTOP);
  });

  it('when anyone opens the scanned address, signed out, then they see the box’s field, harvest and journey, and nothing about the buyer', async () => {
    // Pia takes the box on its way (after the packing: a picked-up box is no longer to pack), so the story has a carrier
    const L = h.system.logistics.url;
    for (const step of ['claim', 'pickup'])
      expect((await h.api(pia, L, 'POST', `/shipments/${shipmentId}/${step}`)).status).toBe(200);
    expect(
      (
        await h.api(pia, L, 'POST', `/shipments/${shipmentId}/checkpoints`, {
          place: 'Hub Ede',
          temperatureC: 5,
        })
      ).status,
    ).toBe(201);

    await h.signOut();
    await h.page.goto(label);
    await h.heading('The story of this box').waitFor();
    const story = h.page.getByRole('region', { name: /^From Kippenhof Visser/ });
    await story.getByRole('heading', { name: /2 dozen Free-range eggs/ }).waitFor();
    await story.getByText('Hen house 1').waitFor();
    await h.page
      .getByText(/Carried by a FieldToTable delivery partner, kept between 2 °C and 8 °C/)
      .waitFor();
    await h.page.getByText('Hub Ede').waitFor();
    const text = await h.page.locator('main').innerText();
    for (const p of ['Ben', 'Jansen', 'Keizersgracht', '1234 5678', orderId, 'Pia'])
      expect(text).not.toContain(p);
    await shot('trace-desktop');
    await h.size(PHONE);
    await shot('trace-phone');
    await h.size(DESKTOP);
    h.expectNoConsoleErrors();
  });
});

describe('the buyer’s receipt, in the browser', () => {
  it('when Ben opens his paid order, then he downloads its receipt: Kippenhof Visser sells the eggs under its own number, with VAT and the total he paid', async () => {
    await h.signInAs('Ben Jansen');
    await h.go(`/orders/${orderId}`);
    await h.heading(/^Your order of/).waitFor();
    const saved = h.page.waitForEvent('download');
    await h.button('Receipt (PDF)').click();
    const file = await saved;
    expect(file.suggestedFilename()).toBe(`receipt-${orderId.slice(0, 8)}.pdf`);
    const text = textOf(new Uint8Array(readFileSync((await file.path())!))).replace(/\s+/g, ' ');
    expect(text).toContain('Receipt');
    expect(text).toMatch(/Sold by Kippenhof Visser No\. FARM-[A-Z0-9-]+-\d{4}-\d{2}-00001/);
    expect(text).toContain('2 dozen Free-range eggs');
    expect(text).toContain('VAT 9 %');
    expect(text).toMatch(/Total paid €\d+\.\d{2}/);
    await shot('receipt-desktop');
    await h.size(PHONE);
    await shot('receipt-phone');
    await h.size(DESKTOP);
    h.expectNoConsoleErrors();
  });
});
