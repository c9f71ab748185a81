import { DomainError } from '../domain/errors';
import { decodeCursor, encodeCursor, type SearchParams } from '../data/search';
import type { ListingRecord } from '../data/listing-repo';
import type { CatalogDeps } from './context';

export type SearchInput = Omit<SearchParams, 'after' | 'limit'> & { cursor?: string | undefined; limit?: number | undefined };

export const DEFAULT_PAGE = 20;

/** Buyers' search: one query on the listings (farm details are denormalized onto them). */
export const searchCatalog = async (
  d: CatalogDeps,
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
