import { randomUUID } from 'node:crypto';
import { eventually } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { validateEpcisDocument } from './epcis-validator';
import {
  awaitShipments,
  BUYER,
  listing,
  orderConfirmed,
  startHarness,
  users,
  type Harness,
  type Listing,
  type OrderConfirmed,
} from './support';

let h: Harness;
let a: Listing; // De Hof tomatoes: delivered, with a checkpoint
let b: Listing; // Polderhoeve kale: picked up only; lot code and field need URL and CSV escaping
let order: OrderConfirmed;
const enc = encodeURIComponent;

beforeAll(async () => {
  h = await startHarness('logistics-trace');
  a = listing({ farm: 'dehof', lotCode: `NL-DEHOF-${randomUUID().slice(0, 8)}` });
  b = listing({ farm: 'polder', lotCode: `NL/POLDER ${randomUUID().slice(0, 6)}` });
  await h.probe.send('ftt.catalog.listing.published.v1', a);
  await h.probe.send('ftt.catalog.listing.published.v1', b);
  order = orderConfirmed([a, b]);
  await h.probe.send('ftt.orders.order.confirmed.v1', order);
  const [dehof, polder] = await awaitShipments(h, order.orderId, 2);
  await eventually(async () => (await h.db.db!.collection('lots').countDocuments()) === 2);
  const A = `/shipments/${String(dehof!._id)}`;
  const B = `/shipments/${String(polder!._id)}`;
  for (const [path, body] of [
    [`${A}/claim`],
    [`${A}/pickup`],
    [`${A}/checkpoints`, { place: 'Hub Utrecht', temperatureC: 11 }],
    [`${A}/out-for-delivery`],
    [`${A}/deliver`, { recipientName: BUYER.contactName, proofRef: 'POD-123' }],
  ] as [string, unknown?][]) {
    expect((await h.call('POST', path, users.pia, body)).status).toBeLessThan(300);
  }
  expect((await h.call('POST', `${B}/claim`, users.omar)).status).toBe(200);
  expect((await h.call('POST', `${B}/pickup`, users.omar)).status).toBe(200);
});
afterAll(async () => {
  await h?.stop();
});

const personal = [
  BUYER.contactName,
  BUYER.phone,
  BUYER.line1,
  BUYER.line2,
  BUYER.postalCode,
  users.pia.userId,
  users.omar.userId,
];

