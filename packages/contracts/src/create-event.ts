import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Envelope } from './envelope';
import { getEventDefinition, type EventData, type EventType } from './registry';

export interface EventContext {
  source: string;
  correlationid: string;
  causationid?: string | undefined;
  traceparent?: string | undefined;
  now?: Date;
  id?: string;
}

export interface OutgoingEvent {
  topic: string;
  key: string;
  envelope: Envelope;
}

/**
 * Build an envelope for an event. The data is parsed with the event's schema first, so a producer
 * can never emit a shape its consumers would refuse.
 */
export const createEvent = <T extends EventType>(type: T, data: EventData<T>, ctx: EventContext): OutgoingEvent => {
  const def = getEventDefinition(type);
  const parsed = (def.schema as z.ZodType).parse(data) as EventData<T>;
  const key = (def.key as (d: EventData<T>) => string)(parsed);
  const envelope: Envelope = {
    specversion: '1.0',
    id: ctx.id ?? randomUUID(),
    source: ctx.source,
    type,
    time: (ctx.now ?? new Date()).toISOString(),
    subject: (def.subject as (d: EventData<T>) => string)(parsed),
    datacontenttype: 'application/json',
    correlationid: ctx.correlationid,
    ...(ctx.causationid ? { causationid: ctx.causationid } : {}),
    ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
    data: parsed,
  };
  return { topic: def.topic, key, envelope };
};
