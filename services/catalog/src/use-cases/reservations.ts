import {
  beginCommit,
  beginRelease,
  commitDone,
  complete,
  isInBetween,
  onConfirmed,
  onOrderEnded,
  rejectDone,
  releaseDone,
  reserveFailed,
  reserveSucceeded,
  startReservation,
  voidReservation,
  type ReleaseReason,
  type Reservation,
  type ReservationEvent,
} from '../domain/reservation';
import { MAX_ATTEMPTS, toEvents, type Cause, type CatalogDeps } from './context';
import { commitHolds, forgetSales, holdAll, releaseAll, releaseHolds } from './stock-moves';

/** States in which this order's holds on the listings are legitimately kept. */
const KEEPS_STOCK = ['reserving', 'reserved', 'committing', 'committed', 'completed'];

/**
 * Finish the in-between step a reservation is in (reserving, rejecting, committing, releasing):
 * move stock on the listings, then write the next state with its event. Callers are the consumer
 * (first delivery or redelivery) and the sweeper (an owner that crashed); any of them may run it
 * concurrently, the versioned write lets exactly one state and one event through.
 */
export const advance = async (d: CatalogDeps, start: Reservation, cause: Cause, eventId?: string): Promise<void> => {
  let r = start;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = d.clock();
    let next: Reservation;
    let events: ReservationEvent[] = [];
    switch (r.status) {
      case 'reserving': {
        const failure = await holdAll(d, r);
        ({ reservation: next, events } = failure
          ? reserveFailed(r, failure, now)
          : reserveSucceeded(r, now, d.reservationTtlSeconds));
        break;
      }
      case 'rejecting':
        await releaseHolds(d, r);
        ({ reservation: next, events } = rejectDone(r, now));
        break;
      case 'committing':
        await commitHolds(d, r);
        ({ reservation: next, events } = commitDone(r, now));
        break;
      case 'releasing':
        await releaseAll(d, r);
        ({ reservation: next, events } = releaseDone(r, now));
        break;
      default:
        return;
    }
    const written = await d.reservations.save(next, r.version, {
      events: toEvents(events, cause, now),
      processedEventId: events.length ? eventId : undefined,
    });
    if (written === 'duplicate') return;
    if (written === 'written') {
      if (events.length) d.kick('reservations', r.id);
      d.log.info({ orderId: r.id, status: next.status }, 'reservation changed');
      r = next;
      continue;
    }
    const latest = await d.reservations.get(r.id);
    if (!latest) return;
    // Lost the race while reserving to a step that gives stock back: our late holds must go back too.
    if (r.status === 'reserving' && !KEEPS_STOCK.includes(latest.status)) await releaseHolds(d, r);
    r = latest;
  }
};

export const reserveOrder = async (
  d: CatalogDeps,
  order: { orderId: string; lines: { listingId: string; quantity: number }[] },
  cause: Cause,
  eventId: string,
): Promise<void> => {
  // Insert first: the order id is the _id, so a duplicate insert is how a redelivery is recognised.
  const fresh = startReservation(order.orderId, order.lines, cause.correlationid, d.clock());
  const r = (await d.reservations.insert(fresh)) === 'written' ? fresh : await d.reservations.get(order.orderId);
  if (!r || !isInBetween(r)) {
    d.log.debug({ orderId: order.orderId, eventId }, 'order already handled; duplicate ignored');
    return;
  }
  await advance(d, r, cause, eventId);
};

export const commitOrder = async (d: CatalogDeps, orderId: string, cause: Cause, eventId: string): Promise<void> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const r = await d.reservations.get(orderId);
    const decision = onConfirmed(r);
    if (decision !== 'commit' || !r) {
      // Orders decides expiry before catalog does, so this is a late event or an operator's mistake: log, never throw.
      if (decision === 'lost') d.log.warn({ orderId, eventId, status: r?.status }, 'order confirmed but nothing is reserved for it');
      return;
    }
    const claimed = r.status === 'committing' ? r : beginCommit(r, d.clock());
    if (claimed !== r && (await d.reservations.save(claimed, r.version)) !== 'written') continue;
    return advance(d, claimed, cause, eventId);
  }
};

export const endOrder = async (
  d: CatalogDeps,
  orderId: string,
  reason: ReleaseReason,
  cause: Cause,
  eventId: string,
): Promise<void> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const r = await d.reservations.get(orderId);
    const decision = onOrderEnded(r);
    if (decision === 'ignore') return;
    if (decision === 'tombstone' || !r) {
      if ((await d.reservations.insert(voidReservation(orderId, d.clock()), { processedEventId: eventId })) === 'written') return;
      continue;
    }
    const claimed = r.status === 'releasing' ? r : beginRelease(r, reason, d.clock());
    if (claimed !== r && (await d.reservations.save(claimed, r.version)) !== 'written') continue;
    return advance(d, claimed, cause, eventId);
  }
};

/** Delivered: the sale is final, so the per-order sale entries on the listings can go. */
export const completeOrder = async (d: CatalogDeps, orderId: string): Promise<void> => {
  const r = await d.reservations.get(orderId);
  if (!r || r.status !== 'committed') return;
  if ((await d.reservations.save(complete(r, d.clock()), r.version)) === 'written') await forgetSales(d, r);
};