describe('trace by lot and by order', () => {
  it('when the farmer traces a lot, then they see farm, field and harvest, the order, the shipment with its checkpoints and the delivery', async () => {
    const r = await h.call('GET', `/trace/lots/${enc(a.lot.lotCode)}`, users.anna);
    expect(r.status).toBe(200);
    expect(r.body.lot).toMatchObject({
      lotCode: a.lot.lotCode,
      farmId: 'farm-dehof',
      farmName: 'De Hof',
      field: 'Greenhouse 2',
      harvestDate: '2026-11-27',
      product: 'Truss tomatoes',
    });
    expect(r.body.orders).toHaveLength(1);
    expect(r.body.orders[0]).toMatchObject({ orderId: order.orderId, quantity: 3, unit: 'kg' });
    const s = r.body.orders[0].shipment;
    expect(s).toMatchObject({ status: 'delivered', destination: { city: BUYER.city, country: 'NL' } });
    expect(s.checkpoints).toEqual([
      expect.objectContaining({ place: 'Hub Utrecht', temperatureC: 11, excursion: false }),
    ]);
    expect(Date.parse(s.pickedUpAt)).toBeLessThanOrEqual(Date.parse(s.deliveredAt));
    for (const p of personal) expect(r.text).not.toContain(p);
  });

  it('when a lot code holds a slash and a space, then it is traced through its URL-encoded form', async () => {
    const r = await h.call('GET', `/trace/lots/${enc(b.lot.lotCode)}`, users.joost);
    expect(r.status).toBe(200);
    expect(r.body.lot.field).toBe('North field, plot "7"');
    expect(r.body.orders[0].shipment.status).toBe('picked_up');
  });

  it("when someone other than the lot's farmer or an admin traces a lot, then 403; an unknown lot is 404", async () => {
    expect((await h.call('GET', `/trace/lots/${enc(a.lot.lotCode)}`, users.joost)).status).toBe(403);
    expect((await h.call('GET', `/trace/lots/${enc(a.lot.lotCode)}`, users.ben)).status).toBe(403);
    // a packer of the lot's farm: traceability exports are its owners' (the permission table)
    expect((await h.call('GET', `/trace/lots/${enc(a.lot.lotCode)}/fsma.csv`, users.piet)).status).toBe(403);
    expect((await h.call('GET', `/trace/lots/${enc(a.lot.lotCode)}`)).status).toBe(401);
    expect((await h.call('GET', `/trace/lots/${enc(a.lot.lotCode)}`, users.ada)).status).toBe(200);
    expect((await h.call('GET', '/trace/lots/NO-SUCH-LOT', users.ada)).status).toBe(404);
  });

  it('when the buyer traces their order, then each line leads back to farm, field, lot and harvest date', async () => {
    const r = await h.call('GET', `/trace/orders/${order.orderId}`, users.ben);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ orderId: order.orderId, status: 'confirmed' });
    const lines = [...r.body.lines].sort((x: { lotCode: string }, y: { lotCode: string }) =>
      x.lotCode.localeCompare(y.lotCode),
    );
    expect(
      lines.map((l: { lotCode: string; origin: unknown; shipment: { status: string } }) => [
        l.lotCode,
        l.origin,
        l.shipment.status,
      ]),
    ).toEqual(
      [
        [
          a.lot.lotCode,
          { farmId: 'farm-dehof', farmName: 'De Hof', field: 'Greenhouse 2', harvestDate: '2026-11-27' },
          'delivered',
        ],
        [
          b.lot.lotCode,
          {
            farmId: 'farm-polder',
            farmName: 'Polderhoeve',
            field: 'North field, plot "7"',
            harvestDate: '2026-11-27',
          },
          'picked_up',
        ],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    for (const p of personal) expect(r.text).not.toContain(p);
    // the buyer sees each box's tracking code (to share the public tracking page); a lot's trace, seen by farmers, never does
    const codes = r.body.lines.map((l: { trackingCode: string }) => l.trackingCode);
    for (const code of codes) expect(code).toMatch(/^\S{6,}$/);
    const lotTrace = await h.call('GET', `/trace/lots/${encodeURIComponent(a.lot.lotCode)}`, users.ada);
    for (const code of codes) expect(lotTrace.text).not.toContain(code);
    expect((await h.call('GET', `/trace/orders/${order.orderId}`, users.carla)).status).toBe(403);
    expect((await h.call('GET', `/trace/orders/${order.orderId}`, users.ada)).status).toBe(200);
    expect((await h.call('GET', '/trace/orders/ord-unknown', users.ada)).status).toBe(404);
  });

  it('when listing snapshots of a lot arrive out of order, then the newest version wins and an older one changes nothing', async () => {
    const v1 = listing({ farm: 'dehof', lotCode: `V-${randomUUID().slice(0, 8)}` });
    const v3 = { ...v1, version: 3, lot: { ...v1.lot, field: 'Greenhouse 5' } };
    const v2 = { ...v1, version: 2, lot: { ...v1.lot, field: 'Greenhouse 4' } };
    await h.probe.send('ftt.catalog.listing.published.v1', v1);
    await h.probe.send('ftt.catalog.listing.updated.v1', v3);
    await h.probe.send('ftt.catalog.listing.updated.v1', v2);
    await h.probe.send('ftt.catalog.listing.updated.v1', v3);
    const marker = listing({ farm: 'dehof', lotCode: `W-${randomUUID().slice(0, 8)}` });
    await h.probe.send('ftt.catalog.listing.published.v1', {
      ...marker,
      listingId: v1.listingId,
      version: 4,
    });
    // Same listing id = same partition, so once the marker's lot exists the three before it were handled.
    await eventually(
      async () =>
        (await h.db.db!.collection('lots').countDocuments({ _id: marker.lot.lotCode } as never)) === 1,
    );
    const stored = await h.db.db!.collection('lots').findOne({ _id: v1.lot.lotCode } as never);
    expect(stored).toMatchObject({ field: 'Greenhouse 5', listingVersion: 3 });
    expect(h.probe.deadLetters('ftt.catalog.listings.v1')).toHaveLength(0);
  });

  it('when an order completes, then its trace says so', async () => {
    await h.probe.send('ftt.orders.order.completed.v1', {
      orderId: order.orderId,
      completedAt: new Date().toISOString(),
    });
    await eventually(
      async () =>
        (await h.call('GET', `/trace/orders/${order.orderId}`, users.ben)).body.status === 'completed',
    );
  });
});

