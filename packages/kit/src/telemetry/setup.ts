import { context, metrics, propagation, trace, type Meter, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface TelemetryOptions {
  /** service.name of the process's resource (the first initTelemetry call of a process wins). */
  serviceName: string;
  /** OTEL_SDK_DISABLED=true: no spans, no metrics, no /metrics, no command monitoring. */
  disabled?: boolean;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: traces and metrics are pushed there over OTLP/HTTP. */
  otlpEndpoint?: string | undefined;
  /** 'memory' keeps finished spans in memory for tests (read them with getTestSpans()). */
  exporter?: 'memory' | SpanExporter;
  /** Share of new traces recorded (parent-based: a sampled caller's trace is always continued). */
  sampleRatio?: number;
  /** How often metrics are pushed to the OTLP endpoint. */
  metricExportIntervalMs?: number;
}

export interface Telemetry {
  readonly enabled: boolean;
  /** Finished spans go somewhere (OTLP or a test exporter); without, spans only carry trace context. */
  readonly exporting: boolean;
  readonly serviceName: string;
  readonly tracer: Tracer;
  readonly meter: Meter;
  /** Answers a Prometheus scrape (text exposition format). */
  metricsHandler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Finished spans, when started with exporter 'memory'. */
  testSpans: () => ReadableSpan[];
  resetTestSpans: () => void;
  /** Export what is buffered (called on a graceful stop). */
  flush: () => Promise<void>;
}

const STATE = Symbol.for('ftt.kit.telemetry');
// On globalThis, not in module scope: a process (or a test runner that re-imports modules per file)
// has one OpenTelemetry global registration, so it has one telemetry state.
type Holder = { [STATE]?: Telemetry };
const holder = globalThis as Holder;

const noopTracer = trace.getTracer('noop');
const disabledHandle = (serviceName: string): Telemetry => ({
  enabled: false,
  exporting: false,
  serviceName,
  tracer: noopTracer,
  meter: metrics.getMeter('noop'),
  metricsHandler: (_req, res) => {
    res.statusCode = 404;
    res.setHeader('content-type', 'text/plain');
    res.end('telemetry is disabled (OTEL_SDK_DISABLED=true)\n');
  },
  testSpans: () => [],
  resetTestSpans: () => undefined,
  flush: async () => undefined,
});

const pending: Array<() => void> = [];
/** Run fn once telemetry is enabled (now, or when initTelemetry enables it). */
export const whenTelemetryEnabled = (fn: () => void): void => {
  if (holder[STATE]?.enabled) fn();
  else if (!holder[STATE]) pending.push(fn);
};

/** The process's telemetry, or undefined before initTelemetry was called. */
export const currentTelemetry = (): Telemetry | undefined => holder[STATE];

/** True when spans and metrics are being recorded; cheap enough for every hot path. */
export const telemetryEnabled = (): boolean => holder[STATE]?.enabled === true;

/** True when finished spans are exported, i.e. when spans that only describe work are worth making. */
export const tracesExported = (): boolean => holder[STATE]?.exporting === true;

/**
 * Set up tracing and metrics for this process, once: later calls return the first handle unchanged
 * (runService calls it for every service; a test calls it first to choose the in-memory exporter).
 */
export const initTelemetry = (o: TelemetryOptions): Telemetry => {
  const existing = holder[STATE];
  if (existing) return existing;
  if (o.disabled) return (holder[STATE] = disabledHandle(o.serviceName));

  const resource = resourceFromAttributes({ 'service.name': o.serviceName });
  const memory = o.exporter === 'memory' ? new InMemorySpanExporter() : undefined;
  const processors: SpanProcessor[] = [];
  if (memory) processors.push(new SimpleSpanProcessor(memory));
  else if (o.exporter && o.exporter !== 'memory') processors.push(new BatchSpanProcessor(o.exporter));
  if (o.otlpEndpoint) {
    processors.push(
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${o.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }),
      ),
    );
  }
  // With no exporter spans are still created: they carry the trace context across Kafka and into logs.
  const tracerProvider = new BasicTracerProvider({
    resource,
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(o.sampleRatio ?? 1) }),
    spanProcessors: processors,
  });

  const prometheus = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
  const readers: IMetricReader[] = [prometheus];
  if (o.otlpEndpoint) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${o.otlpEndpoint.replace(/\/$/, '')}/v1/metrics` }),
        exportIntervalMillis: o.metricExportIntervalMs ?? 15_000,
      }),
    );
  }
  const meterProvider = new MeterProvider({ resource, readers });

  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);

  const handle: Telemetry = {
    enabled: true,
    exporting: processors.length > 0,
    serviceName: o.serviceName,
    tracer: tracerProvider.getTracer('@ftt/kit'),
    meter: meterProvider.getMeter('@ftt/kit'),
    metricsHandler: (req, res) => prometheus.getMetricsRequestHandler(req, res),
    testSpans: () => memory?.getFinishedSpans() ?? [],
    resetTestSpans: () => memory?.reset(),
    flush: async () => {
      // Bounded: an unreachable collector must not hold up a graceful stop.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([tracerProvider.forceFlush(), meterProvider.forceFlush()]),
        new Promise((r) => (timer = setTimeout(r, 3000))),
      ]);
      clearTimeout(timer);
    },
  };
  holder[STATE] = handle;
  for (const fn of pending.splice(0)) fn();
  return handle;
};

/** Finished spans of the in-memory exporter (tests). */
export const getTestSpans = (): ReadableSpan[] => holder[STATE]?.testSpans() ?? [];
