import { z } from 'zod';
import { Envelope, EnvelopeAttributes } from './envelope';
import { findEventDefinition, type EventData, type EventType } from './registry';

/**
 * CloudEvents Kafka protocol binding.
 * We WRITE binary mode: data is the message value, attributes are ce_* headers. Routing, tracing and
 * dead-lettering can read the type and traceparent without parsing (or trusting) the body, and the
 * W3C `traceparent` header is what OpenTelemetry's propagators read anyway.
 * We READ both binary and structured mode (content-type application/cloudevents+json), so a producer
 * outside this repo may use either.
 */
export interface WireMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}
export type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export interface IncomingMessage {
  value: Buffer | string | null;
  headers?: Record<string, HeaderValue>;
}

export type TypedEnvelope<T extends EventType = EventType> = {
  [K in T]: Omit<z.infer<typeof EnvelopeAttributes>, 'type'> & { type: K; data: EventData<K> };
}[T];

const ATTRIBUTES = [
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'traceparent',
  'correlationid',
  'causationid',
] as const;

export const toWire = (key: string, envelope: Envelope): WireMessage => {
  const headers: Record<string, string> = { 'content-type': envelope.datacontenttype };
  for (const name of ATTRIBUTES) {
    const v = envelope[name];
    if (v !== undefined) headers[`ce_${name}`] = String(v);
  }
  if (envelope.traceparent) headers.traceparent = envelope.traceparent;
  return { key, value: JSON.stringify(envelope.data), headers };
};

const text = (v: HeaderValue): string | undefined => {
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
};

export type DecodeResult =
  | { ok: true; event: TypedEnvelope }
  | { ok: false; error: string; type?: string | undefined; id?: string | undefined };

/** Decode and validate a Kafka message against the envelope and the schema of its type. Never throws. */
export const fromWire = (msg: IncomingMessage): DecodeResult => {
  const headers = msg.headers ?? {};
  const raw = msg.value === null ? '' : msg.value.toString();
  let candidate: Record<string, unknown>;
  try {
    if (text(headers['content-type'])?.startsWith('application/cloudevents+json')) {
      candidate = JSON.parse(raw) as Record<string, unknown>;
    } else {
      candidate = { datacontenttype: text(headers['content-type']) ?? 'application/json' };
      for (const name of ATTRIBUTES) {
        const v = text(headers[`ce_${name}`]);
        if (v !== undefined) candidate[name] = v;
      }
      candidate.data = JSON.parse(raw);
    }
  } catch (err) {
    return { ok: false, error: `value is not JSON: ${(err as Error).message}`, type: text(headers.ce_type) };
  }
  const attrs = Envelope.safeParse(candidate);
  if (!attrs.success) {
    return { ok: false, error: `invalid envelope: ${z.prettifyError(attrs.error)}`, type: text(headers.ce_type) };
  }
  return parseEnvelope(attrs.data);
};

/** Validate an already-decoded envelope's data against the schema of its type. */
export const parseEnvelope = (envelope: Envelope): DecodeResult => {
  const def = findEventDefinition(envelope.type);
  if (!def) return { ok: false, error: `unknown event type ${envelope.type}`, type: envelope.type, id: envelope.id };
  const data = (def.schema as z.ZodType).safeParse(envelope.data);
  if (!data.success) {
    return {
      ok: false,
      error: `invalid ${envelope.type} data: ${z.prettifyError(data.error)}`,
      type: envelope.type,
      id: envelope.id,
    };
  }
  return { ok: true, event: { ...envelope, data: data.data } as TypedEnvelope };
};
