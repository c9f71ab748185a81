import type { AuditRecord } from './audit-record';

/**
 * What caused a change, carried into the envelopes of the events it emits so one order can be followed
 * across services, and used for de-duplication.
 */
export interface Cause {
  /** Ties every event of one saga together; defaults to the aggregate's id. */
  correlationid?: string | undefined;
  /** The id of the event (or request) that caused this one. */
  causationid?: string | undefined;
  /** W3C trace context of the cause; without one, the aggregate's own trace is continued. */
  traceparent?: string | undefined;
  /** The consumed event / webhook id, recorded with the effect so a redelivery changes nothing. */
  processedEventId?: string | undefined;
  /** The operator's action this change is: its audit entry is written in the same write as the change. */
  audit?: AuditRecord | undefined;
}

/** The cause a consumed event carries into what it changes: its saga, itself as causation, its trace, its id. */
export const eventCause = (event: {
  id: string;
  correlationid?: string | undefined;
  traceparent?: string | undefined;
}): Cause => ({
  correlationid: event.correlationid,
  causationid: event.id,
  traceparent: event.traceparent,
  processedEventId: event.id,
});

/** The CloudEvents source of a service's events: one form for every service. */
export const eventSource = (service: string): string => `/fieldtotable/${service}`;
