export {
  initTelemetry,
  currentTelemetry,
  telemetryEnabled,
  tracesExported,
  getTestSpans,
  type Telemetry,
  type TelemetryOptions,
} from './setup';
export {
  currentTraceparent,
  eventContext,
  contextFromTraceparent,
  inTraceOf,
  withoutTrace,
} from './trace-context';
export {
  metrics,
  LATENCY_BUCKETS,
  type Labels,
  type CounterMetric,
  type GaugeMetric,
  type HistogramMetric,
  type ObservedMetric,
  type Observe,
} from './metrics';
