import { randomUUID } from 'node:crypto';
import { toWire } from '@ftt/contracts';
import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { startedForFile } from '@ftt/kit/test-hooks';
import {
  awaitShipments,
  DELIVERED_STEPS,
  listing,
  ofOrder,
  orderConfirmed,
  shipmentsOf,
  startHarness,
  users,
  until,
} from './support';

const h = startedForFile(() => startHarness('logistics-lifecycle'));

const SHIPMENT_TYPES = ['created', 'assigned', 'picked_up', 'out_for_delivery', 'delivered'].map(
  (s) => `ftt.logistics.shipment.${s}.v1`,
);

/** orders says the (paid) order is cancelled; waits until logistics has applied it to the order's shipments. */
const cancelOrder = async (
  orderId: string,
  reason: string,
  cancelledBy: 'buyer' | 'admin',
  applied: (statuses: string[]) => boolean,
) => {
  await h.probe.send('ftt.orders.order.cancelled.v1', { orderId, reason, cancelledBy, paid: true });
  await eventually(async () => applied((await shipmentsOf(h, orderId)).map((s) => s.status)), 20_000);
};

/** An order of a lot from each of two farms (lot codes `<prefix>-...`) is confirmed; its two shipments, by farm. */
const twoFarmShipments = async (prefix: string) => {
  const a = listing({ farm: 'dehof', lotCode: `${prefix}-${randomUUID().slice(0, 8)}` });
  const b = listing({ farm: 'polder', lotCode: `${prefix}-${randomUUID().slice(0, 8)}` });
  const order = orderConfirmed([a, b]);
  await h.probe.send('ftt.orders.order.confirmed.v1', order);
  const [dehof, polder] = await awaitShipments(h, order.orderId, 2);
  return { order, dehof, polder };
};

/** Pia claims the shipment and picks it up. */
const pickedUp = async (id: string) => {
  await h.call('POST', `/shipments/${id}/claim`, users.pia);
  expect((await h.call('POST', `/shipments/${id}/pickup`, users.pia)).status).toBe(200);
};

const countByType = (orderId: string, shipmentId: string) => {
  const counts: Record<string, number> = {};
  for (const e of ofOrder(h.probe.events, orderId)) {
    if ((e.data as { shipmentId?: string }).shipmentId === shipmentId)
      counts[e.type] = (counts[e.type] ?? 0) + 1;
  }
  return counts;
};

