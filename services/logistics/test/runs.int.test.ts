import { randomUUID } from 'node:crypto';
import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import {
  awaitShipments,
  HOME,
  listing,
  MARKET,
  ofOrder,
  orderConfirmed,
  type OrderConfirmed,
  shipmentsOf,
  startHarness,
  users,
} from './support';

const h = startedForFile(() => startHarness('logistics-runs'));

const DAY = '2026-12-10';

/** An order from both farms for the delivery day, to the market stall or home in Ede. */
const dayOrder = (drop: 'market' | 'home', day = DAY): OrderConfirmed => {
  const o = orderConfirmed([
    listing({ farm: 'dehof', lotCode: `RUN-D-${randomUUID().slice(0, 6)}` }),
    listing({ farm: 'polder', lotCode: `RUN-P-${randomUUID().slice(0, 6)}` }),
  ]);
  const address =
    drop === 'market'
      ? { line1: 'Markt 1', city: 'Wageningen', postalCode: '6701 AA', country: 'NL' }
      : {
          line1: `Bergweg ${Math.floor(Math.random() * 90) + 1}`,
          city: 'Ede',
          postalCode: '6711 AB',
          country: 'NL',
        };
  return {
    ...o,
    deliveryDate: day,
    drop: drop === 'market' ? MARKET : HOME,
    dropoff: { ...o.dropoff, address },
  };
};

const confirm = async (orders: OrderConfirmed[]) => {
  for (const o of orders) await h.probe.send('ftt.orders.order.confirmed.v1', o);
  for (const o of orders) await awaitShipments(h, o.orderId, 2);
};

const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field);

