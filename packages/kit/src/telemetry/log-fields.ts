import { trace } from '@opentelemetry/api';

/**
 * pino mixin: every log line written inside a traced request or message names its trace and span.
 * Always a fresh object: pino's default merge strategy Object.assign()s the line's fields INTO the
 * returned object, so a shared constant would carry one line's fields into every later line.
 */
export const traceLogFields = (): { trace_id?: string; span_id?: string } => {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const c = span.spanContext();
  return { trace_id: c.traceId, span_id: c.spanId };
};
