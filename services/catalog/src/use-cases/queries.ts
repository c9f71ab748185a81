import { DomainError, farmsOf, mayFarm, requireFarm, type FarmPermission, type Principal } from '@ftt/kit';
import type { Farm } from '../domain/farm';
import type { StockAdjustment } from '../domain/listing';
import type { Context } from './context';
import type { Cursor, ListingRecord, SearchParams } from './ports';

/** Reads for the API; nothing here writes. */

/** The public's farms: a suspended farm is not among them. */
export const listFarms = (d: Context, region: string | undefined): Promise<Farm[]> =>
  d.farms.list({ region, active: true }, 200);

/**
 * A suspended farm is gone from public pages (not found, as if it did not exist: the public is owed no reason); its
 * own members and operators still see it, to put it right.
 */
const hiddenFrom = (farm: { id: string; suspended?: unknown }, viewer: Principal | undefined): boolean =>
  Boolean(farm.suspended) && !(viewer && mayFarm(viewer, farm.id, 'farm.read'));

export const getFarm = async (
  d: Context,
  farmId: string,
  viewer?: Principal,
): Promise<{ farm: Farm; listings: ListingRecord[] }> => {
  const farm = await d.farms.get(farmId);
  if (!farm || hiddenFrom(farm, viewer)) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  return { farm, listings: await d.listings.byFarm(farmId, ['published']) };
};

/**
 * A farm as its members see it: every listing, drafts and archived included. `farmId` chooses among the person's
 * farms; without it, the first of their farms that is open (404 when none is open yet: the owner opens it).
 */
export const myFarm = async (
  d: Context,
  actor: Principal,
  farmId?: string,
): Promise<{ farm: Farm; listings: ListingRecord[] }> => {
  if (farmId !== undefined) requireFarm(actor, farmId, 'farm.read');
  let farm: Farm | null = null;
  for (const id of farmId !== undefined ? [farmId] : farmsOf(actor, 'farm.read')) {
    farm = await d.farms.get(id);
    if (farm) break;
  }
  if (!farm) throw new DomainError('farm.not_found', 'you have no farm yet');
  return { farm, listings: await d.listings.byFarm(farm.id) };
};

export const notFound = (listingId: string) => new DomainError('listing.not_found', `no listing ${listingId}`);

/**
 * Buyers see what was ever put on sale, unless its farm is suspended; drafts exist only for their farmer (GET
 * /farms/mine).
 */
export const getListing = async (d: Context, listingId: string, viewer?: Principal): Promise<ListingRecord> => {
  const l = await d.listings.get(listingId);
  if (!l || l.status === 'draft') throw notFound(listingId);
  if (hiddenFrom({ id: l.farmId, suspended: l.farm.suspended }, viewer)) throw notFound(listingId);
  return l;
};

/**
 * A listing a member of its farm acts on (or an operator): 404 when it does not exist, 403 unless their role on the
 * farm may (`permission`).
 */
export const ownListing = async (
  d: Context,
  actor: Principal,
  listingId: string,
  permission: FarmPermission = 'listings.write',
): Promise<ListingRecord> => {
  const listing = await d.listings.get(listingId);
  if (!listing) throw notFound(listingId);
  requireFarm(actor, listing.farmId, permission, 'listing');
  return listing;
};

export const stockHistory = async (d: Context, actor: Principal, listingId: string): Promise<StockAdjustment[]> => {
  await ownListing(d, actor, listingId, 'farm.read');
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
  d: Context,
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
