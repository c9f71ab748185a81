import { change, ignore, reject, type Outcome } from '@ftt/kit/domain';
import type { FarmSummary } from './farm';
import {
  isLive,
  toSnapshot,
  type AdjustmentKind,
  type Listing,
  type ListingEvent,
  type ListingInput,
  type ListingPatch,
  type ListingStatus,
  type StockAdjustment,
} from './listing';

export type ListingOutcome = Outcome<Listing, ListingEvent>;

/** The listing changed (the store sets the version it is written as, and the listing's events carry that version). */
const bump = (l: Listing, changes: Partial<Listing>, now: Date): Listing => ({
  ...l,
  ...changes,
  updatedAt: now.toISOString(),
});

const updatedIfLive = (l: Listing): ListingEvent[] =>
  isLive(l.status) ? [{ type: 'ftt.catalog.listing.updated.v1', data: toSnapshot(l) }] : [];

const illegal = (l: Listing, action: string) =>
  reject('listing.invalid_transition', `cannot ${action} a listing that is ${l.status}`);

export const newListing = (id: string, farmId: string, farm: FarmSummary, input: ListingInput, now: Date): Listing => ({
  id,
  farmId,
  farmerId: farm.farmerId,
  status: 'draft',
  ...input,
  farm,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  publishedAt: null,
  archivedAt: null,
  // Not stored yet: the store sets the version it is written as.
  version: 0,
});

export const editListing = (l: Listing, patch: ListingPatch, now: Date): ListingOutcome => {
  if (l.status === 'archived') return illegal(l, 'edit');
  // Orders and reservations already hold quantities in the old unit: changing it would change their meaning.
  if (patch.unit !== undefined && patch.unit !== l.unit && l.publishedAt !== null) {
    return reject('listing.conflict', 'the unit cannot change once the listing was published', [
      { field: 'body.unit', message: 'locked after publishing' },
    ]);
  }
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ListingPatch;
  const listing = bump(l, defined, now);
  return change(listing, updatedIfLive(listing));
};

export const publishListing = (l: Listing, now: Date): ListingOutcome => {
  if (l.status !== 'draft' && l.status !== 'paused') return illegal(l, 'publish');
  const today = now.toISOString().slice(0, 10);
  if (l.lot.bestBefore !== undefined && l.lot.bestBefore < today) {
    return reject('listing.unprocessable', 'the lot is past its best-before date', [
      { field: 'lot.bestBefore', message: 'in the past' },
    ]);
  }
  const first = l.status === 'draft';
  const listing = bump(l, { status: 'published', ...(first ? { publishedAt: now.toISOString() } : {}) }, now);
  const data = toSnapshot(listing);
  return change(listing, [
    first ? { type: 'ftt.catalog.listing.published.v1', data } : { type: 'ftt.catalog.listing.updated.v1', data },
  ]);
};

export const pauseListing = (l: Listing, now: Date): ListingOutcome => {
  if (l.status !== 'published') return illegal(l, 'pause');
  const listing = bump(l, { status: 'paused' }, now);
  return change(listing, updatedIfLive(listing));
};

export const archiveListing = (l: Listing, now: Date): ListingOutcome => {
  if (l.status === 'archived') return illegal(l, 'archive');
  const listing = bump(l, { status: 'archived', archivedAt: now.toISOString() }, now);
  // A draft nobody has seen needs no announcement.
  const events: ListingEvent[] =
    l.publishedAt === null
      ? []
      : [
          {
            type: 'ftt.catalog.listing.archived.v1',
            data: { listingId: l.id, farmId: l.farmId, version: listing.version, archivedAt: now.toISOString() },
          },
        ];
  return change(listing, events);
};

/** Copy changed farm details onto the listing; a listing that has this farm version or a newer one already is left alone. */
export const applyFarm = (l: Listing, farm: FarmSummary, now: Date): ListingOutcome => {
  if (farm.farmVersion <= l.farm.farmVersion) {
    return ignore(`listing has farm version ${l.farm.farmVersion}, not older than ${farm.farmVersion}`);
  }
  const listing = bump(l, { farm }, now);
  return change(listing, updatedIfLive(listing));
};

/**
 * A farmer's restock or write-off. Whether enough is available to write off is not decided here: stock moves by
 * one conditional $inc on the listing, which the database applies only while it holds (data/listing-repo.ts).
 */
export const decideAdjustment = (
  status: ListingStatus,
  input: { id: string; kind: AdjustmentKind; quantity: number; reason: string; by: string },
  now: Date,
): Outcome<StockAdjustment, never> => {
  if (status === 'archived') return reject('listing.invalid_transition', 'the stock of an archived listing cannot change');
  if (!Number.isInteger(input.quantity) || input.quantity <= 0) {
    return reject('stock.invalid', 'quantity must be a positive integer', [{ field: 'body.quantity', message: 'positive integer' }]);
  }
  return change({ ...input, at: now.toISOString() });
};

/** How an adjustment moves the available stock. */
export const stockDelta = (a: StockAdjustment): number => (a.kind === 'restock' ? a.quantity : -a.quantity);
