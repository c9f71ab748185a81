import { aggregatesOf, eventSource } from '@ftt/kit';
import { FarmState, type Farm } from '../domain/farm';
import { ListingState, type ListingEvent } from '../domain/listing';
import { isInBetween, ReservationState, type Reservation, type ReservationEvent } from '../domain/reservation';
import type { ListingRecord } from './ports';

/** The CloudEvents source of every event catalog writes. */
export const SOURCE = eventSource('catalog');

/** The definition of an aggregate of this service (its events' source is SOURCE). */
const aggregate = aggregatesOf(SOURCE);

/** How long the reservation handler remembers what it wrote (see the kit's `rememberMs`). */
const RESERVATION_MEMORY_MS = 30_000;

/**
 * A farm. It emits no events of its own: its listings tell the other services (listing.updated). Its version shows
 * (listings copy the farm version they carry).
 */
export const farmAggregate = aggregate<Farm>({
  name: 'farm', collection: 'farms', schema: FarmState,
  idOf: (f) => f.id,
  versioned: {},
});

/**
 * A listing with its stock. The stock rides along in the state (deciders never change it) and is never written by the
 * handler: only conditional $inc moves it. The listing's events carry the version its write stores.
 */
export const listingAggregate = aggregate<ListingRecord, ListingEvent>({
  name: 'listing', collection: 'listings', schema: ListingState,
  idOf: (l) => l.id,
  versioned: { versionEvents: (events, version) => events.map((e) => ({ ...e, data: { ...e.data, version } }) as ListingEvent) },
});

/**
 * A reservation: an order's stock, keyed by the order id. A consumed event's id is recorded with the write that finishes
 * what the event asked for (a state that is not in between). A claim, or a step half done (rejecting), records nothing,
 * so the step that finishes it, under the same event id, is let through; a redelivery is recognised by the state the
 * reservation is in and, at a finishing write, by that write ('duplicate').
 */
export const reservationAggregate = aggregate<Reservation, ReservationEvent>({
  name: 'reservation', collection: 'reservations', schema: ReservationState,
  idOf: (r) => r.id,
  versioned: {},
  recordsCause: (r) => !isInBetween(r),
  // Remembered: order.confirmed (or its end) usually reaches the process that reserved it, within the order's expiry.
  rememberMs: RESERVATION_MEMORY_MS,
});
