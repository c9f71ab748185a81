import { createEvent, toWire, Topics } from '../../packages/contracts/src/index';
import { token, type testEnv } from '@ftt/kit/testing';
import { randomUUID } from 'node:crypto';
import { sleep, type Producer } from './kafka';

type Env = ReturnType<typeof testEnv>;
export const BENCH_REGION = 'BenchRegion';
export const BENCH_RANGE = { minC: 2, maxC: 8 };

const json = async (url: string, bearer: string, method: string, body?: unknown) => {
  const r = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

/**
 * n shipments on the road, each with its own logger: the bench plays orders (order.confirmed straight onto the
 * orders topic, one farm each, range 2..8 °C), then a partner claims and picks up every shipment over HTTP,
 * registers a logger per shipment and attaches it. Returns each logger's credentials and attachment time.
 */
export const shipmentsWithLoggers = async (t: Env, producer: Producer, logisticsUrl: string, n: number) => {
  const partner = await token(t, { userId: 'user-partner-bench', role: 'logistics', region: BENCH_REGION });
  const orderIds = new Set<string>();
  const messages = [];
  for (let i = 0; i < n; i++) {
    const orderId = `ord-bench-${randomUUID()}`;
    orderIds.add(orderId);
    const e = createEvent(
      'ftt.orders.order.confirmed.v1',
      {
        orderId,
        buyerId: `user-buyer-bench-${i % 20}`,
        confirmedAt: new Date().toISOString(),
        dropoff: {
          address: { line1: `Benchstraat ${i + 1}`, city: 'Utrecht', postalCode: '3511 AA', country: 'NL' },
          contactName: 'Bench Buyer',
        },
        shipments: [
          {
            farmId: `farm-bench-${i % 8}`,
            farmName: `Bench farm ${i % 8}`,
            region: BENCH_REGION,
            pickupAddress: { line1: 'Hofweg 1', city: 'Ede', postalCode: '6711 AB', country: 'NL' },
            coldChain: BENCH_RANGE,
            lines: [
              {
                listingId: `lst-bench-${i % 8}`,
                title: 'Eggs',
                quantity: 2,
                unit: 'dozen',
                lotCode: `LOT-BENCH-${i % 8}`,
              },
            ],
          },
        ],
      },
      { source: '/bench', correlationid: orderId },
    );
    messages.push(toWire(e.key, e.envelope));
  }
  await producer.send({ topic: t.topicPrefix + Topics.orders, messages });
  const deadline = Date.now() + 120_000;
  let open: { shipmentId: string; orderId: string }[] = [];
  while (Date.now() < deadline) {
    const r = await fetch(`${logisticsUrl}/shipments/open?region=${BENCH_REGION}`, {
      headers: { authorization: `Bearer ${partner}` },
    });
    open = ((await r.json()) as { shipmentId: string; orderId: string }[]).filter((s) =>
      orderIds.has(s.orderId),
    );
    if (open.length >= n) break;
    await sleep(500);
  }
  if (open.length < n) throw new Error(`only ${open.length} of ${n} shipments were created in 2 minutes`);
  const loggers: { deviceId: string; auth: string; shipmentId: string; fromMs: number }[] = [];
  for (const s of open) {
    await json(`${logisticsUrl}/shipments/${s.shipmentId}/claim`, partner, 'POST');
    await json(`${logisticsUrl}/shipments/${s.shipmentId}/pickup`, partner, 'POST');
    const d = await json(`${logisticsUrl}/devices`, partner, 'POST', {
      kind: 'crate',
      label: `Bench crate ${loggers.length + 1}`,
    });
    const a = await json(`${logisticsUrl}/devices/${String(d.deviceId)}/attachments`, partner, 'POST', {
      shipmentId: s.shipmentId,
    });
    loggers.push({
      deviceId: String(d.deviceId),
      auth: `Device ${String(d.deviceId)}:${String(d.secret)}`,
      shipmentId: s.shipmentId,
      fromMs: Date.parse(String(a.from)),
    });
  }
  return loggers;
};
