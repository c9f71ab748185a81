import type { CommandStore } from '@ftt/kit';
import type { Farm } from '../domain/farm';
import type { Listing, StockAdjustment, StockLevels } from '../domain/listing';
import type { RejectionReason, Reservation } from '../domain/reservation';
import type { PhotoVariant, PhotoWidth } from '../domain/photo';

/** What the use cases need from storage; data/ implements each port (service.ts wires them in). */

/**
 * Farms, written by the command handler (an insert is 'duplicate' when the farm is open already: its id is the
 * membership's farm id); an update marks the farm's listings as behind until markSynced.
 */
export interface Farms extends CommandStore<Farm> {
  get(id: string): Promise<Farm | null>;
  /** `active`: without the suspended farms (what the public sees). */
  list(filter: { region?: string | undefined; active?: boolean }, limit: number): Promise<Farm[]>;
  /** Farms whose listings may still carry older farm details (the process died between the two writes). */
  behind(limit: number): Promise<Farm[]>;
  /** Only when no newer edit arrived meanwhile (that edit will sync again). */
  markSynced(id: string, version: number): Promise<void>;
}

/** A listing as stored: its own state and its stock, which only ever moves by conditional $inc. */
export type ListingRecord = Listing & {
  stock: StockLevels;
  /**
   * A stock change written with this state, in the same transaction (a CSV import's row that changes fields and
   * stock: both or neither): from `expected` available by `delta`, with its history entry. Never stored as such.
   */
  stockMove?: StockMove | undefined;
};

export interface StockMove {
  adjustment: StockAdjustment;
  expected: number;
  delta: number;
}

/** The stock was not what a stock move expected (an order held some meanwhile): nothing was written; decide again. */
export class StockMoved extends Error {
  constructor(readonly listingId: string) {
    super(`the stock of listing ${listingId} moved meanwhile`);
  }
}

export type SetStockResult = 'applied' | 'moved' | 'archived' | 'not_found';

/** A CSV import's record under its Idempotency-Key: the file it was, and what it answered. */
export interface ImportRecord {
  id: string;
  farmId: string;
  fileHash: string;
  at: string;
  report: unknown;
}

export interface ListingImports {
  get(id: string): Promise<ImportRecord | null>;
  /** Once per id: a second save of the same id keeps the first. */
  save(r: ImportRecord): Promise<void>;
}

export type HoldResult = { ok: true } | { ok: false; reason: RejectionReason; available: number };
export type AdjustResult = 'applied' | 'duplicate' | 'insufficient' | 'not_found' | 'archived';

export type SortName = 'newest' | 'price' | '-price' | 'freshness';

/** Where the previous page ended: its last sort key and _id (the tiebreak that makes the order total). */
export interface Cursor {
  v: string | number;
  id: string;
}

export interface SearchParams {
  category?: string | undefined;
  farmId?: string | undefined;
  region?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  currency?: string | undefined;
  certified?: boolean | undefined;
  harvestedSince?: string | undefined;
  inStock?: boolean | undefined;
  q?: string | undefined;
  sort: SortName;
  limit: number;
  after?: Cursor | undefined;
}

/** Listing photos, stored per width. */
export interface Photos {
  save(variants: PhotoVariant[]): Promise<void>;
  get(photoId: string, width: PhotoWidth): Promise<Pick<PhotoVariant, 'contentType' | 'data'> | null>;
}

/**
 * What shows that an order's line was sold: its reservation (which records where its release began), or, for a
 * release that began before reservations recorded that, the sale entry listings kept per order at the time.
 */
export type SaleProof = 'reservation' | 'sale-entry';

/** Listings, written by the command handler: a new one with its initial stock, then its own fields, never its stock. */
export interface Listings extends CommandStore<ListingRecord> {
  get(listingId: string): Promise<ListingRecord | null>;
  byFarm(farmId: string, statuses?: string[]): Promise<ListingRecord[]>;
  /** Every listing of a farm, whatever its status, in id order (paged underneath: the CSV export and import). */
  allOfFarm(farmId: string): Promise<ListingRecord[]>;
  /** The farm of each of these listings that exists. */
  farmsOf(listingIds: string[]): Promise<Map<string, string>>;
  /** Set the available stock from `expected` (only if it is still that) to `expected + delta`, with its history entry. */
  setStock(listingId: string, move: StockMove): Promise<SetStockResult>;
  search(p: SearchParams, today: string): Promise<{ items: ListingRecord[]; next: Cursor | null }>;
  adjustments(listingId: string): Promise<StockAdjustment[] | null>;

  // Stock moves: each one conditional update of one listing, idempotent per order id (or adjustment id).
  hold(listingId: string, orderId: string, quantity: number): Promise<HoldResult>;
  /** False when this order holds nothing here (already released or committed). */
  releaseHold(listingId: string, orderId: string, quantity: number): Promise<boolean>;
  commitHold(listingId: string, orderId: string, quantity: number): Promise<boolean>;
  /** Only for a line the reservation may have sold (see releaseAll); once per order. */
  releaseSale(listingId: string, orderId: string, quantity: number, proof: SaleProof): Promise<boolean>;
  forgetSale(listingId: string, orderId: string, quantity: number): Promise<void>;
  adjust(listingId: string, a: StockAdjustment, delta: number): Promise<AdjustResult>;
}

/**
 * Reservations, written by the command handler: an insert is 'duplicate' when one for this order exists already (the
 * order id is the idempotency key); every claim is an update conditional on the version.
 */
export interface Reservations extends CommandStore<Reservation> {
  get(orderId: string): Promise<Reservation | null>;
  /** Unpaid reservations past their expiry, and in-between states whose owner's claim ran out. */
  due(now: Date, limit: number): Promise<Reservation[]>;
}

/** The farms operators approved, as identity announced them (application.decided). */
/** The markets catalog knows (orders' market.published): the currency a farm of each prices its listings in. */
export interface MarketCopies {
  /** Idempotent, and a newer version wins: a redelivered or late event changes nothing. */
  record(m: { code: string; currency: string; version: number; eventId: string }): Promise<void>;
  /** The market's currency, or null while catalog has not heard of it. */
  currencyOf(code: string): Promise<string | null>;
}

export interface FarmApprovals {
  /** Idempotent: a redelivered decision changes nothing. */
  record(a: { farmId: string; applicationId: string; name: string; region: string; at: string; eventId: string }): Promise<void>;
  isApproved(farmId: string): Promise<boolean>;
}

/** Where a farm's payout account comes from: Stripe Connect onboarding, or the simulated provider offline. */
export interface PayoutOnboarding {
  name: 'stripe' | 'simulated';
  /** The farm's connected account (created when it has none) and a link where its owner completes it. */
  start(o: { farmId: string; accountId?: string | undefined; country: string }): Promise<{ accountId: string; url: string }>;
}
