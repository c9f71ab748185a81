import { DomainError } from './errors';

/**
 * A reservation per order (_id = order id) is the idempotency record of everything catalog does for
 * that order. Each step first CLAIMS a state (a versioned single-document write), then moves stock on
 * the listings with idempotent conditional updates, then FINISHES with the event in the same write as
 * the final state. Whoever loses a claim leaves the listings as the winner decided.
 *
 *   reserving -> reserved | rejecting -> rejected      (rejecting: taken lines are being given back)
 *   reserved  -> committing -> committed -> completed
 *   reserving | reserved | committing | committed -> releasing -> released
 *   (none) -> void                                   (the order ended before it was seen: a tombstone)
 */
export type ReservationStatus =
  | 'reserving'
  | 'reserved'
  | 'rejecting'
  | 'rejected'
  | 'committing'
  | 'committed'
  | 'completed'
  | 'releasing'
  | 'released'
  | 'void';

export type ReleaseReason = 'cancelled' | 'expired' | 'refunded';
export type RejectionReason = 'insufficient_stock' | 'listing_unavailable' | 'unknown_listing';

/** One line per listing: lines of the same listing are merged, keeping the index of the first. */
export interface ReservationLine {
  listingId: string;
  quantity: number;
  lineIndex: number;
}

export interface Reservation {
  id: string;
  status: ReservationStatus;
  lines: ReservationLine[];
  expiresAt: string | null;
  releaseReason: ReleaseReason | null;
  rejection: { listingId: string; lineIndex: number; reason: RejectionReason; requested: number; available: number } | null;
  /** Until when the current in-between state (reserving, committing, releasing) belongs to whoever entered it. */
  claimUntil: string | null;
  /** Of the order.placed event, so that what a sweeper emits later still joins the order's trace. */
  correlationId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface LineFailure {
  line: ReservationLine;
  reason: RejectionReason;
  available: number;
}

type StockLine = { listingId: string; quantity: number };
export type ReservationEvent =
  | { type: 'ftt.catalog.stock.reserved.v1'; data: { orderId: string; lines: StockLine[]; expiresAt: string } }
  | {
      type: 'ftt.catalog.stock.rejected.v1';
      data: { orderId: string; listingId: string; lineIndex: number; reason: RejectionReason; requested: number; available: number };
    }
  | { type: 'ftt.catalog.stock.committed.v1'; data: { orderId: string; lines: StockLine[] } }
  | { type: 'ftt.catalog.stock.released.v1'; data: { orderId: string; lines: StockLine[]; reason: ReleaseReason } };

export interface Step {
  reservation: Reservation;
  events: ReservationEvent[];
}

/** How long an in-between state is protected from being taken over by a sweeper. */
export const CLAIM_MS = 30_000;

export const mergeLines = (lines: readonly StockLine[]): ReservationLine[] => {
  const merged = new Map<string, ReservationLine>();
  lines.forEach((l, lineIndex) => {
    const seen = merged.get(l.listingId);
    if (seen) seen.quantity += l.quantity;
    else merged.set(l.listingId, { listingId: l.listingId, quantity: l.quantity, lineIndex });
  });
  return [...merged.values()];
};

const IN_BETWEEN: ReservationStatus[] = ['reserving', 'rejecting', 'committing', 'releasing'];

const stockLines = (r: Reservation): StockLine[] => r.lines.map(({ listingId, quantity }) => ({ listingId, quantity }));

const move = (r: Reservation, status: ReservationStatus, now: Date, changes: Partial<Reservation> = {}): Reservation => ({
  ...r,
  ...changes,
  status,
  claimUntil: IN_BETWEEN.includes(status) ? new Date(now.getTime() + CLAIM_MS).toISOString() : null,
  updatedAt: now.toISOString(),
  version: r.version + 1,
});

const illegal = (r: Reservation, action: string) =>
  new DomainError('reservation.invalid_transition', `cannot ${action} a reservation that is ${r.status}`);

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
  version: 1,
});

/** A tombstone: the order ended before anything was reserved, so a late order.placed reserves nothing. */
export const voidReservation = (orderId: string, now: Date): Reservation => ({
  ...startReservation(orderId, [], orderId, now),
  status: 'void',
  claimUntil: null,
});

