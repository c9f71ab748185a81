import { assertOwner, type Principal } from '@ftt/kit';
import { DomainError } from '../domain/errors';
import { farmSummary } from '../domain/farm';
import {
  archiveListing,
  editListing,
  newListing,
  pauseListing,
  publishListing,
  type Decision,
  type Listing,
  type ListingInput,
  type ListingPatch,
} from '../domain/listing';
import { decideAdjustment, type AdjustmentKind, type StockAdjustment } from '../domain/stock';
import type { ListingRecord } from '../data/listing-repo';
import { MAX_ATTEMPTS, toEvents, type Cause, type CatalogDeps } from './context';

const notFound = (listingId: string) => new DomainError('listing.not_found', `no listing ${listingId}`);

export const createListing = async (
  d: CatalogDeps,
  actor: Principal,
  farmId: string,
  input: ListingInput & { available: number },
): Promise<ListingRecord> => {
  const farm = await d.farms.get(farmId);
  if (!farm) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  assertOwner(actor, farm.farmerId, 'farm');
  const { available, ...fields } = input;
  const listing = newListing(d.newId(), farm.id, farmSummary(farm), fields, d.clock());
  await d.listings.insert(listing, available);
  d.log.info({ listingId: listing.id, farmId }, 'listing created');
  return { ...listing, stock: { available, reserved: 0, sold: 0 } };
};

/** Load, check ownership, decide, and save the state with its events in one write; retry on a concurrent edit. */
const transition = async (
  d: CatalogDeps,
  actor: Principal,
  listingId: string,
  decide: (l: Listing, now: Date) => Decision,
  cause: Cause,
): Promise<ListingRecord> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await d.listings.get(listingId);
    if (!current) throw notFound(listingId);
    assertOwner(actor, current.farmerId, 'listing');
    const now = d.clock();
    const { stock, ...state } = current;
    const { listing, events } = decide(state, now);
    if ((await d.listings.save(listing, current.version, toEvents(events, cause, now))) === 'written') {
      d.kick('listings', listingId);
      d.log.info({ listingId, status: listing.status, version: listing.version }, 'listing changed');
      return { ...listing, stock };
    }
  }
  throw new DomainError('listing.conflict', 'the listing changed concurrently; try again');
};

export const updateListing = (d: CatalogDeps, actor: Principal, id: string, patch: ListingPatch, cause: Cause) =>
  transition(d, actor, id, (l, now) => editListing(l, patch, now), cause);
export const publish = (d: CatalogDeps, actor: Principal, id: string, cause: Cause) =>
  transition(d, actor, id, publishListing, cause);
export const pause = (d: CatalogDeps, actor: Principal, id: string, cause: Cause) => transition(d, actor, id, pauseListing, cause);
export const archive = (d: CatalogDeps, actor: Principal, id: string, cause: Cause) =>
  transition(d, actor, id, archiveListing, cause);

/** Buyers see what was ever put on sale; drafts exist only for their farmer (GET /farms/mine). */
export const getListing = async (d: CatalogDeps, listingId: string): Promise<ListingRecord> => {
  const l = await d.listings.get(listingId);
  if (!l || l.status === 'draft') throw notFound(listingId);
  return l;
};

export const adjustStock = async (
  d: CatalogDeps,
  actor: Principal,
  listingId: string,
  input: { kind: AdjustmentKind; quantity: number; reason: string; idempotencyKey?: string | undefined },
): Promise<{ adjustment: StockAdjustment; listing: ListingRecord }> => {
  const current = await d.listings.get(listingId);
  if (!current) throw notFound(listingId);
  assertOwner(actor, current.farmerId, 'listing');
  const { kind, quantity, reason } = input;
  const { adjustment, delta } = decideAdjustment(
    current.status,
    { id: input.idempotencyKey ?? d.newId(), kind, quantity, reason, by: actor.userId },
    d.clock(),
  );
  const result = await d.listings.adjust(listingId, adjustment, delta);
  if (result === 'not_found') throw notFound(listingId);
  if (result === 'archived') throw new DomainError('listing.invalid_transition', 'the stock of an archived listing cannot change');
  if (result === 'insufficient') {
    throw new DomainError('stock.conflict', `cannot write off ${quantity}: not that much is available`, [
      { field: 'body.quantity', message: 'exceeds available stock' },
    ]);
  }
  const listing = (await d.listings.get(listingId)) ?? current;
  if (result === 'duplicate') {
    const history = (await d.listings.adjustments(listingId)) ?? [];
    return { adjustment: history.find((a) => a.id === adjustment.id) ?? adjustment, listing };
  }
  d.log.info({ listingId, kind, quantity }, 'stock adjusted');
  return { adjustment, listing };
};

export const stockHistory = async (d: CatalogDeps, actor: Principal, listingId: string): Promise<StockAdjustment[]> => {
  const current = await d.listings.get(listingId);
  if (!current) throw notFound(listingId);
  assertOwner(actor, current.farmerId, 'listing');
  return (await d.listings.adjustments(listingId)) ?? [];
};
