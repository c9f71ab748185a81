import { randomUUID } from 'node:crypto';
import { Topics } from '@ftt/contracts';
import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually, startServiceUnderTest, testEnv, token } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { qrCodesOf, textOf } from '../../../test/support/qr-from-pdf';
import { parseDigitalLink } from '../src/domain/labels/digital-link';
import { startLogistics } from '../src/service';
import {
  awaitShipments,
  BUYER,
  type Harness,
  HOME,
  listing,
  MARKET,
  orderConfirmed,
  type OrderConfirmed,
  users,
} from './support';

/**
 * Issue #33: a farm prints a label per box, and its QR code opens the public trace of that box — decoded here from the
 * rasterized PDF as a phone would, then opened: field, harvest, journey and temperatures, nothing personal.
 */
const SITE = 'https://shop.test.example';
const h = startedForFile((): Promise<Harness> => {
  const t = testEnv('logistics-box-labels');
  return startServiceUnderTest(t, [Topics.orders, Topics.listings, Topics.shipments], () =>
    startLogistics(t.serviceEnv({ TRACE_ID_BASE: 'https://id.test.example', APP_URL: SITE })),
  );
});

const DAY = '2026-12-18';

const tomatoes = listing({ farm: 'dehof', lotCode: `LBL-${randomUUID().slice(0, 6)}` });
const beans = listing({ farm: 'dehof', lotCode: `LBL-${randomUUID().slice(0, 6)}`, title: 'Runner beans' });
const kale = listing({ farm: 'polder', lotCode: `LBL-${randomUUID().slice(0, 6)}` });
const home: OrderConfirmed = { ...orderConfirmed([tomatoes]), deliveryDate: DAY, drop: HOME };
const market: OrderConfirmed = (() => {
  const o = orderConfirmed([tomatoes, kale]);
  // De Hof's box holds two products: the label lists both lots
  const dehof = {
    ...o.shipments[0]!,
    lines: [
      ...o.shipments[0]!.lines,
      {
        listingId: beans.listingId,
        title: beans.title,
        quantity: 2,
        unit: 'kg' as const,
        lotCode: beans.lot.lotCode,
      },
    ],
  };
  return { ...o, shipments: [dehof, o.shipments[1]!], deliveryDate: DAY, drop: MARKET };
})();

const labelsPdf = async (who: (typeof users)[keyof typeof users], query: string, farm = 'farm-dehof') => {
  const res = await fetch(`${h.svc.url}/farms/${farm}/box-labels.pdf?${query}`, {
    headers: { authorization: `Bearer ${await token(h.t, who)}` },
  });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
};

/** Everything personal the orders carry: none of it may be in a trace address or page. */
const personal = () => [
  BUYER.contactName,
  BUYER.contactName.split(' ')[0]!,
  BUYER.phone,
  BUYER.line1,
  BUYER.postalCode,
  users.ben.userId,
  users.pia.userId,
  users.pia.name,
  home.orderId,
  market.orderId,
];

