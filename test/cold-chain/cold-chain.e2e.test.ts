import { Topics } from '@ftt/contracts';
import { EventProbe, testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, eventually } from '../support/actors';
import { paymentSucceeded, placeOrder, twoFarmsList } from '../support/saga-steps';
import { ServiceProcess, startSystem } from '../support/system';

const t = testEnv('coldchain');
const webhookSecret = 'whsec_e2e_coldchain_secret';
let sys: Awaited<ReturnType<typeof startSystem>>;
let ingest: ServiceProcess;
const probe = new EventProbe(t);

beforeAll(async () => {
  await probe.listen([Topics.shipments, Topics.readings]);
  sys = await startSystem(t, {
    orders: {
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: t.stripeApiBase,
    },
  });
  // The ingest as its own process on logistics' database; loggers here replay a trip ahead of the wall clock.
  ingest = await new ServiceProcess(
    'logistics',
    t,
    { READINGS_MAX_FUTURE_MS: String(86_400_000) },
    1,
    'ingest-main.ts',
  ).start();
});
afterAll(async () => {
  await ingest?.stop();
  await sys?.stop();
  await probe.close();
});

describe('a live cold chain, every service a process on real Kafka and the database server', () => {
  it('when a logger on a paid order’s shipment reads too warm for 20 minutes, then one temperature_excursion reaches the shipments topic, once, with the curve in the trace', async () => {
    const anna = await actor(t, 'user-farmer-anna', 'farmer');
    const joost = await actor(t, 'user-farmer-joost', 'farmer');
    const ben = await actor(t, 'user-buyer-ben', 'buyer');
    const pia = await actor(t, 'user-partner-pia', 'logistics', 'Gelderland');
    const [C, O, L] = [sys.catalog.url, sys.orders.url, sys.logistics.url];
    const farms = await twoFarmsList(C, t.run, anna, joost, 'cold');
    const { orderId } = await placeOrder(O, ben, [farms[0]!], 2, `cold-${t.run}`);
    const payment = await eventually(async () => {
      const r = await ben.call<{
        payment?: { paymentId: string; amount: { amount: number; currency: string } };
      }>(O, 'GET', `/orders/${orderId}`);
      return r.body.payment?.paymentId ? r.body.payment : undefined;
    }, 30_000);
    expect((await paymentSucceeded(O, webhookSecret, orderId, payment)).status).toBe(200);

    const open = await eventually(async () => {
      const r = await pia.call<
        { shipmentId: string; orderId: string; coldChain: { minC: number; maxC: number } }[]
      >(L, 'GET', '/shipments/open?region=Gelderland');
      return r.body.find((s) => s.orderId === orderId);
    }, 30_000);
    const id = open.shipmentId;
    for (const step of ['claim', 'pickup'])
      expect((await pia.call(L, 'POST', `/shipments/${id}/${step}`)).status).toBe(200);

    const device = await pia.call<{ deviceId: string; secret: string }>(L, 'POST', '/devices', {
      kind: 'vehicle',
      label: 'Van 2',
    });
    expect(device.status).toBe(201);
    const attached = await pia.call<{ from: string }>(
      L,
      'POST',
      `/devices/${device.body.deviceId}/attachments`,
      { shipmentId: id },
    );
    expect(attached.status).toBe(201);

    // A reading a minute: 10 in range, 20 above the lot's maximum, then back in range; two batches.
    const { minC, maxC } = open.coldChain;
    const warm = maxC + 5;
    const start = Date.parse(attached.body.from) + 1_000;
    const readings = [
      ...Array<number>(10).fill((minC + maxC) / 2),
      ...Array<number>(20).fill(warm),
      ...Array<number>(5).fill((minC + maxC) / 2),
    ].map((c, i) => ({ t: new Date(start + i * 60_000).toISOString(), c }));
    const post = (batch: typeof readings) =>
      fetch(`${ingest.url}/readings`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Device ${device.body.deviceId}:${device.body.secret}`,
        },
        body: JSON.stringify({ readings: batch }),
      });
    for (const batch of [readings.slice(0, 20), readings.slice(20)])
      expect((await post(batch)).status).toBe(202);

    const excursion = await eventually(
      () => probe.of('ftt.logistics.shipment.temperature_excursion.v1').find((e) => e.data.shipmentId === id),
      30_000,
    );
    expect(excursion.data).toMatchObject({
      orderId,
      temperatureC: warm,
      place: `sensor ${device.body.deviceId}`,
      at: readings[10]!.t,
    });
    expect(excursion.correlationid).toBe(orderId);

    // The logger sends both batches again (no acknowledgement seen): still one excursion.
    for (const batch of [readings.slice(0, 20), readings.slice(20)])
      expect((await post(batch)).status).toBe(202);
    await eventually(
      () =>
        probe
          .of('ftt.logistics.device.readings_recorded.v1')
          .filter((e) => e.data.deviceId === device.body.deviceId).length === 4,
      30_000,
    );
    await new Promise((r) => setTimeout(r, 3_000));
    expect(
      probe.of('ftt.logistics.shipment.temperature_excursion.v1').filter((e) => e.data.shipmentId === id),
    ).toHaveLength(1);

    const curves = await ben.call<{
      shipments: { shipmentId: string; series: { points: unknown[] }[]; excursions: unknown[] }[];
    }>(L, 'GET', `/trace/orders/${orderId}/temperatures`);
    expect(curves.status).toBe(200);
    const mine = curves.body.shipments.find((s) => s.shipmentId === id)!;
    expect(mine.series[0]!.points).toHaveLength(readings.length);
    expect(mine.excursions).toHaveLength(1);
  });
});
