import { testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, eventually, farmBody, listingBody } from '../support/actors';
import { listProduce, paymentSucceeded } from '../support/saga-steps';
import { startSystem } from '../support/system';

/**
 * Issue #18's "must show": one delivery day end to end, the three services as processes on real Kafka, the database
 * server and stripe-mock. 30 orders across 4 farms and 2 pickup points (plus home deliveries) are placed with a
 * delivery choice and paid; logistics plans the day's run (one pickup per farm, drops in an optimized order), a
 * partner claims it, scans each farm once and records each drop in order, and every order completes.
 */
const t = testEnv('delivery-day');
const webhookSecret = 'whsec_e2e_delivery_day';
let sys: Awaited<ReturnType<typeof startSystem>>;

beforeAll(async () => {
  sys = await startSystem(t, {
    orders: {
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: t.stripeApiBase,
    },
  });
});
afterAll(async () => {
  await sys?.stop();
});

type Actor = Awaited<ReturnType<typeof actor>>;

const FARMS = [
  ['De Hof', 'Wageningen', 51.968, 5.668, 'Truss tomatoes'],
  ['Eng Hoeve', 'Ede', 52.047, 5.641, 'Winter carrots'],
  ['Bennekomse Tuin', 'Bennekom', 52.0, 5.676, 'Curly kale'],
  ['Renkums Veld', 'Renkum', 51.975, 5.734, 'Beetroot'],
] as const;

/** Home drops across the zones of Gelderland (Wageningen/Ede, Arnhem). */
const HOMES = [
  ['Nudestraat 10', 'Wageningen', '6701 AB'],
  ['Bergweg 4', 'Ede', '6711 AA'],
  ['Arnhemseweg 20', 'Ede', '6713 BC'],
  ['Rijnstraat 5', 'Arnhem', '6811 EW'],
  ['Velperweg 12', 'Arnhem', '6822 AB'],
  ['Bovenbuurtweg 3', 'Ede', '6717 XX'],
  ['Dorpsstraat 8', 'Bennekom', '6721 CD'],
  ['Hoogstraat 1', 'Wageningen', '6702 AA'],
  ['Utrechtseweg 90', 'Arnhem', '6812 AR'],
  ['Stationsweg 2', 'Ede', '6712 GH'],
] as const;

const POINTS = ['pp-wageningen-markt', 'pp-ede-hofwinkel'] as const;

interface OrderView {
  orderId: string;
  state: string;
  payment?: { paymentId: string; amount: { amount: number; currency: string } };
  delivery?: { day: string; drop: { kind: string } };
  totals: { delivery: { amount: number } };
}

/** A few at a time: the machine has two cores and other work. */
const inBatches = async <T, R>(
  items: T[],
  size: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> => {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map((x, k) => work(x, i + k)))));
  return out;
};

