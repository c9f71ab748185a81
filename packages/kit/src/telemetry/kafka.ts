import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { Admin, Kafka } from 'kafkajs';
import { LATENCY_BUCKETS, metrics } from './metrics';
import { currentTelemetry } from './setup';
import { groupLag } from '../kafka/lag';
import { contextFromTraceparent, formatTraceparent } from './trace-context';

/** Messaging semantic conventions: https://opentelemetry.io/docs/specs/semconv/messaging/kafka/ */
const KAFKA: Attributes = { 'messaging.system': 'kafka' };

const processed = metrics.counter(
  'messaging_events_processed_total',
  'Kafka messages handled by a consumer group, by outcome (ok | dead_letter)',
);
const deadLetters = metrics.counter(
  'messaging_dead_letters_total',
  'Kafka messages sent to a dead-letter topic',
);
const processDuration = metrics.histogram(
  'messaging_process_duration_seconds',
  'Time to handle one Kafka message, retries included',
  { unit: 's', buckets: LATENCY_BUCKETS },
);

export interface SendItem {
  topic: string;
  key: string;
  envelope: { id: string; type: string; time?: string | undefined; traceparent?: string | undefined };
}

export interface SendSpans {
  /** The W3C traceparent each message must carry in its `traceparent` header (the send span's context). */
  traceparents: string[];
  end: (error?: unknown) => void;
}

/**
 * One PRODUCER 'send' span per message. Its parent is the context stored in the event's traceparent
 * (captured when the event was written, perhaps long before and in another request), so an outbox
 * relay's publish shows as a hop of the trace that caused it; without one, the active context.
 */
export const startSendSpans = (
  items: SendItem[],
  fullTopic: (topic: string) => string,
): SendSpans | undefined => {
  const t = currentTelemetry();
  if (!t?.enabled) return undefined;
  const now = Date.now();
  const spans: Span[] = items.map((item) => {
    const topic = fullTopic(item.topic);
    const parent = item.envelope.traceparent
      ? contextFromTraceparent(item.envelope.traceparent)
      : context.active();
    const age = item.envelope.time ? now - Date.parse(item.envelope.time) : NaN;
    return t.tracer.startSpan(
      `send ${topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          ...KAFKA,
          'messaging.destination.name': topic,
          'messaging.operation.type': 'send',
          'messaging.operation.name': 'send',
          'messaging.message.id': item.envelope.id,
          'messaging.kafka.message.key': item.key,
          'cloudevents.event_id': item.envelope.id,
          'cloudevents.event_type': item.envelope.type,
          ...(Number.isFinite(age) ? { 'ftt.event.age_ms': age } : {}),
        },
      },
      parent,
    );
  });
  return {
    traceparents: spans.map((s) => formatTraceparent(s.spanContext())),
    end: (error) => {
      for (const s of spans) {
        if (error) {
          s.setAttribute('error.type', (error as Error).name ?? 'Error');
          s.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        }
        s.end();
      }
    },
  };
};

export interface Processing {
  /** The traceparent of the process span: what events caused by this message should carry. */
  traceparent: string;
  run: <T>(fn: () => Promise<T>) => Promise<T>;
  identify: (eventId: string, type: string) => void;
  retrying: (attempt: number, error: Error) => void;
  end: (outcome: 'ok' | 'dead_letter', error?: string) => void;
  /** Processing broke off (the message will be delivered again). */
  fail: (error: unknown) => void;
}

export interface ConsumerTelemetry {
  start: (m: {
    topic: string;
    partition: number;
    offset: string;
    key: string | undefined;
    traceparent: string | undefined;
  }) => Processing | undefined;
  stop: () => Promise<void>;
}

/**
 * Telemetry of one consumer group: a CONSUMER 'process' span per message, child of the context the
 * message carries (the producer's send span), outcome counters, and the group's lag per partition
 * (log-end offset minus committed offset, read from the broker when metrics are collected, so it
 * also rises while the consumer is paused or stuck).
 */
export const consumerTelemetry = (o: {
  kafka: Kafka;
  groupId: string;
  topics: string[];
}): ConsumerTelemetry => {
  let admin: Promise<Admin> | undefined;
  const lag = metrics.observableGauge(
    'kafka_consumer_lag',
    'Messages not yet committed by a consumer group, per topic and partition',
    async (observe) => {
      admin ??= (async () => {
        const a = o.kafka.admin();
        await a.connect();
        return a;
      })().catch((err: unknown) => {
        admin = undefined;
        throw err;
      });
      for (const p of await groupLag(await admin, o.groupId, o.topics))
        observe(p.lag, { group: o.groupId, topic: p.topic, partition: p.partition });
    },
  );

  const t = currentTelemetry();
  return {
    start: (m) => {
      if (!t?.enabled) return undefined;
      const begun = performance.now();
      const parent = contextFromTraceparent(m.traceparent);
      const span = t.tracer.startSpan(
        `process ${m.topic}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            ...KAFKA,
            'messaging.destination.name': m.topic,
            'messaging.operation.type': 'process',
            'messaging.operation.name': 'process',
            'messaging.consumer.group.name': o.groupId,
            'messaging.destination.partition.id': String(m.partition),
            'messaging.kafka.offset': Number(m.offset),
            ...(m.key !== undefined ? { 'messaging.kafka.message.key': m.key } : {}),
          },
        },
        parent,
      );
      const active = trace.setSpan(parent, span);
      return {
        traceparent: formatTraceparent(span.spanContext()),
        run: (fn) => context.with(active, fn),
        identify: (eventId, type) => {
          span.setAttribute('messaging.message.id', eventId);
          span.setAttribute('cloudevents.event_id', eventId);
          span.setAttribute('cloudevents.event_type', type);
        },
        retrying: (attempt, error) => {
          span.addEvent('retry', {
            attempt,
            'exception.type': error.name,
            'exception.message': error.message,
          });
        },
        end: (outcome, error) => {
          const labels = { group: o.groupId, topic: m.topic };
          processed.inc({ ...labels, outcome });
          processDuration.observe((performance.now() - begun) / 1000, labels);
          if (outcome === 'dead_letter') {
            deadLetters.inc(labels);
            span.setAttribute('ftt.dead_letter', true);
            span.setAttribute('error.type', 'dead_letter');
            span.setStatus({
              code: SpanStatusCode.ERROR,
              ...(error ? { message: error.slice(0, 500) } : {}),
            });
          }
          span.end();
        },
        fail: (error) => {
          span.setAttribute('error.type', (error as Error).name ?? 'Error');
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          span.end();
        },
      };
    },
    stop: async () => {
      lag.remove();
      const a = await admin?.catch(() => undefined);
      admin = undefined;
      await a?.disconnect().catch(() => undefined);
    },
  };
};
