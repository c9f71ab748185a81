import { listingSnapshot } from './fixtures/listing-snapshot';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createEvent, Topics } from '@ftt/contracts';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventProbe, eventually, testEnv } from '../src/testing';
import {
  AggregateStore,
  Api,
  createKafka,
  createLogger,
  createProducer,
  getTestSpans,
  initTelemetry,
  OutboxRelay,
  runConsumer,
  runService,
  type RunningConsumer,
  type RunningService,
} from '../src/index';

// Before runService: the first initTelemetry of a process wins, and this one keeps spans in memory.
initTelemetry({ serviceName: 'kit-telemetry-test', exporter: 'memory' });

const t = testEnv('telemetry');
const silentLog = createLogger('test', 'silent');
// An independent client for the lag test's consumer, so it owns its group alone.
const lagKafka = createKafka('lag-test', t.kafkaBrokers.split(','), silentLog);
const lagProducer = createProducer(lagKafka);
const database = new URL(t.mongoUrl).pathname.slice(1);
let svc: RunningService;
let probe: EventProbe;
let lagConsumer: RunningConsumer | undefined;
let parcels: AggregateStore;
let parcelRelay: OutboxRelay;
const consumed = new Set<string>();
const lagHandled: string[] = [];

const snapshot = (listingId: string) => listingSnapshot(listingId, 1, 250);

const completed = (orderId: string) =>
  createEvent(
    'ftt.orders.order.completed.v1',
    { orderId, completedAt: new Date().toISOString() },
    // No traceparent on purpose: the store fills it from the active span at write time.
    { source: '/kit-test', correlationid: orderId },
  );

