import { readFileSync } from 'node:fs';
import { testEnv } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../scripts/build';
import { distProblem } from '../../scripts/dist';
import { actor, eventually, farmBody, listingBody } from '../support/actors';
import { OtlpCollector } from '../support/otlp-collector';
import { listProduce, placeOrder } from '../support/saga-steps';
import { startSystem } from '../support/system';

// The deploy image runs `node services/<name>/dist/main.mjs` (`pnpm build`), and so does the test command's end-to-end
// tier (FTT_SERVICE_RUNTIME=dist); a plain `vitest run` runs the sources through tsx. This one proves the compiled
// build: the saga to confirmed, with its trace. It builds only when the build is missing or stale: rewriting the
// bundles while other files start services from them would race.
const t = testEnv('compiled');
const collector = new OtlpCollector();
const runtimeBefore = process.env.FTT_SERVICE_RUNTIME;
let sys: Awaited<ReturnType<typeof startSystem>>;

beforeAll(async () => {
  if (['catalog', 'orders', 'logistics'].some((s) => distProblem(s, 'main.ts'))) await buildServices();
  process.env.FTT_SERVICE_RUNTIME = 'dist';
  await collector.start();
  const otlp = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint };
  // No Stripe key: orders uses the simulated payment provider.
  sys = await startSystem(t, { catalog: otlp, orders: otlp, logistics: otlp });
});
afterAll(async () => {
  await sys?.stop();
  await collector.stop();
  if (runtimeBefore === undefined) delete process.env.FTT_SERVICE_RUNTIME;
  else process.env.FTT_SERVICE_RUNTIME = runtimeBefore;
});

describe('the services compiled by pnpm build', () => {
  it('when the compiled services run, then an order is placed, paid and confirmed, with HTTP, database and Kafka spans in its trace', async () => {
    for (const p of [sys.catalog, sys.orders, sys.logistics]) {
      const argv = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0');
      expect(argv).toContain(`services/${p.name}/dist/main.mjs`);
      expect(argv).not.toContain('tsx');
    }
    const farmer = await actor(t, 'user-farmer-anna', 'farmer');
    const buyer = await actor(t, 'user-buyer-ben', 'buyer');
    const listing = await listProduce(
      sys.catalog.url,
      farmer,
      farmBody('De Hof', 'Gelderland', 'Wageningen', 51.97, 5.66),
      listingBody('Truss tomatoes', `LOT-${t.run}`, 100, 350),
    );
    const { orderId } = await placeOrder(sys.orders.url, buyer, [listing], 2, `compiled-${t.run}`);
    const state = async () =>
      (await buyer.call<{ state: string }>(sys.orders.url, 'GET', `/orders/${orderId}`)).body.state;
    await eventually(async () => (await state()) === 'awaiting_payment', 30_000);
    const paid = await buyer.call(sys.orders.url, 'POST', `/orders/${orderId}/pay`, { outcome: 'succeeded' });
    expect(paid.status, JSON.stringify(paid.body)).toBeLessThan(300);
    await eventually(async () => (await state()) === 'confirmed', 30_000);

    // The telemetry is the kit's own (middleware, driver command monitoring, kafkajs wrappers), bundled into each
    // entry: the order's trace must hold each kind of span, from more than one service.
    const spans = await eventually(async () => {
      const placed = collector.spans.find(
        (s) =>
          s.attributes['cloudevents.event_type'] === 'ftt.orders.order.placed.v1' &&
          s.attributes['messaging.kafka.message.key'] === orderId,
      );
      const trace = placed ? collector.trace(placed.traceId) : [];
      const kinds = {
        http: trace.some((s) => s.service === 'orders' && s.name === 'POST /orders'),
        database: trace.some((s) => s.attributes['db.system'] === 'mongodb'),
        send: trace.some((s) => s.attributes['messaging.operation.type'] === 'send'),
        process: trace.some(
          (s) => s.service === 'catalog' && s.attributes['messaging.operation.type'] === 'process',
        ),
      };
      const missing = Object.entries(kinds).filter(([, ok]) => !ok);
      if (missing.length)
        throw new Error(`not (yet) in the order's trace: ${missing.map(([k]) => k).join(', ')}`);
      return trace;
    }, 20_000);
    expect([...new Set(spans.map((s) => s.service))]).toEqual(expect.arrayContaining(['catalog', 'orders']));
  });
});
