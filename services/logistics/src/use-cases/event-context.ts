import type { EventContext } from '@ftt/contracts';
import { eventContext as withActiveTrace } from '@ftt/kit';

export const SOURCE = '/ftt/logistics';

/** Where an effect came from: an incoming event (its id becomes the causation) or an HTTP request. */
export interface Cause {
  correlationid: string;
  causationid?: string | undefined;
  traceparent?: string | undefined;
}

/** Without a traceparent from the cause, the active span's is carried on (the kit's eventContext). */
export const eventContext = (cause: Cause, now: Date): EventContext =>
  withActiveTrace({
    source: SOURCE,
    correlationid: cause.correlationid,
    causationid: cause.causationid,
    traceparent: cause.traceparent,
    now,
  });
