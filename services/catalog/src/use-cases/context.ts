import type { EventType, OutgoingEvent } from '@ftt/contracts';
import {
  requireFarm,
  type FarmPermission,
  commandHandler,
  DomainError,
  envelopesFor,
  eventSource,
  reject,
  type CommandHandler,
  type CommandResult,
  type CommandStore,
  type Decide,
  type Loaded,
  type Outcome,
  type Principal,
  type UseCaseDeps,
} from '@ftt/kit';
import type { Farm } from '../domain/farm';
import type { ListingEvent } from '../domain/listing';
import { isInBetween, type Reservation, type ReservationEvent } from '../domain/reservation';
import type { FarmApprovals, Farms, ListingRecord, Listings, PayoutOnboarding, Photos, Reservations } from './ports';

export const SOURCE = eventSource('catalog');

/** What service.ts wires in: the ports (data/ implements them), clock, ids, settings, the log and the outbox kick. */
export interface Ports extends UseCaseDeps<(collection: 'listings' | 'reservations', id: string) => void> {
  farms: Farms;
  listings: Listings;
  reservations: Reservations;
  photos: Photos;
  newId: () => string;
  reservationTtlSeconds: number;
  approvals: FarmApprovals;
  /** Whether a farm needs an operator's approval to publish (config FARM_APPROVAL). */
  approvalRequired: boolean;
  payouts: PayoutOnboarding;
}

/** The ports and one command handler per aggregate: every change of a farm, listing or reservation goes through one. */
export interface Deps extends Ports {
  farm: CommandHandler<Farm, never>;
  listing: CommandHandler<ListingRecord, ListingEvent>;
  reservation: CommandHandler<Reservation, ReservationEvent>;
}

export const toEvents = envelopesFor(SOURCE);

/** How long the reservation handler remembers what it wrote (see the kit's `rememberMs`). */
const RESERVATION_MEMORY_MS = 30_000;

const loaded = <S extends { version: number }>(state: S | null): Loaded<S> | null =>
  state ? { state, version: state.version } : null;

const farmStore = (farms: Farms): CommandStore<Farm> => ({
  load: async (id) => loaded(await farms.get(id)),
  insert: (farm) => farms.insert(farm),
  update: (farm, version, _events, _processed, audit) => farms.update(farm, version, audit),
});

/** The stock rides along in the state (deciders never change it) and is never written here: only $inc moves it. */
const listingStore = (listings: Listings): CommandStore<ListingRecord> => ({
  load: async (id) => loaded(await listings.get(id)),
  insert: ({ stock, ...listing }) => listings.insert(listing, stock.available),
  update: ({ stock: _stock, ...listing }, version, events) => listings.save(listing, version, events),
});

/**
 * A consumed event's id is recorded with the write that finishes what the event asked for (a state that is not in
 * between). A claim, or a step half done (rejecting), records nothing, so the step that finishes it, under the same
 * event id, is let through. A redelivery is recognised by the state the reservation is in and, at a finishing write,
 * by that write ('duplicate'), so loading does not read the recorded ids.
 */
const reservationStore = (reservations: Reservations): CommandStore<Reservation> => {
  const write = (r: Reservation, events: OutgoingEvent[], processedEventId?: string) => ({
    events,
    processedEventId: isInBetween(r) ? undefined : processedEventId,
  });
  return {
    load: async (id) => loaded(await reservations.get(id)),
    insert: (r, events, eventId) => reservations.insert(r, write(r, events, eventId)),
    update: (r, version, events, eventId) => reservations.save(r, version, write(r, events, eventId)),
  };
};

export const catalogContext = (p: Ports): Deps => {
  const handler = <S, E extends { type: EventType; data: unknown }>(
    aggregate: string,
    store: CommandStore<S>,
    kick?: (id: string) => void,
    rememberMs?: number,
  ) => commandHandler<S, E>({ aggregate, store, clock: p.clock, toEvents, kick, rememberMs });
  return {
    ...p,
    farm: handler<Farm, never>('farm', farmStore(p.farms)),
    listing: handler<ListingRecord, ListingEvent>('listing', listingStore(p.listings), (id) => p.kick('listings', id)),
    // Remembered: order.confirmed (or its end) usually reaches the process that reserved it, within the order's expiry.
    reservation: handler<Reservation, ReservationEvent>(
      'reservation',
      reservationStore(p.reservations),
      (id) => p.kick('reservations', id),
      RESERVATION_MEMORY_MS,
    ),
  };
};

/**
 * A change of a farm or listing asked for by a person: 404 when it does not exist, 403 unless they are a member of its
 * farm with a role that may (or an operator).
 */
export const asOwner =
  <S extends { id: string; farmId?: string }, E>(
    what: 'farm' | 'listing',
    id: string,
    actor: Principal,
    permission: FarmPermission,
    decide: (current: S, now: Date) => Outcome<S, E>,
  ): Decide<S, E> =>
  (current, now) => {
    if (!current) return reject(`${what}.not_found`, `no ${what} ${id}`);
    requireFarm(actor, current.farmId ?? current.id, permission, what);
    return decide(current, now);
  };

/** The state a command wrote, where writing is the only outcome its decider has besides a rejection. */
export const written = <S>(r: CommandResult<S>): S => {
  if (r.result !== 'written') throw new Error(`expected the command to write, it was ${r.result}`);
  return r.state;
};

/** An outcome decided outside a command handler (a stock adjustment is a conditional $inc, not a versioned write). */
export const decided = <S>(o: Outcome<S, unknown>): S => {
  if (o.kind === 'change') return o.state;
  if (o.kind === 'reject') throw new DomainError(o.code, o.message, o.issues);
  throw new Error(`expected a decision, got ignore: ${o.reason}`);
};