describe('shipments from a confirmed order', () => {
  it('when an order with lines from two farms is confirmed and each shipment is taken to delivered, then every step event is emitted exactly once per shipment', async () => {
    const a = listing({ farm: 'dehof', lotCode: `NL-DEHOF-${randomUUID().slice(0, 8)}` });
    const b = listing({ farm: 'polder', lotCode: `NL-POLDER-${randomUUID().slice(0, 8)}` });
    await h.probe.send('ftt.catalog.listing.published.v1', a);
    await h.probe.send('ftt.catalog.listing.published.v1', b);
    const order = orderConfirmed([a, b]);
    await h.probe.send('ftt.orders.order.confirmed.v1', order, { correlationid: order.orderId });

    const docs = await awaitShipments(h, order.orderId, 2);
    expect(docs.map((d) => d.farmId)).toEqual(['farm-dehof', 'farm-polder']);
    for (const d of docs) {
      expect(d.status).toBe('open');
      expect(d.trackingCode).toMatch(/^FTT-[0-9A-Z]{12}$/);
      expect(d.pickupAddress.city).toBe(d.farmId === 'farm-dehof' ? 'Wageningen' : 'Houten');
      expect(d.dropoff.address.line1).toBe('Keizersgracht 120');
    }
    expect(docs[0]!.coldChain).toEqual({ minC: 8, maxC: 14 });
    expect(docs[0]!.lotCodes).toEqual([a.lot.lotCode]);
    expect(docs[1]!.lotCodes).toEqual([b.lot.lotCode]);
    expect(docs[0]!.trackingCode).not.toBe(docs[1]!.trackingCode);

    // Open lists are per region and carry no personal data.
    const open = await h.call('GET', '/shipments/open', users.pia);
    expect(open.status).toBe(200);
    const mineInRegion = open.body.filter((s: { orderId: string }) => s.orderId === order.orderId);
    expect(mineInRegion.map((s: { farmId: string }) => s.farmId)).toEqual(['farm-dehof']);
    expect(JSON.stringify(mineInRegion)).not.toContain('Keizersgracht');
    const utrecht = await h.call('GET', '/shipments/open?region=Utrecht', users.pia);
    expect(utrecht.body.map((s: { orderId: string }) => s.orderId)).toContain(order.orderId);

    const partnerFor = { 'farm-dehof': users.pia, 'farm-polder': users.omar } as const;
    for (const d of docs) {
      const partner = partnerFor[d.farmId as keyof typeof partnerFor];
      const id = String(d._id);
      const claim = await h.call('POST', `/shipments/${id}/claim`, partner);
      expect(claim.status).toBe(200);
      expect(claim.body).toMatchObject({
        status: 'assigned',
        partnerId: partner.userId,
        trackingCode: d.trackingCode,
      });
      expect((await h.call('POST', `/shipments/${id}/pickup`, partner)).body.status).toBe('picked_up');
      const cp = await h.call('POST', `/shipments/${id}/checkpoints`, partner, {
        place: 'Hub Utrecht',
        temperatureC: d.coldChain.minC + 1,
      });
      expect(cp.status).toBe(201);
      expect((await h.call('POST', `/shipments/${id}/out-for-delivery`, partner)).body.status).toBe(
        'out_for_delivery',
      );
      const delivered = await h.call('POST', `/shipments/${id}/deliver`, partner, {
        recipientName: 'B. Koopmans',
        proofRef: `pod-${id}`,
      });
      expect(delivered.status).toBe(200);
      expect(delivered.body).toMatchObject({ status: 'delivered', delivery: { proofRef: `pod-${id}` } });
    }

    const stored = await shipmentsOf(h, order.orderId);
    expect(stored.map((s) => s.status)).toEqual(['delivered', 'delivered']);
    for (const s of stored) {
      expect(s.steps.map((x: { step: string }) => x.step)).toEqual(DELIVERED_STEPS);
      expect(s.excursions).toEqual([]);
    }

    // Wait for the last event of both, then give the relay time to (wrongly) publish anything twice.
    await eventually(
      () => ofOrder(h.probe.of('ftt.logistics.shipment.delivered.v1'), order.orderId).length === 2,
      20_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    // Everything written to the outbox was published and removed from it.
    for (const s of await shipmentsOf(h, order.orderId)) expect([s.outboxPending, s.outbox]).toEqual([0, []]);
    for (const s of stored) {
      const counts = countByType(order.orderId, String(s._id));
      for (const type of SHIPMENT_TYPES) expect(counts[type], `${type} of ${s.farmId}`).toBe(1);
      expect(counts['ftt.logistics.shipment.checkpoint_recorded.v1']).toBe(1);
    }
    const created = ofOrder(h.probe.of('ftt.logistics.shipment.created.v1'), order.orderId);
    expect(created.map((e) => e.data.trackingCode).sort()).toEqual(stored.map((s) => s.trackingCode).sort());
    expect(
      created.every((e) => e.correlationid === order.orderId && e.source === '/fieldtotable/logistics'),
    ).toBe(true);
    const delivered = ofOrder(h.probe.of('ftt.logistics.shipment.delivered.v1'), order.orderId);
    expect(delivered.map((e) => e.data.partnerId).sort()).toEqual([users.omar.userId, users.pia.userId]);
    // Shipment events are keyed by order id, so they stay in order with the saga on one partition.
    const raws = h.probe.raw.filter(
      (r) => r.topic.endsWith('ftt.logistics.shipments.v1') && r.value.includes(order.orderId),
    );
    expect(new Set(raws.map((r) => r.key))).toEqual(new Set([order.orderId]));
  });

  it('when order.confirmed is delivered twice, then there are still exactly two shipments and two created events', async () => {
    const a = listing({ farm: 'dehof', lotCode: `L-${randomUUID().slice(0, 8)}` });
    const b = listing({ farm: 'polder', lotCode: `L-${randomUUID().slice(0, 8)}` });
    const order = orderConfirmed([a, b]);
    const id = randomUUID();
    await h.probe.send('ftt.orders.order.confirmed.v1', order, { id });
    await awaitShipments(h, order.orderId, 2);
    // The same event redelivered, and a second copy with a new event id (a producer retry).
    await h.probe.send('ftt.orders.order.confirmed.v1', order, { id });
    await h.probe.send('ftt.orders.order.confirmed.v1', order);
    const marker = listing({ farm: 'dehof', lotCode: `M-${randomUUID().slice(0, 8)}` });
    const after = orderConfirmed([marker]);
    await h.probe.send('ftt.orders.order.confirmed.v1', after);
    await awaitShipments(h, after.orderId, 1); // the consumer has moved past both duplicates

    const docs = await shipmentsOf(h, order.orderId);
    expect(docs).toHaveLength(2);
    await eventually(
      () => ofOrder(h.probe.of('ftt.logistics.shipment.created.v1'), after.orderId).length === 1,
      20_000,
    );
    expect(ofOrder(h.probe.of('ftt.logistics.shipment.created.v1'), order.orderId)).toHaveLength(2);
  });

  it('when the order is cancelled before pickup, then its shipments are cancelled with an event each, and one already picked up is not', async () => {
    const { order, dehof, polder } = await twoFarmShipments('C');
    // One claimed (assigned, not picked up), one still open: both must be cancelled.
    expect((await h.call('POST', `/shipments/${String(dehof!._id)}/claim`, users.pia)).status).toBe(200);

    await cancelOrder(order.orderId, 'buyer changed mind', 'buyer', (statuses) => statuses.every((s) => s === 'cancelled'));
    const cancelled = await until(() => {
      const ev = ofOrder(h.probe.of('ftt.logistics.shipment.cancelled.v1'), order.orderId);
      return ev.length === 2 ? ev : undefined;
    }, 20_000);
    expect(cancelled.map((e) => e.data.shipmentId).sort()).toEqual(
      [String(dehof!._id), String(polder!._id)].sort(),
    );
    const stored = await shipmentsOf(h, order.orderId);
    expect(stored.every((s) => s.cancelled.reason.includes('buyer changed mind'))).toBe(true);
    // A cancelled shipment takes no more steps.
    const late = await h.call('POST', `/shipments/${String(dehof!._id)}/pickup`, users.pia);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('shipment.invalid_transition');
  });

  it('when the order is cancelled after a shipment was picked up, then that shipment keeps going and the open one is cancelled', async () => {
    const { order, dehof } = await twoFarmShipments('P');
    const id = String(dehof!._id);
    await pickedUp(id);

    await cancelOrder(order.orderId, 'late cancel', 'admin', (statuses) => statuses.some((s) => s === 'cancelled'));
    const stored = await shipmentsOf(h, order.orderId);
    expect(stored.map((s) => [s.farmId, s.status])).toEqual([
      ['farm-dehof', 'picked_up'],
      ['farm-polder', 'cancelled'],
    ]);
    expect(h.probe.deadLetters('ftt.orders.v1')).toHaveLength(0);
  });

  const requestCancel = (orderId: string) =>
    h.probe.send('ftt.orders.order.cancel_requested.v1', {
      orderId,
      reason: 'plans changed',
      requestedBy: 'buyer',
      requestedAt: new Date().toISOString(),
    });
  const answerTo = (orderId: string) =>
    until(() => {
      const ok = ofOrder(h.probe.of('ftt.logistics.order_cancel.accepted.v1'), orderId);
      const no = ofOrder(h.probe.of('ftt.logistics.order_cancel.refused.v1'), orderId);
      return ok.length + no.length ? { accepted: ok, refused: no } : undefined;
    }, 20_000);

  it('when a cancel is requested before any pickup, then logistics cancels every shipment, accepts, and no pickup passes any more', async () => {
    const { order, dehof, polder } = await twoFarmShipments('R');
    expect((await h.call('POST', `/shipments/${String(dehof!._id)}/claim`, users.pia)).status).toBe(200);
    await requestCancel(order.orderId);
    const answer = await answerTo(order.orderId);
    expect(answer.refused).toHaveLength(0);
    expect(answer.accepted[0]!.data.cancelledShipmentIds.sort()).toEqual([String(dehof!._id), String(polder!._id)].sort());
    await eventually(async () => (await shipmentsOf(h, order.orderId)).every((s) => s.status === 'cancelled'), 20_000);
    const late = await h.call('POST', `/shipments/${String(dehof!._id)}/pickup`, users.pia);
    expect(late.status).toBe(409);
    expect(ofOrder(h.probe.of('ftt.logistics.shipment.picked_up.v1'), order.orderId)).toHaveLength(0);
  });

  it('when a cancel is requested after one farm’s pickup, then it is refused, naming the farm, and every shipment keeps going', async () => {
    const { order, dehof } = await twoFarmShipments('Q');
    const id = String(dehof!._id);
    await pickedUp(id);
    await requestCancel(order.orderId);
    const answer = await answerTo(order.orderId);
    expect(answer.accepted).toHaveLength(0);
    expect(answer.refused[0]!.data.reason).toMatch(/already picked up/);
    expect(answer.refused[0]!.data.reason).toContain(String(dehof!.farmName));
    expect((await shipmentsOf(h, order.orderId)).map((s) => s.status)).toEqual(['picked_up', 'open']);
  });

  it('when a pickup and a cancel request race, then exactly one wins: refused with the pickup done, or accepted with the pickup refused', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `RACE-${randomUUID().slice(0, 8)}` })]);
      await h.probe.send('ftt.orders.order.confirmed.v1', order);
      const [s] = await awaitShipments(h, order.orderId, 1);
      const id = String(s!._id);
      await h.call('POST', `/shipments/${id}/claim`, users.pia);
      const [pickup] = await Promise.all([
        new Promise((r) => setTimeout(r, round * 3)).then(() => h.call('POST', `/shipments/${id}/pickup`, users.pia)),
        requestCancel(order.orderId),
      ]);
      const answer = await answerTo(order.orderId);
      const [stored] = await shipmentsOf(h, order.orderId);
      if (answer.accepted.length) {
        expect(pickup.status).toBe(409);
        await eventually(async () => (await shipmentsOf(h, order.orderId))[0]!.status === 'cancelled', 20_000);
        outcomes.push('accepted');
      } else {
        expect(pickup.status).toBe(200);
        expect(stored!.status).toBe('picked_up');
        outcomes.push('refused');
      }
      expect(answer.accepted.length + answer.refused.length).toBe(1);
    }
    expect(outcomes).toHaveLength(6);
  });

  it('when order.cancelled arrives and then a late copy of order.confirmed, then no shipment is created', async () => {
    const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `X-${randomUUID().slice(0, 8)}` })]);
    await h.probe.send('ftt.orders.order.cancelled.v1', {
      orderId: order.orderId,
      reason: 'expired',
      cancelledBy: 'system',
      paid: false,
    });
    await h.probe.send('ftt.orders.order.confirmed.v1', order);
    const marker = orderConfirmed([listing({ farm: 'dehof', lotCode: `Y-${randomUUID().slice(0, 8)}` })]);
    await h.probe.send('ftt.orders.order.confirmed.v1', marker);
    await awaitShipments(h, marker.orderId, 1); // same partition key order: the late confirm was handled before
    expect(await shipmentsOf(h, order.orderId)).toHaveLength(0);
    expect(ofOrder(h.probe.of('ftt.logistics.shipment.created.v1'), order.orderId)).toHaveLength(0);
  });

  it('when an order.confirmed that breaks its schema arrives, then it is dead-lettered with the reason and the next order is still handled', async () => {
    const bad = {
      specversion: '1.0' as const,
      id: randomUUID(),
      source: '/test',
      type: 'ftt.orders.order.confirmed.v1',
      time: new Date().toISOString(),
      datacontenttype: 'application/json' as const,
      correlationid: 'ord-broken',
      data: { orderId: 'ord-broken', buyerId: 'user-buyer-ben', shipments: [] },
    };
    await h.probe.sendRaw('ftt.orders.v1', toWire('ord-broken', bad));
    const next = orderConfirmed([listing({ farm: 'dehof', lotCode: `D-${randomUUID().slice(0, 8)}` })]);
    await h.probe.send('ftt.orders.order.confirmed.v1', next);
    await awaitShipments(h, next.orderId, 1);
    const dead = await until(() => {
      const d = h.probe.deadLetters('ftt.orders.v1').filter((r) => r.headers.ce_id === bad.id);
      return d.length ? d : undefined;
    });
    expect(dead[0]!.headers['x-dlq-error']).toContain('shipments');
    expect(await shipmentsOf(h, 'ord-broken')).toHaveLength(0);
  });
});