export const reserveSucceeded = (r: Reservation, now: Date, ttlSeconds: number): Step => {
  if (r.status !== 'reserving') throw illegal(r, 'reserve');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  return {
    reservation: move(r, 'reserved', now, { expiresAt }),
    events: [{ type: 'ftt.catalog.stock.reserved.v1', data: { orderId: r.id, lines: stockLines(r), expiresAt } }],
  };
};

/**
 * When the first line fails nothing was taken, so the rejection is final at once. Otherwise the
 * rejection is claimed first (rejecting) and its event follows once every taken line is given back
 * (rejectDone): giving back before the claim could take holds a concurrent, winning run relies on.
 */
export const reserveFailed = (r: Reservation, f: LineFailure, now: Date): Step => {
  if (r.status !== 'reserving') throw illegal(r, 'reject');
  const rejection = {
    listingId: f.line.listingId,
    lineIndex: f.line.lineIndex,
    reason: f.reason,
    requested: f.line.quantity,
    available: Math.max(0, f.available),
  };
  const rejecting = move(r, 'rejecting', now, { rejection });
  return r.lines[0]?.listingId === f.line.listingId ? rejectDone(rejecting, now, r.version + 1) : { reservation: rejecting, events: [] };
};

export const rejectDone = (r: Reservation, now: Date, version = r.version + 1): Step => {
  if (r.status !== 'rejecting' || r.rejection === null) throw illegal(r, 'finish rejecting');
  return {
    reservation: { ...move(r, 'rejected', now), version },
    events: [{ type: 'ftt.catalog.stock.rejected.v1', data: { orderId: r.id, ...r.rejection } }],
  };
};

export const beginCommit = (r: Reservation, now: Date): Reservation => {
  if (r.status !== 'reserved' && r.status !== 'committing') throw illegal(r, 'commit');
  return move(r, 'committing', now);
};

export const commitDone = (r: Reservation, now: Date): Step => {
  if (r.status !== 'committing') throw illegal(r, 'commit');
  return {
    reservation: move(r, 'committed', now),
    events: [{ type: 'ftt.catalog.stock.committed.v1', data: { orderId: r.id, lines: stockLines(r) } }],
  };
};

export const complete = (r: Reservation, now: Date): Reservation => {
  if (r.status !== 'committed') throw illegal(r, 'complete');
  return move(r, 'completed', now);
};

/** Anything held (reserved or sold-but-not-shipped) goes back; a release in progress keeps its first reason. */
export const beginRelease = (r: Reservation, reason: ReleaseReason, now: Date): Reservation => {
  if (!['reserving', 'reserved', 'committing', 'committed', 'releasing'].includes(r.status)) throw illegal(r, 'release');
  return move(r, 'releasing', now, { releaseReason: r.releaseReason ?? reason });
};

export const releaseDone = (r: Reservation, now: Date): Step => {
  if (r.status !== 'releasing' || r.releaseReason === null) throw illegal(r, 'finish releasing');
  return {
    reservation: move(r, 'released', now),
    events: [{ type: 'ftt.catalog.stock.released.v1', data: { orderId: r.id, lines: stockLines(r), reason: r.releaseReason } }],
  };
};

/** Take over an in-between state whose owner stopped (crash): same state, a fresh claim, a new version. */
export const reclaim = (r: Reservation, now: Date): Reservation => {
  if (!IN_BETWEEN.includes(r.status)) throw illegal(r, 'reclaim');
  return move(r, r.status, now);
};

/** Whether a step is half done: it is finished by whoever sees it next (redelivery or sweeper). */
export const isInBetween = (r: Reservation): boolean => IN_BETWEEN.includes(r.status);

export type OnConfirmed = 'commit' | 'ignore' | 'lost';
/** 'lost': the order was paid but its stock is gone (released before the confirmation arrived). */
export const onConfirmed = (r: Reservation | null): OnConfirmed => {
  if (!r) return 'lost';
  if (r.status === 'reserved' || r.status === 'committing') return 'commit';
  if (r.status === 'committed' || r.status === 'completed') return 'ignore';
  return 'lost';
};

export type OnEnded = 'tombstone' | 'release' | 'ignore';
export const onOrderEnded = (r: Reservation | null): OnEnded => {
  if (!r) return 'tombstone';
  switch (r.status) {
    // Ended while being reserved (only after a crash): whatever was taken goes back.
    case 'reserving':
    case 'reserved':
    case 'committing':
    case 'committed':
    case 'releasing':
      return 'release';
    case 'rejecting':
    case 'rejected':
    case 'released':
    case 'completed':
    case 'void':
      return 'ignore';
  }
};

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
