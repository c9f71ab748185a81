import { testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, eventually } from '../support/actors';
import { deliverShipments, paymentSucceeded, placeOrder, twoFarmsList } from '../support/saga-steps';
import { OtlpCollector, type CollectedSpan } from '../support/otlp-collector';
import { startSystem } from '../support/system';

const t = testEnv('saga');
const webhookSecret = 'whsec_e2e_saga_secret';
let sys: Awaited<ReturnType<typeof startSystem>>;
// Every service exports its spans over OTLP/HTTP, as in production, to a collector the test reads.
const collector = new OtlpCollector();

beforeAll(async () => {
  await collector.start();
  const otlp = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint };
  sys = await startSystem(t, {
    catalog: otlp,
    orders: {
      ...otlp,
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: t.stripeApiBase,
    },
    logistics: otlp,
  });
});
afterAll(async () => {
  await sys?.stop();
  await collector.stop();
});

/** The send span of the event of this type about this order (orders' events are keyed by the order id). */
const sendSpan = (spans: CollectedSpan[], type: string, key?: string) =>
  spans.find(
    (s) =>
      s.attributes['messaging.operation.type'] === 'send' &&
      s.attributes['cloudevents.event_type'] === `ftt.${type}.v1` &&
      (key === undefined || s.attributes['messaging.kafka.message.key'] === key),
  );

