import type { EventData, EventType, TypedEnvelope } from '@ftt/contracts';
import { eventCause, type Cause } from '../domain/cause';
import type { Logger } from '../logger';

/** The use case a consumed event of type T runs: its data and cause, and the envelope for what else it needs. */
export type EventStep<C, T extends EventType> = (
  ctx: C,
  data: EventData<T>,
  cause: Cause,
  event: TypedEnvelope<T>,
) => Promise<unknown>;

/** A service's use case per event type it acts on. */
export type EventSteps<C> = { [T in EventType]?: EventStep<C, T> };

const ignoredWhy = (done: unknown): string | undefined =>
  done !== null && typeof done === 'object' && 'result' in done && done.result === 'ignored' && 'reason' in done
    ? String(done.reason)
    : undefined;

/**
 * The one way a service consumes events (runConsumer's `handle`): a typed event -> the same use case the HTTP routes
 * use, with the event as its cause; types the service does not act on are not its to act on. Every step is
 * idempotent; a late or repeated event meets a state that ignores it, which is expected (logged at debug), not an error.
 */
export const eventHandler = <C extends { log: Logger }>(ctx: C, steps: EventSteps<C>) =>
  Object.assign(
    async (event: TypedEnvelope): Promise<void> => {
      const step = steps[event.type] as EventStep<C, EventType> | undefined;
      if (!step) return;
      const why = ignoredWhy(await step(ctx, event.data, eventCause(event), event));
      if (why !== undefined) ctx.log.debug({ eventId: event.id, type: event.type, why }, 'event ignored');
    },
    /** The types it acts on: the consumer passes over the others without decoding them (runConsumer's actsOn). */
    { actsOn: new Set<string>(Object.keys(steps)) as ReadonlySet<string> },
  );
