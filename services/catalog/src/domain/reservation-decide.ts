import { change, ignore, reject, type Outcome } from '@ftt/kit/domain';
import {
  CLAIM_MS,
  isInBetween,
  type LineFailure,
  type ReleaseReason,
  type Reservation,
  type ReservationEvent,
  type ReservationLine,
  type ReservationStatus,
  type StockLine,
} from './reservation';

export type ReservationOutcome = Outcome<Reservation, ReservationEvent>;

export const mergeLines = (lines: readonly StockLine[]): ReservationLine[] => {
  const merged = new Map<string, ReservationLine>();
  lines.forEach((l, lineIndex) => {
    const seen = merged.get(l.listingId);
    if (seen) seen.quantity += l.quantity;
    else merged.set(l.listingId, { listingId: l.listingId, quantity: l.quantity, lineIndex });
  });
  return [...merged.values()];
};

const stockLines = (r: Reservation): StockLine[] => r.lines.map(({ listingId, quantity }) => ({ listingId, quantity }));

const move = (r: Reservation, status: ReservationStatus, now: Date, changes: Partial<Reservation> = {}): Reservation => ({
  ...r,
  ...changes,
  status,
  claimUntil: isInBetween({ status }) ? new Date(now.getTime() + CLAIM_MS).toISOString() : null,
  updatedAt: now.toISOString(),
});

const illegal = (r: Reservation, action: string) =>
  reject('reservation.invalid_transition', `cannot ${action} a reservation that is ${r.status}`);

export const startReservation = (
  orderId: string,
  lines: readonly StockLine[],
  correlationId: string,
  now: Date,
): Reservation => ({
  id: orderId,
  correlationId,
  status: 'reserving',
  lines: mergeLines(lines),
  expiresAt: null,
  releaseReason: null,
  rejection: null,
  claimUntil: new Date(now.getTime() + CLAIM_MS).toISOString(),
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  // Not stored yet: the store sets the version it is written as.
  version: 0,
});

/** A tombstone: the order ended before anything was reserved, so a late order.placed reserves nothing. */
export const voidReservation = (orderId: string, now: Date): Reservation => ({
  ...startReservation(orderId, [], orderId, now),
  status: 'void',
  claimUntil: null,
});

/** order.placed: the reservation is the order's record, so a repeated or late order.placed starts nothing new. */
export const onPlaced = (
  r: Reservation | null,
  order: { orderId: string; lines: readonly StockLine[]; correlationId: string },
  now: Date,
): ReservationOutcome =>
  r
    ? ignore(`order already seen: its reservation is ${r.status}`)
    : change(startReservation(order.orderId, order.lines, order.correlationId, now));

export const reserveSucceeded = (r: Reservation, { ttlSeconds }: { ttlSeconds: number }, now: Date): ReservationOutcome => {
  if (r.status !== 'reserving') return illegal(r, 'reserve');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  return change(move(r, 'reserved', now, { expiresAt }), [
    { type: 'ftt.catalog.stock.reserved.v1', data: { orderId: r.id, lines: stockLines(r), expiresAt } },
  ]);
};

/**
 * When the first line fails nothing was taken, so the rejection is final at once. Otherwise the
 * rejection is claimed first (rejecting) and its event follows once every taken line is given back
 * (rejectDone): giving back before the claim could take holds a concurrent, winning run relies on.
 */
export const reserveFailed = (r: Reservation, f: LineFailure, now: Date): ReservationOutcome => {
  if (r.status !== 'reserving') return illegal(r, 'reject');
  const rejection = {
    listingId: f.line.listingId,
    lineIndex: f.line.lineIndex,
    reason: f.reason,
    requested: f.line.quantity,
    available: Math.max(0, f.available),
  };
  const rejecting = move(r, 'rejecting', now, { rejection });
  return r.lines[0]?.listingId === f.line.listingId ? rejectDone(rejecting, now) : change(rejecting);
};

export const rejectDone = (r: Reservation, now: Date): ReservationOutcome => {
  if (r.status !== 'rejecting' || r.rejection === null) return illegal(r, 'finish rejecting');
  return change(move(r, 'rejected', now), [
    { type: 'ftt.catalog.stock.rejected.v1', data: { orderId: r.id, ...r.rejection } },
  ]);
};

const committed = (r: Reservation, now: Date): ReservationOutcome =>
  change(move(r, 'committed', now), [{ type: 'ftt.catalog.stock.committed.v1', data: { orderId: r.id, lines: stockLines(r) } }]);

/** Finish a commit claimed as `committing` (written by versions before the one-step commit, or resumed by the sweeper). */
export const commitDone = (r: Reservation, now: Date): ReservationOutcome =>
  r.status === 'committing' ? committed(r, now) : illegal(r, 'commit');