describe('a delivery day end to end', () => {
  it('when 30 orders across 4 farms and 2 pickup points are placed for one day, then logistics plans one run with a pickup per farm and an optimized drop order, the partner completes it stop by stop, and every order completes', async () => {
    const C = sys.catalog.url;
    const O = sys.orders.url;
    const L = sys.logistics.url;
    const pia = await actor(t, 'user-partner-pia', 'logistics', 'Gelderland');
    const admin = await actor(t, 'user-admin-ada', 'admin');
    const buyers = await Promise.all([0, 1, 2, 3, 4].map((i) => actor(t, `user-buyer-dd-${i}`, 'buyer')));

    // Four farmers list one lot each.
    const farms: { farmId: string; listingId: string; farmer: Actor }[] = [];
    for (const [i, [name, city, lat, lng, title]] of FARMS.entries()) {
      const farmer = await actor(t, `user-farmer-dd-${i}`, 'farmer');
      const listed = await listProduce(
        C,
        farmer,
        farmBody(name, 'Gelderland', city, lat, lng),
        listingBody(title, `LOT-${t.run}-${i}`, 200, 300 + i * 25),
      );
      farms.push({ ...listed, farmer });
    }

    // The checkout's choices: the soonest open Gelderland day.
    const options = await eventually(async () => {
      const r = await fetch(`${O}/delivery/options`);
      return r.ok
        ? ((await r.json()) as { regions: { region: string; days: { day: string }[] }[] })
        : undefined;
    });
    const day = options.regions.find((r) => r.region === 'Gelderland')!.days[0]!.day;

    // 30 orders: each from one or two farms; a third to each pickup point, a third home.
    const plans = Array.from({ length: 30 }, (_, i) => {
      const lines = i % 2 === 0 ? [farms[i % 4]!] : [farms[i % 4]!, farms[(i + 1) % 4]!];
      const home = HOMES[i % HOMES.length]!;
      const pickup = i % 3 < 2 ? POINTS[i % 3]! : undefined;
      return {
        buyer: buyers[i % buyers.length]!,
        lines: lines.map((f) => ({ listingId: f.listingId, quantity: 1 + (i % 3) })),
        body: {
          deliveryAddress: { line1: home[0], city: home[1], postalCode: home[2], country: 'NL' },
          contact: { name: `Buyer ${i}` },
          delivery: pickup ? { method: 'pickup_point', pickupPointId: pickup, day } : { method: 'home', day },
        },
        farmCount: lines.length,
      };
    });
    const boxes = plans.reduce((n, p) => n + p.farmCount, 0);

    const orderIds = await inBatches(plans, 5, async (p, i) => {
      let attempt = 0;
      const placed = await eventually(
        async () => {
          const r = await p.buyer.call<OrderView>(
            O,
            'POST',
            '/orders',
            { lines: p.lines, ...p.body },
            { 'idempotency-key': `dd-${t.run}-${i}-${attempt++}` },
          );
          return r.status === 201 ? r.body : undefined;
        },
        60_000,
        250,
      );
      expect(placed.delivery?.day).toBe(day);
      const awaiting = await eventually(async () => {
        const r = await p.buyer.call<OrderView>(O, 'GET', `/orders/${placed.orderId}`);
        return r.body.state === 'awaiting_payment' && r.body.payment ? r.body : undefined;
      }, 60_000);
      expect((await paymentSucceeded(O, webhookSecret, placed.orderId, awaiting.payment!)).status).toBe(200);
      await eventually(
        async () =>
          (await p.buyer.call<OrderView>(O, 'GET', `/orders/${placed.orderId}`)).body.state === 'confirmed',
        60_000,
      );
      return placed.orderId;
    });

    // Logistics has every box once all confirmations are consumed.
    await eventually(async () => {
      const counts = await inBatches(
        orderIds,
        10,
        async (id) => (await admin.call<unknown[]>(L, 'GET', `/orders/${id}/shipments`)).body.length,
      );
      return counts.reduce((a, b) => a + b, 0) === boxes || undefined;
    }, 90_000);

    // Farmers see what to pack for the day, per lot.
    const packing = await farms[0]!.farmer.call<{
      packing: { lotCode: string; quantity: number }[];
      orders: unknown[];
    }>(O, 'GET', `/farms/${farms[0]!.farmId}/orders?day=${day}`);
    const expected = plans
      .flatMap((p) => p.lines)
      .filter((l) => l.listingId === farms[0]!.listingId)
      .reduce((n, l) => n + l.quantity, 0);
    expect(packing.body.packing).toEqual([
      expect.objectContaining({ lotCode: `LOT-${t.run}-0`, quantity: expected }),
    ]);

    // Plan the day's run.
    interface Stop {
      seq: number;
      kind: 'pickup' | 'drop';
      label: string;
      boxes: number;
      eta: string;
      window?: { opens: string; closes: string };
      shipmentIds: string[];
      status: 'pending' | 'done';
      skipped: unknown[];
    }
    interface Run {
      runId: string;
      status: string;
      boxes: number;
      stops: Stop[];
      lengthKm: number;
      naiveLengthKm: number;
      lateMinutes: number;
    }
    const planned = await pia.call<Run[]>(L, 'POST', '/runs/plan', { region: 'Gelderland', day });
    expect(planned.status).toBe(200);
    expect(planned.body).toHaveLength(1);
    const run = planned.body[0]!;
    expect(run.boxes).toBe(boxes);
    const pickups = run.stops.filter((s) => s.kind === 'pickup');
    const drops = run.stops.filter((s) => s.kind === 'drop');
    // One pickup per farm, all boxes of that farm at once, before every drop.
    expect(pickups).toHaveLength(4);
    expect(run.stops.slice(0, 4).every((s) => s.kind === 'pickup')).toBe(true);
    expect(pickups.reduce((n, s) => n + s.boxes, 0)).toBe(boxes);
    // Both pickup points are single drops holding every box for them; their opening hours are kept.
    const points = drops.filter((s) => s.window);
    expect(points.map((s) => s.label).sort()).toEqual(['Hofwinkel De Eng', 'Marktkraam Wageningen']);
    expect(run.lateMinutes).toBe(0);
    for (const p of points) expect(p.eta <= p.window!.closes && p.eta >= p.window!.opens).toBe(true);

    console.log(
      `[delivery-day] ${day}: 30 orders, ${boxes} boxes, ${run.stops.length} stops (4 farm pickups, ${drops.length} drops); ` +
        `route ${run.lengthKm} km vs naive order ${run.naiveLengthKm} km (${Math.round((1 - run.lengthKm / run.naiveLengthKm) * 100)}% shorter)`,
    );
    expect(run.lengthKm).toBeLessThanOrEqual(run.naiveLengthKm);

    // The partner claims it, scans each farm once, and records each drop in order.
    expect((await pia.call<Run>(L, 'POST', `/runs/${run.runId}/claim`)).body.status).toBe('claimed');
    for (const stop of run.stops) {
      const r =
        stop.kind === 'pickup'
          ? await pia.call<Run>(L, 'POST', `/runs/${run.runId}/stops/${stop.seq}/pickup`)
          : await pia.call<Run>(L, 'POST', `/runs/${run.runId}/stops/${stop.seq}/drop`, {
              recipientName: stop.label,
              proofRef: `photo-${stop.seq}`,
            });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.stops[stop.seq]!.status).toBe('done');
    }
    const finished = await pia.call<Run>(L, 'GET', `/runs/${run.runId}`);
    expect(finished.body.status).toBe('completed');
    expect(finished.body.stops.flatMap((s) => s.skipped)).toEqual([]);

    // Every order completes (orders learns each box's delivery from the per-shipment events).
    await eventually(async () => {
      const states = await inBatches(
        orderIds,
        10,
        async (id, i) => (await plans[i]!.buyer.call<OrderView>(O, 'GET', `/orders/${id}`)).body.state,
      );
      return states.every((s) => s === 'completed') || undefined;
    }, 120_000);

    // The run sheet prints.
    const sheet = await fetch(`${L}/runs/${run.runId}/sheet.pdf`, {
      headers: { authorization: `Bearer ${pia.bearer}` },
    });
    expect(sheet.headers.get('content-type')).toContain('application/pdf');
  });
});
