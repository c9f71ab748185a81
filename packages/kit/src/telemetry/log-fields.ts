import { trace } from '@opentelemetry/api';

const NONE = {};

/** pino mixin: every log line written inside a traced request or message names its trace and span. */
export const traceLogFields = (): { trace_id?: string; span_id?: string } => {
  const span = trace.getActiveSpan();
  if (!span) return NONE;
  const c = span.spanContext();
  return { trace_id: c.traceId, span_id: c.spanId };
};
