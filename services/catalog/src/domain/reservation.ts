import { z } from 'zod';

/**
 * A reservation per order (_id = order id) is the idempotency record of everything catalog does for
 * that order. Each step first CLAIMS a state (a versioned single-document write), then moves stock on
 * the listings with idempotent conditional updates, then FINISHES with the event in the same write as
 * the final state. Whoever loses a claim leaves the listings as the winner decided. A commit is the exception: its
 * one write claims and finishes, and the stock moves after it (see `onConfirmed`).
 *
 *   reserving -> reserved | rejecting -> rejected      (rejecting: taken lines are being given back)
 *   reserved  -> committed -> completed                (the holds are sold right after the commit's write)
 *   committing -> committed                          (a claim written by versions before the one-step commit)
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
  /** The status a release began from: whether any of its lines may have been sold (see stock-moves releaseAll). */
  releasedFrom?: ReservationStatus | null;
  rejection: { listingId: string; lineIndex: number; reason: RejectionReason; requested: number; available: number } | null;
  /** Until when the current in-between state (reserving, committing, releasing) belongs to whoever entered it. */
  claimUntil: string | null;
  /** Of the order.placed event, so that what a sweeper emits later still joins the order's trace. */
  correlationId: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const STATUSES = ['reserving', 'reserved', 'rejecting', 'rejected', 'committing', 'committed', 'completed', 'releasing', 'released', 'void'] as const;

/** What a reservation document holds (the aggregate's state schema: the decider tests parse every state with it). */
export const ReservationState: z.ZodType<Reservation> = z.strictObject({
  id: z.string().min(1),
  status: z.enum(STATUSES),
  lines: z.array(z.strictObject({ listingId: z.string().min(1), quantity: z.number().positive(), lineIndex: z.number().int().min(0) })),
  expiresAt: z.iso.datetime().nullable(),
  releaseReason: z.enum(['cancelled', 'expired', 'refunded']).nullable(),
  releasedFrom: z.enum(STATUSES).nullish(),
  rejection: z
    .strictObject({
      listingId: z.string().min(1),
      lineIndex: z.number().int().min(0),
      reason: z.enum(['insufficient_stock', 'listing_unavailable', 'unknown_listing']),
      requested: z.number(),
      available: z.number(),
    })
    .nullable(),
  claimUntil: z.iso.datetime().nullable(),
  correlationId: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().min(0),
});

export interface LineFailure {
  line: ReservationLine;
  reason: RejectionReason;
  available: number;
}

export type StockLine = { listingId: string; quantity: number };
export type ReservationEvent =
  | { type: 'ftt.catalog.stock.reserved.v1'; data: { orderId: string; lines: StockLine[]; expiresAt: string } }
  | {
      type: 'ftt.catalog.stock.rejected.v1';
      data: { orderId: string; listingId: string; lineIndex: number; reason: RejectionReason; requested: number; available: number };
    }
  | { type: 'ftt.catalog.stock.committed.v1'; data: { orderId: string; lines: StockLine[] } }
  | { type: 'ftt.catalog.stock.released.v1'; data: { orderId: string; lines: StockLine[]; reason: ReleaseReason } };

/** How long an in-between state is protected from being taken over by a sweeper. */
export const CLAIM_MS = 30_000;

const IN_BETWEEN: readonly ReservationStatus[] = ['reserving', 'rejecting', 'committing', 'releasing'];

/** Whether a step is half done: it is finished by whoever sees it next (redelivery or sweeper). */
export const isInBetween = (r: Pick<Reservation, 'status'>): boolean => IN_BETWEEN.includes(r.status);

const KEEPS_STOCK: readonly ReservationStatus[] = ['reserving', 'reserved', 'committing', 'committed', 'completed'];

/** States in which this order's holds on the listings are legitimately kept. */
export const keepsStock = (r: Pick<Reservation, 'status'>): boolean => KEEPS_STOCK.includes(r.status);
