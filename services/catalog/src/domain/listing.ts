import type { ColdChain, ListingSnapshot, Money, Unit } from '@ftt/contracts';
import { DomainError } from './errors';
import type { FarmSummary } from './farm';

export type ListingStatus = 'draft' | 'published' | 'paused' | 'archived';

export interface LotDetails {
  /** Traceability lot code (FSMA 204 TLC); follows the produce through order and shipment. */
  lotCode: string;
  field: string;
  harvestDate: string;
  bestBefore?: string | undefined;
  /** Harvested quantity of the lot, in the listing's unit. */
  quantity: number;
}

/** A listing's own state. Stock (available/reserved/sold) is deliberately not part of it: it only moves by $inc. */
export interface Listing {
  id: string;
  farmId: string;
  farmerId: string;
  status: ListingStatus;
  category: string;
  title: string;
  description: string;
  unit: Unit;
  unitPrice: Money;
  photos: string[];
  lot: LotDetails;
  coldChain: ColdChain;
  farm: FarmSummary;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  archivedAt: string | null;
  version: number;
}

export type ListingInput = Pick<
  Listing,
  'category' | 'title' | 'description' | 'unit' | 'unitPrice' | 'photos' | 'lot' | 'coldChain'
>;
export type ListingPatch = Partial<ListingInput>;

export type ListingEvent =
  | { type: 'ftt.catalog.listing.published.v1'; data: ListingSnapshot }
  | { type: 'ftt.catalog.listing.updated.v1'; data: ListingSnapshot }
  | {
      type: 'ftt.catalog.listing.archived.v1';
      data: { listingId: string; farmId: string; version: number; archivedAt: string };
    };

export interface Decision {
  listing: Listing;
  events: ListingEvent[];
}

/** Visible to buyers and to the other services (orders keeps a copy from the snapshots). */
const isLive = (s: ListingStatus): s is 'published' | 'paused' => s === 'published' || s === 'paused';

export const toSnapshot = (l: Listing): ListingSnapshot => {
  if (!isLive(l.status)) throw new Error(`no snapshot of a ${l.status} listing`);
  return {
    listingId: l.id,
    farmId: l.farmId,
    farmName: l.farm.name,
    farmerId: l.farmerId,
    ...(l.farm.payoutAccountId ? { payoutAccountId: l.farm.payoutAccountId } : {}),
    region: l.farm.region,
    pickupAddress: l.farm.pickupAddress,
    title: l.title,
    category: l.category,
    unit: l.unit,
    unitPrice: l.unitPrice,
    status: l.status,
    lot: { ...l.lot, farmId: l.farmId, unit: l.unit },
    coldChain: l.coldChain,
    version: l.version,
  };
};

const bump = (l: Listing, changes: Partial<Listing>, now: Date): Listing => ({
  ...l,
  ...changes,
  updatedAt: now.toISOString(),
  version: l.version + 1,
});

const updatedIfLive = (l: Listing): ListingEvent[] =>
  isLive(l.status) ? [{ type: 'ftt.catalog.listing.updated.v1', data: toSnapshot(l) }] : [];

const illegal = (l: Listing, action: string) =>
  new DomainError('listing.invalid_transition', `cannot ${action} a listing that is ${l.status}`);

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
  version: 1,
});

export const editListing = (l: Listing, patch: ListingPatch, now: Date): Decision => {
  if (l.status === 'archived') throw illegal(l, 'edit');
  // Orders and reservations already hold quantities in the old unit: changing it would change their meaning.
  if (patch.unit !== undefined && patch.unit !== l.unit && l.publishedAt !== null) {
    throw new DomainError('listing.conflict', 'the unit cannot change once the listing was published', [
      { field: 'body.unit', message: 'locked after publishing' },
    ]);
  }
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ListingPatch;
  const listing = bump(l, defined, now);
  return { listing, events: updatedIfLive(listing) };
};

export const publishListing = (l: Listing, now: Date): Decision => {
  if (l.status !== 'draft' && l.status !== 'paused') throw illegal(l, 'publish');
  const today = now.toISOString().slice(0, 10);
  if (l.lot.bestBefore !== undefined && l.lot.bestBefore < today) {
    throw new DomainError('listing.unprocessable', 'the lot is past its best-before date', [
      { field: 'lot.bestBefore', message: 'in the past' },
    ]);
  }
  const first = l.status === 'draft';
  const listing = bump(l, { status: 'published', ...(first ? { publishedAt: now.toISOString() } : {}) }, now);
  const data = toSnapshot(listing);
  return {
    listing,
    events: [first ? { type: 'ftt.catalog.listing.published.v1', data } : { type: 'ftt.catalog.listing.updated.v1', data }],
  };
};

export const pauseListing = (l: Listing, now: Date): Decision => {
  if (l.status !== 'published') throw illegal(l, 'pause');
  const listing = bump(l, { status: 'paused' }, now);
  return { listing, events: updatedIfLive(listing) };
};

export const archiveListing = (l: Listing, now: Date): Decision => {
  if (l.status === 'archived') throw illegal(l, 'archive');
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
  return { listing, events };
};

/** Copy changed farm details onto the listing; null when the listing already has this farm version or newer. */
export const applyFarm = (l: Listing, farm: FarmSummary, now: Date): Decision | null => {
  if (farm.farmVersion <= l.farm.farmVersion) return null;
  const listing = bump(l, { farm }, now);
  return { listing, events: updatedIfLive(listing) };
};
