import { ignore, type Cause, type Decide } from '@ftt/kit';
import { isInBetween, keepsStock, type ReleaseReason, type Reservation, type ReservationEvent } from '../domain/reservation';
import {
  commitDone,
  NOTHING_RESERVED,
  onCompleted,
  onConfirmed,
  onOrderEnded,
  onPlaced,
  rejectDone,
  releaseDone,
  reserveFailed,
  reserveSucceeded,
} from '../domain/reservation-decide';
import type { Context } from './context';
import { commitHolds, forgetSales, holdAll, releaseAll, releaseHolds } from './stock-moves';

/**
 * The decider of one step: move the stock the state the handler has just loaded asks for, then decide the next
 * state. The moves are made inside the decider, before the handler's one conditional write, so they are always
 * the moves of the stored state and only the run whose write wins emits the step's event. A run that loses is
 * handed the winner's state and decides again: every move is idempotent per order id, so repeating one is
 * harmless, and a run that took holds while reserving gives them back when the winner went somewhere that keeps
 * no stock (below). One decider per handler call: what it remembers spans only that call's retries.
 */
const finishStep = (d: Context): Decide<Reservation, ReservationEvent> => {
  let heldFor: Reservation | null = null;
  return async (r, now) => {
    if (!r) return ignore('no reservation');
    // Lost the race while reserving to a step that gives stock back: our late holds must go back too.
    if (heldFor && !keepsStock(r)) await releaseHolds(d.listings, heldFor);
    heldFor = null;
    switch (r.status) {
      case 'reserving': {
        heldFor = r;
        const failure = await holdAll(d.listings, r);
        return failure ? reserveFailed(r, failure, now) : reserveSucceeded(r, { ttlSeconds: d.reservationTtlSeconds }, now);
      }
      case 'rejecting':
        await releaseHolds(d.listings, r);
        return rejectDone(r, now);
      case 'committing':
        await commitHolds(d.listings, r);
        return commitDone(r, now);
      case 'releasing':
        await releaseAll(d.listings, r);
        return releaseDone(r, now);
      default:
        return ignore(`nothing in between: the reservation is ${r.status}`);
    }
  };
};

/**
 * Finish the in-between step a reservation is in (reserving, rejecting, committing, releasing):
 * move stock on the listings, then write the next state with its event. Callers are the consumer
 * (first delivery or redelivery) and the sweeper (an owner that crashed); any of them may run it
 * concurrently, the versioned write lets exactly one state and one event through.
 */
export const advance = async (d: Context, orderId: string, cause: Cause): Promise<void> => {
  // Right after our own write the handler decides on what it wrote (a concurrent writer makes the write conflict and reload).
  const step = await d.handleReservation(orderId, finishStep(d), cause);
  if (step.result !== 'written') return;
  d.log.info({ orderId, status: step.state.status }, 'reservation changed');
  // A later line that could not be held is rejected in two steps: rejecting, then its taken lines go back.
  if (isInBetween(step.state)) await advance(d, orderId, cause);
};

export const reserveOrder = async (
  d: Context,
  order: { orderId: string; lines: { listingId: string; quantity: number }[] },
  cause: Cause,
): Promise<void> => {
  // The order id is the reservation's _id: an order seen before (a redelivery) starts nothing new.
  const correlationId = cause.correlationid ?? order.orderId;
  // Inserted without looking first (one read less per order): a redelivery's insert collides, and the handler loads.
  const placed = await d.handleReservation.create(order.orderId, (r, now) => onPlaced(r, { ...order, correlationId }, now), cause);
  if (placed.state && isInBetween(placed.state)) return advance(d, order.orderId, cause);
  d.log.debug({ orderId: order.orderId, eventId: cause.processedEventId }, 'order already handled; duplicate ignored');
};

/**
 * order.confirmed: commit the reservation (one write, with stock.committed), then sell its holds on the listings. The
 * moves come after the write, so a crash between them leaves the holds in place: the stock stays taken, and the
 * redelivered order.confirmed finds the reservation committed and moves them then (a move already made is a no-op).
 */
export const commitOrder = async (d: Context, orderId: string, cause: Cause): Promise<void> => {
  const step = await d.handleReservation(orderId, onConfirmed, cause);
  if (step.result === 'ignored' && step.reason === NOTHING_RESERVED) {
    // Orders decides expiry before catalog does, so this is a late event or an operator's mistake: log, never throw.
    d.log.warn({ orderId, eventId: cause.processedEventId, status: step.state?.status }, 'order confirmed but nothing is reserved for it');
    return;
  }
  const r = step.state;
  if (r?.status === 'committing') await advance(d, orderId, cause);
  else if (r?.status === 'committed' || r?.status === 'completed') await commitHolds(d.listings, r);
};

export const endOrder = async (d: Context, orderId: string, reason: ReleaseReason, cause: Cause): Promise<void> => {
  const claim = await d.handleReservation(orderId, (r, now) => onOrderEnded(r, { orderId, reason }, now), cause);
  if (claim.state?.status === 'releasing') await advance(d, orderId, cause);
};

/** Delivered: the sale is final, so the per-order sale entries on the listings can go. */
export const completeOrder = async (d: Context, orderId: string): Promise<void> => {
  const done = await d.handleReservation(orderId, onCompleted);
  if (done.result === 'written') await forgetSales(d.listings, done.state);
};
