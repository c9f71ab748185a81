import { assertOwner, DomainError, type Principal } from '@ftt/kit';
import type { Farm } from '../domain/farm';
import type { StockAdjustment } from '../domain/listing';
import type { Deps } from './context';
import type { Cursor, ListingRecord, SearchParams } from './ports';

/** Reads for the API; nothing here writes. */

/** The public's farms: a suspended farm is not among them. */
export const listFarms = (d: Deps, region: string | undefined): Promise<Farm[]> =>
  d.farms.list({ region, active: true }, 200);

/**
 * A suspended farm is gone from public pages (not found, as if it did not exist: the public is owed no reason); its
 * own farmer and operators still see it, to put it right.
 */
const hiddenFrom = (farm: { farmerId: string; suspended?: unknown }, viewer: Principal | undefined): boolean =>
  Boolean(farm.suspended) && !(viewer && (viewer.role === 'admin' || viewer.userId === farm.farmerId));

export const getFarm = async (
  d: Deps,
  farmId: string,
  viewer?: Principal,
): Promise<{ farm: Farm; listings: ListingRecord[] }> => {
  const farm = await d.farms.get(farmId);
  if (!farm || hiddenFrom(farm, viewer)) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  return { farm, listings: await d.listings.byFarm(farmId, ['published']) };
};

/** The farmer's own view: every listing, drafts and archived included. */
export const myFarm = async (d: Deps, actor: Principal): Promise<{ farm: Farm; listings: ListingRecord[] }> => {
  const farm = await d.farms.byFarmer(actor.userId);
  if (!farm) throw new DomainError('farm.not_found', 'you have no farm yet');
  return { farm, listings: await d.listings.byFarm(farm.id) };
};

export const notFound = (listingId: string) => new DomainError('listing.not_found', `no listing ${listingId}`);

/**
 * Buyers see what was ever put on sale, unless its farm is suspended; drafts exist only for their farmer (GET
 * /farms/mine).
 */
export const getListing = async (d: Deps, listingId: string, viewer?: Principal): Promise<ListingRecord> => {
  const l = await d.listings.get(listingId);
  if (!l || l.status === 'draft') throw notFound(listingId);
  if (hiddenFrom({ farmerId: l.farmerId, suspended: l.farm.suspended }, viewer)) throw notFound(listingId);
  return l;
};

/** The listing its farmer (or an admin) may see in full: 404 when it does not exist, 403 unless theirs. */
export const ownListing = async (d: Deps, actor: Principal, listingId: string): Promise<ListingRecord> => {
  const listing = await d.listings.get(listingId);
  if (!listing) throw notFound(listingId);
  assertOwner(actor, listing.farmerId, 'listing');
  return listing;
};

export const stockHistory = async (d: Deps, actor: Principal, listingId: string): Promise<StockAdjustment[]> => {
  await ownListing(d, actor, listingId);
  return (await d.listings.adjustments(listingId)) ?? [];
};

export type SearchInput = Omit<SearchParams, 'after' | 'limit'> & { cursor?: string | undefined; limit?: number | undefined };

export const DEFAULT_PAGE = 20;

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

export const decodeCursor = (s: string): Cursor | null => {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Partial<Cursor>;
    const okValue = typeof c.v === 'string' || (typeof c.v === 'number' && Number.isFinite(c.v));
    return okValue && typeof c.id === 'string' && c.id.length > 0 && c.id.length <= 64 ? { v: c.v!, id: c.id } : null;
  } catch {
    return null;
  }
};

/** Buyers' search: one query on the listings (farm details are denormalized onto them). */
export const searchCatalog = async (
  d: Deps,
  input: SearchInput,
): Promise<{ items: ListingRecord[]; nextCursor: string | null }> => {
  const { cursor, limit, ...filters } = input;
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  if (after === null) {
    throw new DomainError('query.invalid', 'invalid query', [{ field: 'query.cursor', message: 'not a cursor from a previous page' }]);
  }
  const today = d.clock().toISOString().slice(0, 10);
  const page = await d.listings.search({ ...filters, limit: limit ?? DEFAULT_PAGE, after }, today);
  return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
};