describe('EPCIS 2.0 export', () => {
  it('when a lot is exported, then the document passes the EPCIS 2.0 checks and holds commissioning, shipping, transporting, departing and receiving in order', async () => {
    const r = await h.call('GET', `/trace/lots/${enc(a.lot.lotCode)}/epcis`, users.anna);
    expect(r.status).toBe(200);
    expect(r.type).toContain('application/ld+json');
    expect(validateEpcisDocument(r.body)).toEqual([]);
    const events = r.body.epcisBody.eventList;
    expect(events.map((e: { bizStep: string; action: string }) => `${e.action} ${e.bizStep}`)).toEqual([
      'ADD commissioning',
      'OBSERVE shipping',
      'OBSERVE transporting',
      'OBSERVE departing',
      'OBSERVE receiving',
    ]);
    const [harvest, shipping, transport, , receiving] = events;
    expect(harvest.ilmd).toMatchObject({
      'ftt:harvestDate': '2026-11-27',
      'ftt:field': 'Greenhouse 2',
      'ftt:farmId': 'farm-dehof',
    });
    expect(events.filter((e: { ilmd?: unknown }) => e.ilmd)).toHaveLength(1);
    expect(harvest.quantityList).toEqual([
      {
        epcClass: `https://id.test.example/product/${a.listingId}/10/${enc(a.lot.lotCode)}`,
        quantity: 400,
        uom: 'KGM',
      },
    ]);
    expect(shipping.quantityList[0].quantity).toBe(3);
    expect(shipping.sourceList).toEqual([
      { type: 'owning_party', source: 'https://id.test.example/party/farm/farm-dehof' },
      { type: 'location', source: 'https://id.test.example/location/farm/farm-dehof' },
    ]);
    expect(receiving.destinationList.map((d: { type: string }) => d.type)).toEqual([
      'owning_party',
      'location',
    ]);
    expect(transport.sensorElementList[0].sensorReport[0]).toEqual({
      type: 'gs1:Temperature',
      value: 11,
      uom: 'CEL',
    });
    for (const p of [...personal, BUYER.city]) expect(r.text).not.toContain(p);
  });

  it('when an order is exported, then both lots are commissioned and only the delivered one is received', async () => {
    const r = await h.call('GET', `/trace/orders/${order.orderId}/epcis`, users.ben);
    expect(r.status).toBe(200);
    expect(validateEpcisDocument(r.body)).toEqual([]);
    const events = r.body.epcisBody.eventList as { bizStep: string; quantityList: { epcClass: string }[] }[];
    const steps = (lot: string) =>
      events.filter((e) => e.quantityList[0]!.epcClass.endsWith(`/10/${enc(lot)}`)).map((e) => e.bizStep);
    expect(steps(a.lot.lotCode)).toEqual([
      'commissioning',
      'shipping',
      'transporting',
      'departing',
      'receiving',
    ]);
    expect(steps(b.lot.lotCode)).toEqual(['commissioning', 'shipping']);
    expect(
      events.map((e) => (e as unknown as { quantityList: { uom: string }[] }).quantityList[0]!.uom),
    ).toContain('BE');
  });

  it('when the validator sees a broken document, then it reports each violation (so a pass above means something)', () => {
    const bad = {
      '@context': 'https://example.com',
      type: 'EPCISDocument',
      schemaVersion: '1.2',
      creationDate: '2026-11-28',
      epcisBody: {
        eventList: [
          {
            type: 'ObjectEvent',
            eventTime: '2026-11-28T10:00:00',
            eventTimeZoneOffset: '+1:00',
            action: 'MOVE',
            bizStep: 'flying',
            ilmd: {},
          },
        ],
      },
    };
    expect(validateEpcisDocument(bad)).toEqual([
      '@context must include the EPCIS 2.0 context',
      "schemaVersion must be '2.0'",
      'creationDate must be ISO 8601 with offset',
      'event[0].eventTime',
      'event[0].eventTimeZoneOffset',
      'event[0].action',
      'event[0] needs epcList or quantityList',
      'event[0].bizStep',
      'event[0].ilmd only on commissioning',
    ]);
  });
});