/** Sum of a metric's samples whose labels include all of `labels`; undefined when none is exposed. */
const sample = (text: string, name: string, labels: Record<string, string>): number | undefined => {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total = (total ?? 0) + Number(m[3]);
  }
  return total;
};
const scrape = async () => {
  const res = await fetch(`${svc.url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  probe = await new EventProbe(t).listen([Topics.orders, Topics.listings]);
  svc = await runService(
    'kit-test',
    z.object({}),
    t.serviceEnv(),
    async ({ auth, log, db, publisher, consume }) => {
      const things = db.collection('things');
      const store = new AggregateStore(things);
      const seen = new AggregateStore(db.collection('seen'));
      parcels = new AggregateStore(db.collection('parcels'));
      parcelRelay = new OutboxRelay({ collections: [db.collection('parcels')], publisher, log, pollMs: 50 });
      const relay = new OutboxRelay({ collections: [things], publisher, log, pollMs: 100 });
      const api = new Api({ title: 'kit test', version: '1' }, auth);
      api.route({
        method: 'post',
        path: '/things/:id',
        summary: 'write a thing and its event',
        auth: 'public',
        params: z.object({ id: z.string() }),
        status: 201,
        handler: async ({ params }) => {
          await store.insert(params.id, { n: 1 }, { events: [completed(params.id)] });
          relay.kick(things, params.id);
          return { id: params.id };
        },
      });
      return {
        api,
        relay,
        start: async () => [
          // The service's own group (TOPIC_PREFIX + 'kit-test'), as a service's consumer is.
          await consume([Topics.orders], async (event) => {
            if (event.type !== 'ftt.orders.order.completed.v1') return;
            await seen.insert(event.id, { orderId: event.data.orderId }, { processedEventId: event.id });
            consumed.add(event.id);
          }),
        ],
      };
    },
  );
});

afterAll(async () => {
  await lagConsumer?.stop();
  await lagProducer.disconnect();
  await parcelRelay?.stop();
  await svc?.stop();
  await probe?.close();
});

const byId = (spans: ReadableSpan[], id: string | undefined) =>
  spans.find((s) => s.spanContext().spanId === id);
const parentOf = (s: ReadableSpan | undefined) => s?.parentSpanContext?.spanId;

describe('tracing', () => {
  it('when a request writes an event that the outbox relays to a consumer, then one trace holds the server, mongodb, send and process spans, each the child of the one before', async () => {
    const callerTrace = 'a1'.repeat(16);
    const callerSpan = 'b2'.repeat(8);
    const res = await fetch(`${svc.url}/things/thing-1`, {
      method: 'POST',
      headers: { traceparent: `00-${callerTrace}-${callerSpan}-01` },
    });
    expect(res.status).toBe(201);
    const eventId = (await eventually(
      () => probe.of('ftt.orders.order.completed.v1').find((e) => e.data.orderId === 'thing-1')?.id,
    ))!;
    await eventually(() => consumed.has(eventId));

    /** The span of this kind about the event (its send, its processing). */
    const isEventSpan = (kind: SpanKind) => (s: ReturnType<typeof getTestSpans>[number]) =>
      s.kind === kind && s.attributes['messaging.message.id'] === eventId;
    const spans = (await eventually(() => {
      const all = getTestSpans().filter((s) => s.spanContext().traceId === callerTrace);
      return all.some(isEventSpan(SpanKind.CONSUMER)) ? all : undefined;
    }))!;
    const server = spans.find(
      (s) => s.kind === SpanKind.SERVER && s.attributes['http.route'] === '/things/:id',
    );
    expect(server?.name).toBe('POST /things/:id');
    expect(server?.attributes['http.response.status_code']).toBe(201);
    expect(parentOf(server)).toBe(callerSpan);

    const insert = spans.find(
      (s) =>
        s.kind === SpanKind.CLIENT &&
        s.attributes['db.operation.name'] === 'insert' &&
        s.attributes['db.collection.name'] === 'things',
    );
    expect(insert?.attributes['db.system']).toBe('mongodb');
    expect(parentOf(insert)).toBe(server?.spanContext().spanId);

    const send = spans.find(isEventSpan(SpanKind.PRODUCER));
    expect(send?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'send',
      'messaging.destination.name': t.topicPrefix + Topics.orders,
    });
    expect(parentOf(send)).toBe(server?.spanContext().spanId);

    const processed = spans.find(isEventSpan(SpanKind.CONSUMER));
    expect(processed?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': `${t.topicPrefix}kit-test`,
    });
    expect(parentOf(processed)).toBe(send?.spanContext().spanId);

    const handlerWrite = spans.find(
      (s) => s.kind === SpanKind.CLIENT && s.attributes['db.collection.name'] === 'seen',
    );
    expect(parentOf(handlerWrite)).toBe(processed?.spanContext().spanId);

    // On the wire: the CloudEvents attribute names the writer (the server span), the W3C header the send span.
    const raw = probe.raw.find((r) => r.headers.ce_id === eventId);
    expect(raw?.headers.ce_traceparent).toBe(`00-${callerTrace}-${server?.spanContext().spanId}-01`);
    expect(raw?.headers.traceparent).toBe(`00-${callerTrace}-${send?.spanContext().spanId}-01`);
    expect(byId(spans, parentOf(send))).toBe(server);
  });

  it('when a request comes without trace context, then the event starts from the request span of a new trace', async () => {
    const res = await fetch(`${svc.url}/things/thing-2`, { method: 'POST' });
    expect(res.status).toBe(201);
    const event = (await eventually(() =>
      probe.of('ftt.orders.order.completed.v1').find((e) => e.data.orderId === 'thing-2'),
    ))!;
    const server = getTestSpans().find(
      (s) => s.kind === SpanKind.SERVER && s.attributes['url.path'] === '/things/thing-2',
    );
    expect(server).toBeDefined();
    expect(parentOf(server)).toBeUndefined();
    expect(event.traceparent).toBe(`00-${server?.spanContext().traceId}-${server?.spanContext().spanId}-01`);
  });
});

describe('/metrics', () => {
  it('when requests were served and messages handled, then their counts are exposed by route template and group', async () => {
    await eventually(() => consumed.size >= 2);
    const text = await scrape();
    expect(
      sample(text, 'http_server_request_duration_seconds_count', {
        method: 'POST',
        route: '/things/:id',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(2);
    expect(text).not.toMatch(/route="\/things\/thing-1"/);
    expect(
      sample(text, 'messaging_events_processed_total', { group: `${t.topicPrefix}kit-test`, outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'outbox_published_total', { collection: 'things' })).toBeGreaterThanOrEqual(2);
  });

  it('when a consumer is paused while messages arrive, then its lag rises, and falls back to zero after it resumes', async () => {
    const group = `${t.topicPrefix}lag-test`;
    const lag = async () =>
      sample(await scrape(), 'kafka_consumer_lag', { group, topic: t.topicPrefix + Topics.listings });
    await lagProducer.connect();
    lagConsumer = await runConsumer({
      kafka: lagKafka,
      producer: lagProducer,
      groupId: group,
      topicPrefix: t.topicPrefix,
      topics: [Topics.listings],
      log: silentLog,
      handle: async (event) => {
        lagHandled.push(event.id);
      },
    });
    const first = await probe.send('ftt.catalog.listing.published.v1', snapshot('l-first'));
    await eventually(() => lagHandled.includes(first.id), 30_000);
    await eventually(async () => (await lag()) === 0, 15_000);

    lagConsumer.pause();
    for (let i = 0; i < 5; i++) await probe.send('ftt.catalog.listing.published.v1', snapshot(`l-${i}`));
    const risen = await eventually(async () => {
      const v = await lag();
      return v !== undefined && v >= 5 ? v : undefined;
    });
    expect(risen).toBe(5);
    await new Promise((r) => setTimeout(r, 300));
    expect(await lag()).toBe(5); // still paused: nothing was consumed
    expect(lagHandled).toHaveLength(1);

    lagConsumer.resume();
    await eventually(async () => (await lag()) === 0, 20_000);
    expect(lagHandled).toHaveLength(6);
  });

  it('when the relay is stopped while events are written, then the outbox backlog rises, and falls to zero once the relay runs', async () => {
    const backlog = async () => sample(await scrape(), 'outbox_backlog', { database, collection: 'parcels' });
    expect(await backlog()).toBe(0);
    for (let i = 0; i < 3; i++)
      await parcels.insert(`parcel-${i}`, { i }, { events: [completed(`parcel-${i}`)] });
    expect(await backlog()).toBe(3);
    parcelRelay.start();
    await eventually(async () => (await backlog()) === 0);
    await parcelRelay.stop();
    await eventually(() =>
      ['parcel-0', 'parcel-1', 'parcel-2'].every((id) =>
        probe.of('ftt.orders.order.completed.v1').some((e) => e.data.orderId === id),
      ),
    );
  });
});

describe('OTEL_SDK_DISABLED=true', () => {
  it('when telemetry is switched off, then the service serves no /metrics and its events carry no trace context', async () => {
    const root = new URL('../../..', import.meta.url).pathname;
    const script = `
      import { createEvent } from './packages/contracts/src/index.ts';
      import { AggregateStore, Api, baseConfigSchema, currentTraceparent, runService } from './packages/kit/src/index.ts';
      const svc = await runService('off', baseConfigSchema.pick({}), JSON.parse(process.env.SVC_ENV), async ({ config, db }) => {
        const api = new Api({ title: 'off', version: '1' }, { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE });
        api.route({ method: 'post', path: '/x', summary: 'x', auth: 'public', handler: async () => {
          const e = createEvent('ftt.orders.order.completed.v1', { orderId: 'off-1', completedAt: new Date().toISOString() }, { source: '/off', correlationid: 'off' });
          await new AggregateStore(db.collection('off')).insert('off-1', {}, { events: [e] });
          const doc = await db.collection('off').findOne({ _id: 'off-1' });
          return { traceparent: currentTraceparent() ?? null, stored: doc.outbox[0].envelope.traceparent ?? null };
        } });
        return { api };
      });
      const metrics = await fetch(svc.url + '/metrics');
      const x = await (await fetch(svc.url + '/x', { method: 'POST', headers: { traceparent: '00-${'c3'.repeat(16)}-${'d4'.repeat(8)}-01' } })).json();
      console.log(JSON.stringify({ metrics: metrics.status, ...x }));
      await svc.stop();
    `;
    const env = {
      ...t.serviceEnv({ OTEL_SDK_DISABLED: 'true' }),
      MONGO_URL: `${t.mongoUrl}_off`,
      LOG_LEVEL: 'silent',
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: root,
        env: { ...process.env, SVC_ENV: JSON.stringify(env) },
      },
    );
    const out = JSON.parse(stdout.trim().split('\n').pop()!);
    // 404 from the kit's own fallback: no exporter, no route.
    expect(out).toEqual({ metrics: 404, traceparent: null, stored: null });
  });
});
