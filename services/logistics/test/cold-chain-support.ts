import { randomUUID } from 'node:crypto';
import { Topics } from '@ftt/contracts';
import type { RunningService } from '@ftt/kit';
import { startServiceUnderTest, testEnv, type ServiceUnderTest } from '@ftt/kit/testing';
import { startIngest } from '../src/ingest-service';
import { startLogistics } from '../src/service';
import { awaitShipments, listing, orderConfirmed, users } from './support';

export interface ColdChainHarness extends ServiceUnderTest {
  ingest: RunningService;
  /** POST a batch to the ingest with a device's credentials (raw Authorization header when given as a string). */
  send: (auth: string | undefined, body: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** logistics and its ingest in-process on port 0, one database and topic prefix, a probe on every topic they use. */
export const startColdChain = async (
  label: string,
  extra: Record<string, string> = {},
): Promise<ColdChainHarness> => {
  const t = testEnv(label);
  const env = t.serviceEnv({ TRACE_ID_BASE: 'https://id.test.example', ...extra });
  const h = await startServiceUnderTest(
    t,
    [Topics.orders, Topics.listings, Topics.shipments, Topics.readings],
    () => startLogistics(env),
  );
  // Loggers in these tests report a simulated trip ahead of the wall clock (a day of readings in seconds).
  const ingest = await startIngest({ ...env, READINGS_MAX_FUTURE_MS: String(86_400_000) });
  return {
    ...h,
    ingest,
    send: async (auth, body) => {
      const r = await fetch(`${ingest.url}/readings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    },
    stop: async () => {
      await ingest.stop();
      await h.stop();
    },
  };
};

/** A De Hof shipment (range 8..14 °C) claimed and picked up by Pia; its ids. */
export const shipmentOnTheRoad = async (h: ServiceUnderTest) => {
  const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `CC-${randomUUID().slice(0, 8)}` })]);
  await h.probe.send('ftt.orders.order.confirmed.v1', order);
  const [doc] = await awaitShipments(h, order.orderId, 1);
  const id = String(doc!._id);
  for (const step of ['claim', 'pickup']) {
    const r = await h.call('POST', `/shipments/${id}/${step}`, users.pia);
    if (r.status !== 200) throw new Error(`${step}: ${r.status} ${r.text}`);
  }
  return { order, id, trackingCode: String(doc!.trackingCode) };
};

/** Pia registers a crate logger; its id and the Authorization header it sends. */
export const registerLogger = async (h: ServiceUnderTest, who = users.pia) => {
  const r = await h.call('POST', '/devices', who, { kind: 'crate', label: 'Crate 7' });
  if (r.status !== 201) throw new Error(`register: ${r.status} ${r.text}`);
  return { deviceId: String(r.body.deviceId), auth: `Device ${r.body.deviceId}:${r.body.secret}` };
};

/** Readings one minute apart from `start` (epoch ms), one value each. */
export const minutes = (start: number, values: number[]) =>
  values.map((c, i) => ({ t: new Date(start + i * 60_000).toISOString(), c }));
