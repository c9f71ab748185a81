import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export const formatTraceparent = (c: SpanContext): string =>
  `00-${c.traceId}-${c.spanId}-${(c.traceFlags & 0xff).toString(16).padStart(2, '0')}`;

/** The W3C traceparent of the active span, or undefined outside a traced request or message. */
export const currentTraceparent = (): string | undefined => {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const c = span.spanContext();
  return isSpanContextValid(c) ? formatTraceparent(c) : undefined;
};

/**
 * An event context (createEvent's third argument) whose traceparent is filled from the active span
 * when the caller has none, so the event continues the trace of the request or message that caused it:
 * `createEvent(type, data, eventContext({ source, correlationid }))`.
 */
export const eventContext = <T extends object>(base: T): T & { traceparent?: string | undefined } => {
  if ((base as { traceparent?: string }).traceparent) return base;
  const traceparent = currentTraceparent();
  return traceparent ? { ...base, traceparent } : base;
};

/** The context a traceparent (and tracestate) describes, as a parent for new spans; ROOT when absent or malformed. */
export const contextFromTraceparent = (traceparent: string | undefined, tracestate?: string): Context => {
  if (!traceparent || !TRACEPARENT.test(traceparent)) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, tracestate ? { traceparent, tracestate } : { traceparent });
};

/** Run fn with no active span (background loops must not become children of whatever started them). */
export const withoutTrace = <T>(fn: () => T): T => context.with(ROOT_CONTEXT, fn);
