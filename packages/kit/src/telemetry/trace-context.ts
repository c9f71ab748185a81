import {
  context,
  isSpanContextValid,
  SpanKind,
  SpanStatusCode,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';

import { currentTelemetry } from './setup';

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

/**
 * Run fn in a new span of the trace `traceparent` names, linked to the span that is active now.
 *
 * An aggregate (an order, a shipment) keeps the trace it was born in, so that one order is one trace
 * from the buyer's POST to the farmers' payouts. Work on it that arrives on its own trace (a Stripe
 * webhook, a partner's scan, the sweeper) runs in a span of the aggregate's trace, and that span links
 * back to the request's span, so either trace leads to the other. The events written inside carry the
 * new span's traceparent. Without telemetry, without a valid traceparent, or when already inside that
 * trace, fn simply runs.
 */
export const inTraceOf = <T>(
  traceparent: string | undefined,
  name: string,
  fn: () => Promise<T>,
  attributes: Record<string, string> = {},
): Promise<T> => {
  const telemetry = currentTelemetry();
  if (!telemetry?.enabled) return fn();
  const parent = contextFromTraceparent(traceparent);
  const target = trace.getSpanContext(parent);
  if (!target || !isSpanContextValid(target)) return fn();
  const active = trace.getActiveSpan()?.spanContext();
  if (active?.traceId === target.traceId) return fn();
  const links = active && isSpanContextValid(active) ? [{ context: active }] : [];
  return telemetry.tracer.startActiveSpan(
    name,
    { kind: SpanKind.INTERNAL, links, attributes },
    parent,
    async (span) => {
      try {
        return await fn();
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        throw err;
      } finally {
        span.end();
      }
    },
  );
};

/** Run fn with no active span (background loops must not become children of whatever started them). */
export const withoutTrace = <T>(fn: () => T): T => context.with(ROOT_CONTEXT, fn);
