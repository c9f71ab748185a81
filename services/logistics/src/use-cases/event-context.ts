import type { EventContext } from '@ftt/contracts';

export const SOURCE = '/ftt/logistics';

/** Where an effect came from: an incoming event (its id becomes the causation) or an HTTP request. */
export interface Cause {
  correlationid: string;
  causationid?: string | undefined;
  traceparent?: string | undefined;
}

export const eventContext = (cause: Cause, now: Date): EventContext => ({
  source: SOURCE,
  correlationid: cause.correlationid,
  causationid: cause.causationid,
  traceparent: cause.traceparent,
  now,
});