describe('FSMA 204 sortable spreadsheet', () => {
  const check = (text: string) => {
    const rows = parseCsv(text);
    const [header, ...data] = rows;
    expect(header).toContain('Traceability Lot Code');
    for (const row of data) {
      expect(row).toHaveLength(header!.length);
      row.forEach((cell, i) => expect(cell.trim(), `${header![i]} of ${row[0]}`).not.toBe(''));
    }
    return data.map((row) => Object.fromEntries(header!.map((k, i) => [k, row[i]!])));
  };

  it('when a delivered lot is exported, then there is one row per CTE (harvesting, cooling, initial packing, shipping, receiving) with every KDE filled', async () => {
    const r = await h.call('GET', `/trace/lots/${enc(a.lot.lotCode)}/fsma.csv`, users.anna);
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/csv');
    const rows = check(r.text);
    expect(rows.map((x) => x['Critical Tracking Event'])).toEqual([
      'Harvesting',
      'Cooling',
      'Initial Packing',
      'Shipping',
      'Receiving',
    ]);
    expect(rows.every((x) => x['Traceability Lot Code'] === a.lot.lotCode)).toBe(true);
    expect(rows[0]).toMatchObject({
      'Event Date': '2026-11-27',
      Quantity: '400',
      'Unit of Measure': 'kg',
      'Product Description': 'Truss tomatoes',
    });
    expect(rows[3]).toMatchObject({ Quantity: '3', 'Reference Document Type': 'Bill of Lading' });
    expect(rows[4]).toMatchObject({
      'Reference Document Type': 'Proof of Delivery',
      'Reference Document Number': 'POD-123',
    });
    expect(rows[3]!['Ship-To Location Description']).toContain(order.orderId);
    expect(rows[4]!['Traceability Lot Code Source Location Description']).toContain('Hofweg 3');
    for (const p of personal) expect(r.text).not.toContain(p);
  });

  it('when an order is exported, then commas and quotes survive RFC 4180 quoting and the undelivered lot has no receiving row', async () => {
    const r = await h.call('GET', `/trace/orders/${order.orderId}/fsma.csv`, users.ben);
    expect(r.status).toBe(200);
    const rows = check(r.text);
    const polder = rows.filter((x) => x['Traceability Lot Code'] === b.lot.lotCode);
    expect(polder.map((x) => x['Critical Tracking Event'])).toEqual([
      'Harvesting',
      'Cooling',
      'Initial Packing',
      'Shipping',
    ]);
    expect(polder[0]!['Harvest Location Description']).toContain('Field North field, plot "7"');
    expect(rows.filter((x) => x['Traceability Lot Code'] === a.lot.lotCode)).toHaveLength(5);
    expect((await h.call('GET', `/trace/orders/${order.orderId}/fsma.csv`, users.carla)).status).toBe(403);
  });
});
