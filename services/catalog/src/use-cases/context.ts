import { createEvent, type EventData, type EventType, type OutgoingEvent } from '@ftt/contracts';
import type { Logger } from '@ftt/kit';
import type { FarmRepo } from '../data/farm-repo';
import type { ListingRepo } from '../data/listing-repo';
import type { ReservationRepo } from '../data/reservation-repo';

export interface CatalogDeps {
  farms: FarmRepo;
  listings: ListingRepo;
  reservations: ReservationRepo;
  clock: () => Date;
  newId: () => string;
  /** Publish a document's outbox now instead of at the relay's next scan. */
  kick: (collection: 'listings' | 'reservations', id: string) => void;
  reservationTtlSeconds: number;
  log: Logger;
}

/** Why something happened: carried into every event it causes, so one order can be followed across services. */
export interface Cause {
  correlationid: string;
  causationid?: string | undefined;
  traceparent?: string | undefined;
}

export const SOURCE = '/catalog';

export const toEvents = (
  intents: ReadonlyArray<{ type: EventType; data: unknown }>,
  cause: Cause,
  now: Date,
): OutgoingEvent[] =>
  intents.map((i) =>
    createEvent(i.type, i.data as EventData<typeof i.type>, {
      source: SOURCE,
      correlationid: cause.correlationid,
      causationid: cause.causationid,
      traceparent: cause.traceparent,
      now,
    }),
  );

/** Optimistic concurrency: reload and decide again when another writer got there first. */
export const MAX_ATTEMPTS = 8;
