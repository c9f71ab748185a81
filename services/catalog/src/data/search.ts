import type { mongo } from 'mongoose';
import { HIDDEN, toListingRecord } from './listing-record';
import type { Collection } from './collections';
import type { Cursor, ListingRecord, SearchParams, SortName } from '../use-cases/ports';

const SORTS: Record<SortName, { key: string; dir: 1 | -1 }> = {
  newest: { key: 'publishedAt', dir: -1 },
  price: { key: 'unitPrice.amount', dir: 1 },
  '-price': { key: 'unitPrice.amount', dir: -1 },
  freshness: { key: 'lot.harvestDate', dir: -1 },
};

/** User text is matched literally: every regex metacharacter is escaped. */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const valueAt = (doc: mongo.Document, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc);

/**
 * The one query buyers' search runs: published listings, filters, a total order, keyset pagination.
 * Conditions are kept flat in one object ($and only joins the $or clauses), so the planner sees the
 * equality and range fields that the `status, ...` indexes serve.
 */
export const buildSearch = (p: SearchParams, today: string) => {
  const { key, dir } = SORTS[p.sort];
  const filter: mongo.Document = { status: 'published', 'farm.suspended': { $ne: true } };
  const ors: mongo.Document[][] = [];
  if (p.category) filter.category = p.category;
  if (p.farmId) filter.farmId = p.farmId;
  if (p.region) filter['farm.region'] = p.region;
  if (p.currency) filter['unitPrice.currency'] = p.currency;
  if (p.minPrice !== undefined || p.maxPrice !== undefined) {
    filter['unitPrice.amount'] = {
      ...(p.minPrice !== undefined ? { $gte: p.minPrice } : {}),
      ...(p.maxPrice !== undefined ? { $lte: p.maxPrice } : {}),
    };
  }
  if (p.certified === true) filter['farm.certifiedUntil'] = { $gte: today };
  if (p.certified === false) ors.push([{ 'farm.certifiedUntil': null }, { 'farm.certifiedUntil': { $lt: today } }]);
  if (p.harvestedSince) filter['lot.harvestDate'] = { $gte: p.harvestedSince };
  if (p.inStock) filter.available = { $gt: 0 };
  if (p.q) {
    const re = escapeRegex(p.q);
    ors.push([{ title: { $regex: re, $options: 'i' } }, { description: { $regex: re, $options: 'i' } }]);
  }
  if (p.after) {
    const op = dir === 1 ? '$gt' : '$lt';
    ors.push([{ [key]: { [op]: p.after.v } }, { [key]: p.after.v, _id: { [op]: p.after.id } }]);
  }
  if (ors.length === 1) filter.$or = ors[0];
  if (ors.length > 1) filter.$and = ors.map(($or) => ({ $or }));
  return { filter, sort: { [key]: dir, _id: dir } as Record<string, 1 | -1>, limit: p.limit, key };
};

export const searchListings = async (
  col: Collection,
  p: SearchParams,
  today: string,
): Promise<{ items: ListingRecord[]; next: Cursor | null }> => {
  const q = buildSearch(p, today);
  const docs = await col
    .find(q.filter, { projection: HIDDEN })
    .sort(q.sort)
    .limit(q.limit + 1)
    .toArray();
  const page = docs.slice(0, q.limit);
  const last = page.at(-1);
  const next = docs.length > q.limit && last ? { v: valueAt(last, q.key) as string | number, id: String(last._id) } : null;
  return { items: page.map(toListingRecord), next };
};