describe('the whole saga, three services as processes on real Kafka, the database server and stripe-mock', () => {
  it('when farmers list, a buyer orders from two farms and pays, and two partners deliver, then the order completes, both farmers are paid and the trace shows the chain', async () => {
    const anna = await actor(t, 'user-farmer-anna', 'farmer');
    const joost = await actor(t, 'user-farmer-joost', 'farmer');
    const ben = await actor(t, 'user-buyer-ben', 'buyer');
    const pia = await actor(t, 'user-partner-pia', 'logistics', 'Gelderland');
    const omar = await actor(t, 'user-partner-omar', 'logistics', 'Utrecht');
    const C = sys.catalog.url;
    const O = sys.orders.url;
    const L = sys.logistics.url;

    // Farmers list produce.
    const farms = await twoFarmsList(C, t.run, anna, joost, 'e2e');

    // The buyer orders from both farms (orders learns listings from catalog's events, so wait for them).
    const { orderId } = await placeOrder(O, ben, farms, 3, `e2e-${t.run}`);
    const order = () =>
      ben.call<{
        state: string;
        payment?: { paymentId: string; amount: { amount: number; currency: string } };
        valueSplit: { farms: { farmShareOfProducePercent: number }[] };
      }>(O, 'GET', `/orders/${orderId}`);
    const awaiting = await eventually(async () => {
      const r = await order();
      return r.body.state === 'awaiting_payment' && r.body.payment ? r.body : undefined;
    }, 30_000);
    expect(
      (await ben.call<{ listing: { available: number } }>(C, 'GET', `/listings/${farms[0]!.listingId}`)).body
        .listing.available,
    ).toBe(97);

    // Stripe says the payment succeeded.
    const pi = awaiting.payment!;
    const hook = await paymentSucceeded(O, webhookSecret, orderId, pi);
    expect(hook.status).toBe(200);
    await eventually(async () => (await order()).body.state === 'confirmed', 30_000);

    // Two partners, one per region, each deliver one shipment.
    await deliverShipments(L, orderId, [
      [pia, 'Gelderland'],
      [omar, 'Utrecht'],
    ]);

    // The order completes and each farmer is paid their share by a Stripe transfer.
    const done = await eventually(async () => {
      const r = await order();
      return r.body.state === 'completed' ? r.body : undefined;
    }, 45_000);
    expect(done.valueSplit.farms).toHaveLength(2);
    for (const f of farms) {
      const payouts = await eventually(async () => {
        const r = await f.farmer.call<{
          items: { orderId: string; status: string; transferId?: string; amount: { amount: number } }[];
        }>(O, 'GET', `/farms/${f.farmId}/payouts`);
        const p = r.body.items?.find((x) => x.orderId === orderId);
        return p?.status === 'paid' ? p : undefined;
      }, 30_000);
      expect(payouts.transferId).toMatch(/^tr_/);
      // 3 kg at 3.50 = 10.50; 5% platform fee = 0.53 (rounded) -> 9.97 to the farmer
      expect(payouts.amount.amount).toBeGreaterThan(900);
      expect(payouts.amount.amount).toBeLessThan(1050);
    }

    // Where did my food come from: both lots, both farms, both delivered shipments.
    const trace = await eventually(async () => {
      const r = await ben.call<{ lines: { lotCode: string; origin: { farmId: string } }[]; status: string }>(
        L,
        'GET',
        `/trace/orders/${orderId}`,
      );
      return r.status === 200 && r.body.status === 'completed' ? r.body : undefined;
    }, 30_000);
    expect(trace.lines.map((l) => l.lotCode).sort()).toEqual(farms.map((f) => f.lotCode).sort());
    expect(trace.lines.map((l) => l.origin.farmId).sort()).toEqual(farms.map((f) => f.farmId).sort());
    const csv = await fetch(`${L}/trace/orders/${orderId}/fsma.csv`, {
      headers: { authorization: `Bearer ${ben.bearer}` },
    });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\n').filter(Boolean).length).toBeGreaterThan(6);

    // One order, one trace: from the buyer's POST through catalog, orders and logistics to the payouts.
    const placedSend = await eventually(
      async () => sendSpan(collector.spans, 'orders.order.placed', orderId),
      20_000,
    );
    const steps = [
      'orders.order.placed',
      'catalog.stock.reserved',
      'orders.payment.succeeded',
      'orders.order.confirmed',
      'catalog.stock.committed',
      'logistics.shipment.created',
      'logistics.shipment.delivered',
      'orders.order.completed',
      'orders.payout.made',
    ];
    // Spans arrive in batches (every few seconds per service): wait until the last hop is in.
    const spans = await eventually(async () => {
      const inTrace = collector.trace(placedSend.traceId);
      const missing = steps.filter((type) => !sendSpan(inTrace, type));
      if (missing.length > 0) {
        const elsewhere = missing.map(
          (type) => `${type} in ${sendSpan(collector.spans, type)?.traceId ?? 'no trace'}`,
        );
        throw new Error(`not (yet) in the order's trace ${placedSend.traceId}: ${elsewhere.join(', ')}`);
      }
      // a span's parent may come in a later batch than the span: until then the span looks like a second root
      const orphans = inTrace.filter((s) => s.parentSpanId && !inTrace.some((p) => p.spanId === s.parentSpanId));
      if (orphans.length > 0)
        throw new Error(`parents not (yet) exported of: ${orphans.map((s) => `${s.service} ${s.name}`).join(', ')}`);
      return inTrace;
    }, 30_000);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['catalog', 'orders', 'logistics']));
    const root = spans.filter((s) => !spans.some((p) => p.spanId === s.parentSpanId));
    expect(root, 'exactly one root span').toHaveLength(1);
    expect(root[0]).toMatchObject({ service: 'orders', parentSpanId: '' });
    expect(root[0]!.name).toMatch(/^POST \/orders$/);
    for (const type of steps) expect(sendSpan(spans, type), `${type} in the order's trace`).toBeDefined();
    // Each service consumed within the trace (every span but the root has its parent in the trace, checked above).
    for (const service of ['catalog', 'orders', 'logistics']) {
      const processed = spans.filter(
        (s) => s.service === service && s.attributes['messaging.operation.type'] === 'process',
      );
      expect(processed.length, `${service} process spans`).toBeGreaterThan(0);
    }
    // The webhook and the partners' scans arrive on traces of their own: the order's trace continues in a span
    // that links back to each request.
    const linked = spans.filter((s) => s.links.length > 0);
    expect(linked.some((s) => s.service === 'orders' && s.name === 'order command')).toBe(true);
    expect(linked.some((s) => s.service === 'logistics' && s.name === 'shipment command')).toBe(true);
    for (const s of linked) {
      const request = collector.spans.find((x) => x.spanId === s.links[0]!.spanId);
      expect(request?.traceId).not.toBe(placedSend.traceId);
    }
  });
});