describe('box labels with a QR code', () => {
  it('when a farm prints its day on a label printer, then each box has a page whose QR code opens the public trace of that box', async () => {
    for (const l of [tomatoes, beans, kale]) await h.probe.send('ftt.catalog.listing.published.v1', l);
    for (const o of [home, market]) await h.probe.send('ftt.orders.order.confirmed.v1', o);
    const [homeBox] = await awaitShipments(h, home.orderId, 1);
    const [marketBox] = await awaitShipments(h, market.orderId, 2);
    await eventually(
      async () => (await h.db.db!.collection('lots').countDocuments({ lotCode: beans.lot.lotCode })) === 1,
    );
    // the market box travels: claimed, picked up and checked at a hub at 11 °C
    const id = String(marketBox!._id);
    expect((await h.call('POST', `/shipments/${id}/claim`, users.pia)).status).toBe(200);
    expect((await h.call('POST', `/shipments/${id}/pickup`, users.pia)).status).toBe(200);
    expect(
      (
        await h.call('POST', `/shipments/${id}/checkpoints`, users.pia, {
          place: 'Hub Ede',
          temperatureC: 11,
        })
      ).status,
    ).toBe(201);

    const { res, bytes } = await labelsPdf(users.anna, `day=${DAY}&format=label`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    const codes = qrCodesOf(bytes);
    // De Hof's two boxes of the day (Polderhoeve's kale is another farm's label): the pickup point's first
    expect(codes).toHaveLength(2);
    expect(codes.every((c) => c?.startsWith(`${SITE}/01/`))).toBe(true);
    const keys = codes.map((c) => parseDigitalLink(c!)!);
    expect(keys).toEqual([
      { product: tomatoes.listingId, lot: tomatoes.lot.lotCode, serial: marketBox!.trackingCode },
      { product: tomatoes.listingId, lot: tomatoes.lot.lotCode, serial: homeBox!.trackingCode },
    ]);

    // open the scanned address, as the web app's trace page asks it: no sign-in
    const url = new URL(codes[0]!);
    const trace = await h.call('GET', `/boxes${url.pathname}`);
    expect(trace.status).toBe(200);
    expect(trace.body).toMatchObject({
      serial: marketBox!.trackingCode,
      status: 'picked_up',
      farmName: 'De Hof',
      carried: true,
      coldChain: { minC: 8, maxC: 14 },
      scanned: { listingId: tomatoes.listingId, lotCode: tomatoes.lot.lotCode },
      contents: [
        {
          title: tomatoes.title,
          lotCode: tomatoes.lot.lotCode,
          field: 'Greenhouse 2',
          harvestDate: '2026-11-27',
        },
        {
          title: 'Runner beans',
          lotCode: beans.lot.lotCode,
          field: 'Greenhouse 2',
          harvestDate: '2026-11-27',
        },
      ],
      temperatures: { farmName: 'De Hof', coldChain: { minC: 8, maxC: 14 } },
    });
    expect(trace.body.steps.map((s: { step: string }) => s.step)).toEqual([
      'created',
      'assigned',
      'picked_up',
      'checkpoint',
    ]);
    expect(trace.body.steps.at(-1)).toMatchObject({ place: 'Hub Ede', temperatureC: 11 });
    // nothing personal in the address or the page
    const page = JSON.stringify(trace.body);
    for (const p of personal()) {
      expect(codes.join(' '), p).not.toContain(p);
      expect(page, p).not.toContain(p);
    }
    expect(page).not.toContain(id);
  });

  it('when the label is read, then it names the pickup point or only the buyer’s first name, the day, the lots and the range', async () => {
    const text = textOf((await labelsPdf(users.piet, `day=${DAY}`)).bytes);
    expect(text).toContain('DELIVER TO');
    expect(text).toContain('Bendert');
    expect(text).not.toContain('Koopmans');
    expect(text).not.toContain(BUYER.line1);
    expect(text).not.toContain(BUYER.phone);
    expect(text).toContain('PICKUP POINT');
    expect(text).toContain('Marktkraam Wageningen');
    expect(text).toContain('Friday 18 December 2026');
    expect(text).toContain(`lot ${tomatoes.lot.lotCode}`);
    expect(text).toContain(`lot ${beans.lot.lotCode}`);
    expect(text).toContain('2 kg  Runner beans');
    expect(text).toContain('KEEP AT 8 - 14 °C');
    expect(text).not.toContain(kale.lot.lotCode);
  });

  it('when a farm prints A4 sheets, then four labels share a page and each one’s code is read on its own', async () => {
    const { res, bytes } = await labelsPdf(users.anna, `day=${DAY}&format=a4`);
    expect(res.status).toBe(200);
    const cells = qrCodesOf(bytes, { cols: 2, rows: 2 });
    expect(cells).toHaveLength(4);
    const serials = cells.slice(0, 2).map((c) => parseDigitalLink(c!)!.serial);
    const boxes = [
      ...(await awaitShipments(h, home.orderId, 1)),
      ...(await awaitShipments(h, market.orderId, 2)),
    ];
    expect(serials).toEqual([
      boxes.find((b) => b.farmId === 'farm-dehof' && b.orderId === market.orderId)!.trackingCode,
      boxes[0]!.trackingCode,
    ]);
    expect(cells.slice(2)).toEqual([null, null]);
  });

  it('when an address names a product or lot that box does not hold, or no box, then the public page finds nothing', async () => {
    const [box] = await awaitShipments(h, home.orderId, 1);
    const path = (product: string, lot: string, serial: string) =>
      `/boxes/01/${product}/10/${lot}/21/${serial}`;
    expect(
      (await h.call('GET', path(tomatoes.listingId, tomatoes.lot.lotCode, box!.trackingCode))).status,
    ).toBe(200);
    expect((await h.call('GET', path(kale.listingId, kale.lot.lotCode, box!.trackingCode))).status).toBe(404);
    expect((await h.call('GET', path(tomatoes.listingId, beans.lot.lotCode, box!.trackingCode))).status).toBe(
      404,
    );
    expect(
      (await h.call('GET', path(tomatoes.listingId, tomatoes.lot.lotCode, 'FTT-000000000000'))).status,
    ).toBe(404);
    const bad = await h.call('GET', path(tomatoes.listingId, tomatoes.lot.lotCode, 'not-a-serial'));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('serial');
  });

  it('when someone who does not pack for the farm asks for its labels, or asks badly, then they get a problem, not a PDF', async () => {
    expect((await labelsPdf(users.joost, `day=${DAY}`)).res.status).toBe(403);
    expect((await labelsPdf(users.ben, `day=${DAY}`)).res.status).toBe(403);
    expect((await labelsPdf(users.ada, `day=${DAY}`)).res.status).toBe(200);
    const noDay = await labelsPdf(users.anna, 'format=label');
    expect(noDay.res.status).toBe(400);
    expect(new TextDecoder().decode(noDay.bytes)).toContain('query.day');
    const badFormat = await labelsPdf(users.anna, `day=${DAY}&format=letter`);
    expect(badFormat.res.status).toBe(400);
    expect(new TextDecoder().decode(badFormat.bytes)).toContain('query.format');
    expect((await fetch(`${h.svc.url}/farms/farm-dehof/box-labels.pdf?day=${DAY}`)).status).toBe(401);
  });

  it('when a partner scans a label, then the serial names the shipment to step: in full for its carrier, open ones for any partner, nobody else’s', async () => {
    const [homeBox] = await awaitShipments(h, home.orderId, 1);
    const marketBox = (await awaitShipments(h, market.orderId, 2)).find((b) => b.farmId === 'farm-dehof')!;
    const scan = (serial: string, who?: (typeof users)[keyof typeof users]) =>
      h.call('GET', `/shipments/by-serial/${serial}`, who);
    expect((await scan(marketBox.trackingCode, users.pia)).body).toEqual({
      shipmentId: String(marketBox._id),
      serial: marketBox.trackingCode,
      status: 'picked_up',
      farmName: 'De Hof',
      access: 'full',
    });
    expect((await scan(marketBox.trackingCode, users.dirk)).body).toMatchObject({ access: 'full' });
    expect((await scan(marketBox.trackingCode, users.omar)).status).toBe(403);
    expect((await scan(homeBox!.trackingCode, users.omar)).body).toMatchObject({
      status: 'open',
      access: 'open',
    });
    expect((await scan('FTT-000000000000', users.pia)).status).toBe(404);
    expect((await scan('FTT-nope', users.pia)).status).toBe(400);
    expect((await scan(marketBox.trackingCode, users.ben)).status).toBe(403);
    expect((await scan(marketBox.trackingCode)).status).toBe(401);
  });
});