/** Anything held (reserved or sold-but-not-shipped) goes back; a release in progress keeps its first reason. */
export const beginRelease = (r: Reservation, { reason }: { reason: ReleaseReason }, now: Date): ReservationOutcome => {
  if (!['reserving', 'reserved', 'committing', 'committed', 'releasing'].includes(r.status)) return illegal(r, 'release');
  return change(
    move(r, 'releasing', now, {
      releaseReason: r.releaseReason ?? reason,
      releasedFrom: r.status === 'releasing' ? (r.releasedFrom ?? null) : r.status,
    }),
  );
};

export const releaseDone = (r: Reservation, now: Date): ReservationOutcome => {
  if (r.status !== 'releasing' || r.releaseReason === null) return illegal(r, 'finish releasing');
  return change(move(r, 'released', now), [
    { type: 'ftt.catalog.stock.released.v1', data: { orderId: r.id, lines: stockLines(r), reason: r.releaseReason } },
  ]);
};

/** Take over an in-between state whose owner stopped (crash): same state, a fresh claim (a new version when written). */
export const reclaim = (r: Reservation, now: Date): ReservationOutcome => {
  if (!isInBetween(r)) return illegal(r, 'reclaim');
  return change(move(r, r.status, now));
};

/** Why a confirmation changes nothing when the order was paid but its stock is gone (released before it arrived). */
export const NOTHING_RESERVED = 'order confirmed but nothing is reserved for it';

/**
 * order.confirmed: the reservation is committed, with stock.committed, in one write; the holds on the listings become
 * sales after it (see reservations.ts `commitOrder`). Unlike a release, a commit needs no claim of its own: every
 * stock move that follows a commit is right for a committed order whenever it lands (a hold still there is sold, or
 * given back by a later release, whichever comes first), and the only other way out of `reserved`, the sweeper's
 * expiry, is decided by the same versioned write. A commit already claimed (`committing`) is left to be finished.
 */
export const onConfirmed = (r: Reservation | null, now: Date): ReservationOutcome => {
  if (!r) return ignore(NOTHING_RESERVED);
  switch (r.status) {
    case 'reserved':
      return committed(r, now);
    case 'committing':
      return ignore('the commit is claimed already');
    case 'committed':
    case 'completed':
      return ignore(`the reservation is ${r.status} already`);
    default:
      return ignore(NOTHING_RESERVED);
  }
};

/**
 * order.cancelled / order.expired: claim the release (releasing); a release already claimed keeps its first
 * reason and is left to be finished. Unseen before, the order leaves a tombstone.
 */
export const onOrderEnded = (
  r: Reservation | null,
  order: { orderId: string; reason: ReleaseReason },
  now: Date,
): ReservationOutcome => {
  if (!r) return change(voidReservation(order.orderId, now));
  switch (r.status) {
    // Ended while being reserved (only after a crash): whatever was taken goes back.
    case 'reserving':
    case 'reserved':
    case 'committing':
    case 'committed':
      return beginRelease(r, order, now);
    case 'releasing':
      return ignore('the release is claimed already');
    case 'rejecting':
    case 'rejected':
    case 'released':
    case 'completed':
    case 'void':
      return ignore(`nothing to release: the reservation is ${r.status}`);
  }
};

/** order.completed (delivered): the sale is final. */
export const onCompleted = (r: Reservation | null, now: Date): ReservationOutcome =>
  r?.status === 'committed' ? change(move(r, 'completed', now)) : ignore(`nothing sold to complete: ${r?.status ?? 'no reservation'}`);

export type SweepAction = 'expire' | 'resume' | 'none';
/** What a sweeper should do with a reservation: expire an unpaid one, or finish a step whose owner vanished. */
export const sweepAction = (r: Reservation, now: Date): SweepAction => {
  const t = now.toISOString();
  if (r.status === 'reserved') return r.expiresAt !== null && r.expiresAt < t ? 'expire' : 'none';
  if (isInBetween(r)) {
    return r.claimUntil !== null && r.claimUntil < t ? 'resume' : 'none';
  }
  return 'none';
};

/** The sweeper's claim: expire an unpaid reservation, or take over a step whose owner's claim ran out. */
export const onSweep = (r: Reservation | null, now: Date): ReservationOutcome => {
  if (!r) return ignore('no reservation');
  switch (sweepAction(r, now)) {
    case 'expire':
      return beginRelease(r, { reason: 'expired' }, now);
    case 'resume':
      return reclaim(r, now);
    case 'none':
      return ignore(`nothing due: the reservation is ${r.status}`);
  }
};
