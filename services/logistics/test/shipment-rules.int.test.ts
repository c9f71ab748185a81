import { randomUUID } from 'node:crypto';
import type { TestPrincipal } from '@ftt/kit/testing';
import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import {
  awaitShipments,
  BUYER,
  DELIVERED_STEPS,
  listing,
  ofOrder,
  orderConfirmed,
  startHarness,
  users,
  until,
} from './support';

const h = startedForFile(() => startHarness('logistics-rules'));

/** A fresh confirmed single-farm order (De Hof, cold chain 8..14 °C); returns its shipment id. */
const openShipment = async () => {
  const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `R-${randomUUID().slice(0, 8)}` })]);
  await h.probe.send('ftt.orders.order.confirmed.v1', order);
  const [doc] = await awaitShipments(h, order.orderId, 1);
  return { order, id: String(doc!._id), trackingCode: String(doc!.trackingCode) };
};

const stored = async (id: string) => (await h.db.db!.collection('shipments').findOne({ _id: id } as never))!;

describe('claiming', () => {
  it('when ten partners claim the same shipment at once, then exactly one wins and the other nine get 409', async () => {
    const { id, order } = await openShipment();
    const partners: TestPrincipal[] = Array.from({ length: 10 }, (_, i) => ({
      userId: `partner-${i}`,
      role: 'logistics',
      region: 'Gelderland',
    }));
    const replies = await Promise.all(partners.map((p) => h.call('POST', `/shipments/${id}/claim`, p)));

    const winners = replies.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(9);
    expect(
      replies.filter((r) => r.status === 409).every((r) => r.body.code === 'shipment.invalid_transition'),
    ).toBe(true);
    const doc = await stored(id);
    expect(doc.status).toBe('assigned');
    expect(doc.partnerId).toBe(winners[0]!.body.partnerId);
    const assigned = await until(() => {
      const ev = ofOrder(h.probe.of('ftt.logistics.shipment.assigned.v1'), order.orderId);
      return ev.length ? ev : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(ofOrder(h.probe.of('ftt.logistics.shipment.assigned.v1'), order.orderId)).toHaveLength(1);
    expect(assigned[0]!.data.partnerId).toBe(doc.partnerId);
  });

  it('when a buyer or a farmer tries to claim, then 403 and the shipment stays open', async () => {
    const { id } = await openShipment();
    for (const who of [users.ben, users.anna]) {
      const r = await h.call('POST', `/shipments/${id}/claim`, who);
      expect(r.status).toBe(403);
      expect(r.type).toContain('application/problem+json');
    }
    expect((await h.call('POST', `/shipments/${id}/claim`)).status).toBe(401);
    expect((await stored(id)).status).toBe('open');
  });

  it('when a shipment does not exist, then 404 naming it', async () => {
    const r = await h.call('POST', '/shipments/shp-nope/claim', users.pia);
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('shipment.not_found');
  });
});

describe('steps', () => {
  it('when the assigned partner skips a step, then 409 and nothing changes', async () => {
    const { id, order } = await openShipment();
    await h.call('POST', `/shipments/${id}/claim`, users.pia);
    const r = await h.call('POST', `/shipments/${id}/deliver`, users.pia, {
      recipientName: 'X',
      proofRef: 'p-1',
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'shipment.invalid_transition', status: 409 });
    const doc = await stored(id);
    expect(doc.status).toBe('assigned');
    expect(doc.version).toBe(2);
    await new Promise((res) => setTimeout(res, 500));
    expect(ofOrder(h.probe.of('ftt.logistics.shipment.delivered.v1'), order.orderId)).toHaveLength(0);
  });

  it("when another partner updates someone else's shipment, then 403 and nothing changes", async () => {
    const { id } = await openShipment();
    await h.call('POST', `/shipments/${id}/claim`, users.pia);
    const r = await h.call('POST', `/shipments/${id}/pickup`, users.omar);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('shipment.forbidden');
    expect((await stored(id)).status).toBe('assigned');
    // Nor may they read its detail (the buyer's address).
    expect((await h.call('GET', `/shipments/${id}`, users.omar)).status).toBe(403);
    expect((await h.call('GET', `/shipments/${id}`, users.pia)).body.dropoff.address.line1).toBe(BUYER.line1);
  });

  it('when a step body is invalid, then 400 naming the field, and unknown fields are refused', async () => {
    const { id } = await openShipment();
    await h.call('POST', `/shipments/${id}/claim`, users.pia);
    await h.call('POST', `/shipments/${id}/pickup`, users.pia);
    const cases: [unknown, string][] = [
      [{ temperatureC: 5 }, 'body.place'],
      [{ place: 'Hub', temperatureC: 'cold' }, 'body.temperatureC'],
      [{ place: 'Hub', temperatureC: 500 }, 'body.temperatureC'],
      [{ place: 'Hub', time: 'yesterday' }, 'body.time'],
      [{ place: 'Hub', partnerId: 'someone-else' }, 'body.partnerId'],
    ];
    for (const [body, field] of cases) {
      const r = await h.call('POST', `/shipments/${id}/checkpoints`, users.pia, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
    const future = await h.call('POST', `/shipments/${id}/checkpoints`, users.pia, {
      place: 'Hub',
      time: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('body.time');
    expect((await h.call('POST', `/shipments/${id}/fail`, users.pia, {})).body.errors[0].field).toBe(
      'body.reason',
    );
    expect((await stored(id)).checkpoints).toEqual([]);
  });

  it('when a checkpoint temperature is outside the cold-chain range, then a temperature excursion event is raised and the shipment is marked', async () => {
    const { id, order, trackingCode } = await openShipment();
    await h.call('POST', `/shipments/${id}/claim`, users.pia);
    await h.call('POST', `/shipments/${id}/pickup`, users.pia);
    expect(
      (
        await h.call('POST', `/shipments/${id}/checkpoints`, users.pia, {
          place: 'Depot Ede',
          temperatureC: 10,
        })
      ).status,
    ).toBe(201);
    const hot = await h.call('POST', `/shipments/${id}/checkpoints`, users.pia, {
      place: 'A12 Arnhem',
      temperatureC: 19.5,
      note: 'cooler door open',
    });
    expect(hot.status).toBe(201);
    expect(hot.body.excursions).toEqual([
      expect.objectContaining({ place: 'A12 Arnhem', temperatureC: 19.5, minC: 8, maxC: 14 }),
    ]);

    const doc = await stored(id);
    expect(doc.excursions).toHaveLength(1);
    expect(doc.checkpoints.map((c: { excursion: boolean }) => c.excursion)).toEqual([false, true]);
    const excursion = await until(() => {
      const ev = ofOrder(h.probe.of('ftt.logistics.shipment.temperature_excursion.v1'), order.orderId);
      return ev.length ? ev : undefined;
    });
    expect(excursion).toHaveLength(1);
    expect(excursion[0]!.data).toMatchObject({
      shipmentId: id,
      temperatureC: 19.5,
      minC: 8,
      maxC: 14,
      place: 'A12 Arnhem',
      lotCodes: doc.lotCodes,
    });
    expect(ofOrder(h.probe.of('ftt.logistics.shipment.checkpoint_recorded.v1'), order.orderId)).toHaveLength(
      2,
    );
    expect((await h.call('GET', `/track/${trackingCode}`)).body.temperatureExcursion).toBe(true);
  });

  it('when a delivery fails, then the partner may retry and finally return the shipment, each with its event', async () => {
    const { id, order } = await openShipment();
    for (const [path, body] of [
      ['claim'],
      ['pickup'],
      ['out-for-delivery'],
      ['fail', { reason: 'nobody home' }],
      ['out-for-delivery'],
      ['fail', { reason: 'nobody home again' }],
      ['return', { reason: 'two failed attempts' }],
    ] as [string, unknown?][]) {
      expect((await h.call('POST', `/shipments/${id}/${path}`, users.pia, body)).status, path).toBe(200);
    }
    const doc = await stored(id);
    expect(doc.status).toBe('returned');
    expect(doc.failures.map((f: { reason: string }) => f.reason)).toEqual([
      'nobody home',
      'nobody home again',
    ]);
    await eventually(
      () => ofOrder(h.probe.of('ftt.logistics.shipment.returned.v1'), order.orderId).length === 1,
    );
    expect(ofOrder(h.probe.of('ftt.logistics.shipment.delivery_failed.v1'), order.orderId)).toHaveLength(2);
    expect((await h.call('POST', `/shipments/${id}/out-for-delivery`, users.pia)).status).toBe(409);
  });
});

describe('partner and admin views', () => {
  it("when a partner lists their shipments, then they see only their own; an admin sees an order's shipments; a buyer may not", async () => {
    const { id, order } = await openShipment();
    await h.call('POST', `/shipments/${id}/claim`, users.omar);
    const mine = await h.call('GET', '/shipments/mine', users.omar);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((s: { shipmentId: string }) => s.shipmentId)).toContain(id);
    expect(mine.body.items.every((s: { partnerId: string }) => s.partnerId === users.omar.userId)).toBe(true);
    const pias = await h.call('GET', '/shipments/mine', users.pia);
    expect(pias.body.items.map((s: { shipmentId: string }) => s.shipmentId)).not.toContain(id);

    const admin = await h.call('GET', `/orders/${order.orderId}/shipments`, users.ada);
    expect(admin.status).toBe(200);
    expect(admin.body.map((s: { shipmentId: string }) => s.shipmentId)).toEqual([id]);
    expect((await h.call('GET', `/orders/${order.orderId}/shipments`, users.ben)).status).toBe(403);
    expect(
      (await h.call('GET', '/shipments/open', { userId: 'p-x', role: 'logistics' })).body.errors[0].field,
    ).toBe('query.region');
  });
});

describe('public tracking', () => {
  it("when anyone follows a shipment by its tracking code, then they see status, steps and the farm name but nobody's personal data", async () => {
    const { id, trackingCode, order } = await openShipment();
    await h.call('POST', `/shipments/${id}/claim`, users.pia);
    await h.call('POST', `/shipments/${id}/pickup`, users.pia);
    await h.call('POST', `/shipments/${id}/checkpoints`, users.pia, {
      place: 'Hub Utrecht',
      temperatureC: 9,
      note: `call ${BUYER.phone}`,
    });
    await h.call('POST', `/shipments/${id}/out-for-delivery`, users.pia);
    await h.call('POST', `/shipments/${id}/deliver`, users.pia, {
      recipientName: BUYER.contactName,
      proofRef: 'pod-77',
    });

    const r = await h.call('GET', `/track/${trackingCode}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ trackingCode, status: 'delivered', farmName: 'De Hof' });
    expect(r.body.steps.map((s: { step: string }) => s.step)).toEqual(DELIVERED_STEPS);
    expect(r.body.steps[3]).toMatchObject({ place: 'Hub Utrecht', temperatureC: 9 });
    for (const secret of [
      BUYER.contactName,
      BUYER.phone,
      BUYER.line1,
      BUYER.line2,
      BUYER.postalCode,
      BUYER.city,
      users.pia.userId,
      order.buyerId,
      'Hofweg',
      'pod-77',
    ]) {
      expect(r.text).not.toContain(secret);
    }
    expect((await h.call('GET', '/track/FTT-0000000000ZZ')).status).toBe(404);
    expect((await h.call('GET', '/track/not-a-code')).status).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('when the OpenAPI document is fetched, then it is 3.1 and lists every route of this service', async () => {
    const r = await h.call('GET', '/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    for (const path of [
      '/shipments/open',
      '/shipments/mine',
      '/shipments/{shipmentId}/claim',
      '/shipments/{shipmentId}/checkpoints',
      '/track/{trackingCode}',
      '/trace/lots/{lotCode}/epcis',
      '/trace/orders/{orderId}/fsma.csv',
      '/orders/{orderId}/shipments',
    ]) {
      expect(Object.keys(r.body.paths)).toContain(path);
    }
    expect(Object.keys(r.body.paths['/trace/lots/{lotCode}/fsma.csv'].get.responses['200'].content)).toEqual([
      'text/csv; charset=utf-8',
    ]);
  });
});
