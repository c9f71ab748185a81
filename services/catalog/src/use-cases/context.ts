import {
  aggregateHandler,
  requireFarm,
  type FarmPermission,
  DomainError,
  reject,
  type AggregateHandler,
  type CommandResult,
  type Decide,
  type Outcome,
  type Principal,
  type UseCaseDeps,
} from '@ftt/kit';
import type { Farm } from '../domain/farm';
import type { ListingEvent } from '../domain/listing';
import type { Reservation, ReservationEvent } from '../domain/reservation';
import { farmAggregate, listingAggregate, reservationAggregate } from './aggregates';
import type { FarmApprovals, Farms, ListingImports, ListingRecord, Listings, PayoutOnboarding, Photos, Reservations, MarketCopies } from './ports';

/** What service.ts wires in: the ports (data/ implements them), clock, ids, settings and the log. */
export interface Deps extends UseCaseDeps {
  farms: Farms;
  listings: Listings;
  reservations: Reservations;
  photos: Photos;
  newId: () => string;
  reservationTtlSeconds: number;
  approvals: FarmApprovals;
  /** The markets orders published (their currencies). */
  markets: MarketCopies;
  /** Whether a farm needs an operator's approval to publish (config FARM_APPROVAL). */
  approvalRequired: boolean;
  payouts: PayoutOnboarding;
  /** CSV imports under an Idempotency-Key (their answers, for a repeat). */
  imports: ListingImports;
}

/** What every use case, route and event handler receives: the deps and one command handler per aggregate. */
export interface Context extends Deps {
  handleFarm: AggregateHandler<Farm, never>;
  handleListing: AggregateHandler<ListingRecord, ListingEvent>;
  handleReservation: AggregateHandler<Reservation, ReservationEvent>;
}

export const createContext = (deps: Deps): Context => ({
  ...deps,
  handleFarm: aggregateHandler(farmAggregate, deps.farms, deps),
  handleListing: aggregateHandler(listingAggregate, deps.listings, deps),
  handleReservation: aggregateHandler(reservationAggregate, deps.reservations, deps),
});

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
