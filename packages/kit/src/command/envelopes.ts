import { createEvent, type EventType, type OutgoingEvent } from '@ftt/contracts';
import type { Cause } from '../domain/cause';
import { eventContext } from '../telemetry/trace-context';

/**
 * The command handler's `toEvents` for a service: each domain event in a CloudEvents envelope with the service's
 * source and the cause's correlation (or, without one, the aggregate's: its id unless `correlationOf` says which
 * saga it belongs to), causation and trace; without a traceparent the active span's is carried on.
 */
export const envelopesFor =
  <S>(source: string, correlationOf: (id: string, state: S) => string = (id) => id) =>
  (
    events: ReadonlyArray<{ type: EventType; data: unknown }>,
    c: { id: string; state: S; cause: Cause; now: Date },
  ): OutgoingEvent[] =>
    events.map((e) =>
      createEvent(
        e.type,
        e.data as never,
        eventContext({
          source,
          correlationid: c.cause.correlationid || correlationOf(c.id, c.state),
          causationid: c.cause.causationid,
          traceparent: c.cause.traceparent,
          now: c.now,
        }),
      ),
    );