describe('runs of a delivery day', () => {
  it('when three orders of two farms are planned, claimed, scanned at each farm and dropped in order, then every box is delivered with its own events and the run completes', async () => {
    const orders = [dayOrder('market'), dayOrder('home'), dayOrder('market')];
    await confirm(orders);
    // A box of another day is not on this day's run.
    const other = dayOrder('home', '2026-12-12');
    await confirm([other]);

    const planned = await h.call('POST', '/runs/plan', users.pia, { region: 'Gelderland', day: DAY });
    expect(planned.status).toBe(200);
    expect(planned.body).toHaveLength(1);
    const run = planned.body[0];
    expect(run.boxes).toBe(6);
    expect(run.stops.map((s: { kind: string }) => s.kind)).toEqual(['pickup', 'pickup', 'drop', 'drop']);
    const market = run.stops.find((s: { label: string }) => s.label === 'Marktkraam Wageningen');
    expect(market.boxes).toBe(4);
    expect(market.window).toEqual({ opens: '08:00', closes: '13:00' });
    expect(run.lengthKm).toBeLessThanOrEqual(run.naiveLengthKm);
    expect(run.lateMinutes).toBe(0);
    // Open runs show no street or recipient of home drops.
    const home = run.stops.find((s: { label: string }) => s.label.includes('Ede'));
    expect(home.address.line1).toBeUndefined();
    expect(home.contact).toBeUndefined();

    // Planning again plans nothing new.
    expect(
      (await h.call('POST', '/runs/plan', users.pia, { region: 'Gelderland', day: DAY })).body,
    ).toHaveLength(1);

    const claimed = await h.call('POST', `/runs/${run.runId}/claim`, users.pia);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', partnerId: users.pia.userId });
    expect(claimed.body.stops.find((s: { label: string }) => s.label.includes('Ede')).address.line1).toMatch(
      /^Bergweg/,
    );
    expect((await h.call('POST', `/runs/${run.runId}/claim`, users.omar)).status).toBe(409);
    for (const o of orders) {
      expect((await shipmentsOf(h, o.orderId)).map((s) => [s.status, s.partnerId])).toEqual([
        ['assigned', users.pia.userId],
        ['assigned', users.pia.userId],
      ]);
    }

    // Stops are recorded in order, by the run's partner, with the right kind.
    expect((await h.call('POST', `/runs/${run.runId}/stops/1/pickup`, users.pia)).status).toBe(409);
    const wrongKind = await h.call('POST', `/runs/${run.runId}/stops/0/drop`, users.pia, {
      recipientName: 'x',
      proofRef: 'y',
    });
    expect(wrongKind.status).toBe(422);
    expect(fields(wrongKind)).toEqual(['seq']);
    expect((await h.call('POST', `/runs/${run.runId}/stops/0/pickup`, users.omar)).status).toBe(403);

    const first = await h.call('POST', `/runs/${run.runId}/stops/0/pickup`, users.pia);
    expect(first.status).toBe(200);
    const firstFarm = run.stops[0].label === 'De Hof' ? 'farm-dehof' : 'farm-polder';
    for (const o of orders) {
      const byFarm = Object.fromEntries((await shipmentsOf(h, o.orderId)).map((s) => [s.farmId, s.status]));
      expect(byFarm[firstFarm]).toBe('picked_up');
    }
    // A repeated scan changes nothing.
    expect((await h.call('POST', `/runs/${run.runId}/stops/0/pickup`, users.pia)).body.next).toBe(1);

    const second = await h.call('POST', `/runs/${run.runId}/stops/1/pickup`, users.pia);
    expect(second.body.status).toBe('in_progress');
    for (const o of orders)
      expect((await shipmentsOf(h, o.orderId)).map((s) => s.status)).toEqual([
        'out_for_delivery',
        'out_for_delivery',
      ]);

    const missingProof = await h.call('POST', `/runs/${run.runId}/stops/2/drop`, users.pia, {
      recipientName: '',
    });
    expect(missingProof.status).toBe(400);
    expect(fields(missingProof).sort()).toEqual(['body.proofRef', 'body.recipientName']);
    await h.call('POST', `/runs/${run.runId}/stops/2/drop`, users.pia, {
      recipientName: 'Stall keeper',
      proofRef: 'photo-1',
    });
    const done = await h.call('POST', `/runs/${run.runId}/stops/3/drop`, users.pia, {
      recipientName: 'Neighbour',
      proofRef: 'photo-2',
    });
    expect(done.body).toMatchObject({ status: 'completed', next: 4 });
    for (const o of orders)
      expect((await shipmentsOf(h, o.orderId)).map((s) => s.status)).toEqual(['delivered', 'delivered']);
    expect((await shipmentsOf(h, other.orderId)).map((s) => s.status)).toEqual(['open', 'open']);

    // Traceability stays per box: each shipment emitted its own picked_up and delivered events.
    await eventually(() => {
      for (const o of orders) {
        const types = ofOrder(h.probe.events, o.orderId).map((e) => e.type);
        if (types.filter((t) => t === 'ftt.logistics.shipment.picked_up.v1').length !== 2) return undefined;
        if (types.filter((t) => t === 'ftt.logistics.shipment.delivered.v1').length !== 2) return undefined;
      }
      return true;
    }, 20_000);

    const sheet = await h.call('GET', `/runs/${run.runId}/sheet.pdf`, users.pia);
    expect(sheet.status).toBe(200);
    expect(sheet.type).toContain('application/pdf');
    expect(sheet.text.startsWith('%PDF-')).toBe(true);
    expect((await h.call('GET', `/runs/${run.runId}/sheet.pdf`, users.omar)).status).toBe(403);
    expect(
      (await h.call('GET', '/runs/mine', users.pia)).body.items.map((r: { runId: string }) => r.runId),
    ).toContain(run.runId);
  });

  it('when the input is bad or the caller has no right, then the answer is a problem naming the field, never a 500', async () => {
    const badDay = await h.call('POST', '/runs/plan', users.pia, { region: 'Gelderland', day: 'thursday' });
    expect(badDay.status).toBe(400);
    expect(badDay.type).toContain('application/problem+json');
    expect(fields(badDay)).toEqual(['body.day']);
    expect((await h.call('POST', '/runs/plan', users.ben, { region: 'Gelderland', day: DAY })).status).toBe(
      403,
    );
    expect((await h.call('POST', '/runs/plan', undefined, { region: 'Gelderland', day: DAY })).status).toBe(
      401,
    );
    const noRegion = await h.call('GET', `/runs?day=${DAY}`, users.ada);
    expect(noRegion.status).toBe(400);
    expect(fields(noRegion)).toEqual(['query.region']);
    expect((await h.call('GET', '/runs/run-nope', users.pia)).status).toBe(404);
    expect((await h.call('POST', '/runs/run-nope/claim', users.pia)).status).toBe(404);
    const badSeq = await h.call('POST', '/runs/run-nope/stops/x/pickup', users.pia);
    expect(badSeq.status).toBe(400);
    expect(fields(badSeq)).toEqual(['params.seq']);
  });

  it('when a partner is suspended, then they cannot claim a run (403) any more than a single box, until reinstated', async () => {
    const day = '2026-12-16';
    await confirm([dayOrder('market', day)]);
    const [run] = (await h.call('POST', '/runs/plan', users.pia, { region: 'Gelderland', day })).body;
    // Pia is a known partner: she claimed the first test's run.
    const suspended = await h.call('POST', `/admin/partners/${users.pia.userId}/suspend`, users.ada, { reason: 'van not insured' });
    expect(suspended.status).toBe(200);
    const refused = await h.call('POST', `/runs/${run.runId}/claim`, users.pia);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('partner.forbidden');
    expect((await h.call('GET', `/runs/${run.runId}`, users.pia)).body.status).toBe('open');
    expect((await h.call('POST', `/admin/partners/${users.pia.userId}/reinstate`, users.ada, { reason: 'insured again' })).status).toBe(200);
    expect((await h.call('POST', `/runs/${run.runId}/claim`, users.pia)).status).toBe(200);
  });

  it('when a box of a planned run is cancelled before the claim, then it leaves the run at the claim and the others stay', async () => {
    const day = '2026-12-17';
    const [keep, cancel] = [dayOrder('market', day), dayOrder('home', day)];
    await confirm([keep, cancel]);
    const [run] = (await h.call('POST', '/runs/plan', users.pia, { region: 'Gelderland', day })).body;
    expect(run.boxes).toBe(4);
    await h.probe.send('ftt.orders.order.cancelled.v1', {
      orderId: cancel.orderId,
      reason: 'changed mind',
      cancelledBy: 'buyer',
      paid: true,
    });
    await eventually(
      async () => (await shipmentsOf(h, cancel.orderId)).every((s) => s.status === 'cancelled') || undefined,
      20_000,
    );
    const claimed = await h.call('POST', `/runs/${run.runId}/claim`, users.omar);
    expect(claimed.status).toBe(200);
    expect(claimed.body.boxes).toBe(2);
    expect(claimed.body.stops.map((s: { kind: string }) => s.kind)).toEqual(['pickup', 'pickup', 'drop']);
  });
});
