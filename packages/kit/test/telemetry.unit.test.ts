import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Api,
  createHttpApp,
  createLogger,
  currentTraceparent,
  eventContext,
  getTestSpans,
  initTelemetry,
  inTraceOf,
  metrics,
} from '../src/index';
import { traceLogFields } from '../src/telemetry/log-fields';
import { addBoomRoute } from './fixtures/boom-route';

const telemetry = initTelemetry({ serviceName: 'kit-unit', exporter: 'memory' });
const auth = { secret: 'unit-secret-for-telemetry-tests-0123456789', issuer: 'i', audience: 'a' };
let server: Server;
let base: string;

beforeAll(async () => {
  const api = new Api({ title: 't', version: '1' }, auth)
    .route({
      method: 'post',
      path: '/echo/:id',
      summary: 'echo',
      auth: 'public',
      params: z.object({ id: z.string() }),
      body: z.object({ n: z.number() }),
      handler: async ({ headers }) => {
        // After the JSON body was read from the socket: the request's context must still be active.
        await new Promise((r) => setTimeout(r, 5));
        return { active: currentTraceparent() ?? null, header: headers.traceparent ?? null };
      },
    });
  addBoomRoute(api, 'internal detail');
  const app = createHttpApp({
    name: 'unit',
    log: createLogger('unit', 'silent'),
    api,
    ready: async () => ({}),
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const serverSpan = (path: string) =>
  getTestSpans().find((s) => s.kind === SpanKind.SERVER && s.attributes['url.path'] === path);

describe('HTTP telemetry', () => {
  it('when a request carries a traceparent, then its server span continues it and the handler sees the server span as current', async () => {
    const res = await fetch(`${base}/echo/abc`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`,
      },
      body: JSON.stringify({ n: 1 }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { active: string; header: string };
    const span = serverSpan('/echo/abc');
    expect(span?.name).toBe('POST /echo/:id');
    expect(span?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/echo/:id',
      'http.response.status_code': 200,
    });
    expect(span?.spanContext().traceId).toBe('1'.repeat(32));
    expect(span?.parentSpanContext?.spanId).toBe('2'.repeat(16));
    const own = `00-${'1'.repeat(32)}-${span?.spanContext().spanId}-01`;
    expect(body).toEqual({ active: own, header: own });
  });

  it('when the body arrives in pieces after the request started, then the handler still runs in the request span', async () => {
    const chunks = ['{"n":', '2}'];
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = chunks.shift();
        if (next === undefined) return controller.close();
        await new Promise((r) => setTimeout(r, 30));
        controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await fetch(`${base}/echo/slow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    const span = serverSpan('/echo/slow');
    const c = span?.spanContext();
    expect(((await res.json()) as { active: string }).active).toBe(`00-${c?.traceId}-${c?.spanId}-01`);
  });

  it('when a handler fails, then the server span is an error with the 500 status', async () => {
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    const span = serverSpan('/boom');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['http.response.status_code']).toBe(500);
  });

  it('when /metrics is scraped, then request durations are labelled by route template, with unmatched paths folded together', async () => {
    await fetch(`${base}/no/such/path/123`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{method="POST",route="\/echo\/:id",status="200"\} 2/,
    );
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{method="GET",route="\/boom",status="500"\} 1/,
    );
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/,
    );
    // No raw path becomes a label (only label values are checked: a duration like 0.00123 s may contain the digits).
    expect(text).not.toMatch(/no\/such\/path/);
    expect(text).not.toMatch(/="[^"]*123[^"]*"/);
    expect(text).toMatch(/http_server_request_duration_seconds_bucket\{[^}]*le="0\.005"\}/);
  });

  it('when probes are called, then they make no spans', async () => {
    await fetch(`${base}/health`);
    expect(serverSpan('/health')).toBeUndefined();
  });
});

describe('trace context helpers', () => {
  it('when an event context is built inside a span, then it gets that span as traceparent unless it has one', () => {
    expect(eventContext({ source: '/s', correlationid: 'c' })).toEqual({ source: '/s', correlationid: 'c' });
    telemetry.tracer.startActiveSpan('work', (span) => {
      const c = span.spanContext();
      const tp = `00-${c.traceId}-${c.spanId}-01`;
      expect(currentTraceparent()).toBe(tp);
      expect(eventContext({ source: '/s', correlationid: 'c' }).traceparent).toBe(tp);
      const given = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
      expect(eventContext({ source: '/s', correlationid: 'c', traceparent: given }).traceparent).toBe(given);
      expect(traceLogFields()).toEqual({ trace_id: c.traceId, span_id: c.spanId });
      span.end();
    });
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(traceLogFields()).toEqual({});
  });

  it("when work on an aggregate arrives on another trace, then it runs in a span of the aggregate's trace linked to the request", async () => {
    const aggregate = `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01`;
    await telemetry.tracer.startActiveSpan('request', async (request) => {
      const inner = await inTraceOf(aggregate, 'order change', async () => currentTraceparent(), {
        'ftt.order.id': 'o-1',
      });
      expect(inner).toMatch(new RegExp(`^00-${'c'.repeat(32)}-[0-9a-f]{16}-01$`));
      const span = getTestSpans().find((s) => s.name === 'order change');
      expect(span?.parentSpanContext?.spanId).toBe('d'.repeat(16));
      expect(span?.links.map((l) => l.context.spanId)).toEqual([request.spanContext().spanId]);
      expect(span?.attributes['ftt.order.id']).toBe('o-1');
      // Already inside the aggregate's trace, or with no trace to continue: no extra span, the work just runs.
      expect(
        await inTraceOf(`00-${request.spanContext().traceId}-${'e'.repeat(16)}-01`, 'x', async () =>
          currentTraceparent(),
        ),
      ).toBe(currentTraceparent());
      expect(await inTraceOf(undefined, 'x', async () => 7)).toBe(7);
      expect(getTestSpans().filter((s) => s.name === 'x')).toHaveLength(0);
      request.end();
    });
  });
});

describe('service metrics API', () => {
  it('when a service counts, sets and observes, then /metrics shows them under the names it chose', async () => {
    const terminal = metrics.counter('orders_terminal_total', 'Orders that reached a terminal state');
    terminal.inc({ state: 'completed' });
    metrics.counter('orders_terminal_total', 'same counter').inc({ state: 'completed' });
    metrics.gauge('catalog_open_reservations', 'Open reservations').set(7);
    metrics
      .histogram('orders_saga_duration_seconds', 'Placed to terminal', { buckets: [1, 10, 60] })
      .observe(3);
    let calls = 0;
    const observed = metrics.observableGauge('kit_unit_observed', 'An observed value', (observe) => {
      calls++;
      observe(42, { kind: 'x' });
    });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/^orders_terminal_total\{state="completed"\} 2$/m);
    expect(text).toMatch(/^catalog_open_reservations 7$/m);
    expect(text).toMatch(/^orders_saga_duration_seconds_bucket\{le="10"\} 1$/m);
    expect(text).toMatch(/^kit_unit_observed\{kind="x"\} 42$/m);
    expect(calls).toBe(1);
    // Removed: no longer called (OpenTelemetry's cumulative export keeps the last value it saw).
    observed.remove();
    await fetch(`${base}/metrics`);
    expect(calls).toBe(1);
  });
});
