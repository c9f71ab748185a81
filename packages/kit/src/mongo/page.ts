import type { mongo } from 'mongoose';
import { z } from 'zod';
import { DomainError } from '../errors';

type Doc = mongo.Document;

/**
 * Cursor paging for every list that grows with history: one query shape, one response shape, one cursor.
 *
 * The sort key is (time field, _id), both in the same direction: unique, so a page boundary falls between two
 * known documents and no document is skipped or repeated, however many share a millisecond. Items that arrive
 * while a client pages sort before its cursor (newest first) or after its last page (oldest first), so they never
 * shift the pages still to come. The index behind a list is `{ ...equality fields, <time>: dir, _id: dir }`.
 */
export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 25;

/** The query of every paged list (spread into a route's `query` schema, so the OpenAPI documents it). */
export const PageQuery = {
  cursor: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe("The previous page's `nextCursor` (opaque); absent for the first page"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_LIMIT_MAX)
    .default(PAGE_LIMIT_DEFAULT)
    .describe(`Items per page, at most ${PAGE_LIMIT_MAX}`),
};

export interface PageRequest {
  cursor?: string | undefined;
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The reply of every paged list: `{ items, nextCursor }` (extra fields beside them are the list's own). */
export const pageView = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  });

/** Where the page stopped: the last item's sort value and id. A Date travels as its ISO text with `d`. */
export const PageCursor = z.object({ v: z.union([z.string(), z.number()]), d: z.literal(1).optional(), id: z.string() });
export type PageCursor = z.infer<typeof PageCursor>;
const Cursor = PageCursor;
type Cursor = PageCursor;

export const encodeCursor = (c: Record<string, unknown>): string => Buffer.from(JSON.stringify(c)).toString('base64url');

/** A cursor a client sent back, checked: anything else is a 400 naming the query field. */
export const decodeCursor = <T>(schema: z.ZodType<T>, raw: string | undefined, field = 'query.cursor'): T | undefined => {
  if (raw === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw new DomainError('cursor.invalid', 'invalid cursor', [{ field, message: 'pass the nextCursor of a previous page' }]);
  }
};

/**
 * A cursor that starts a page just after (value, id) of a list's sort key: for tools that jump into the middle of a
 * list (the history benchmark's deep page). Clients only ever pass back the `nextCursor` they were given.
 */
export const cursorAt = (value: string | number | Date, id: string): string =>
  encodeCursor(value instanceof Date ? { v: value.toISOString(), d: 1, id } : { v: value, id });

/** The sort value a cursor stopped at (a Date again when it was one). */
export const cursorValue = (c: PageCursor): string | number | Date => (c.d ? new Date(c.v) : c.v);
const valueOf = cursorValue;

/** The filter of the page after `c`: the range on the time field bounds the index scan, `$or` breaks the ties by id. */
const afterFilter = (filter: Doc, field: string, dir: 1 | -1, c: Cursor): Doc => {
  const v = valueOf(c);
  const [incl, excl] = dir === -1 ? ['$lte', '$lt'] : ['$gte', '$gt'];
  const own = filter[field] as Doc | undefined;
  const range = own && typeof own === 'object' && !(own instanceof Date) ? { ...own, [incl]: v } : { [incl]: v };
  const ties = [{ [field]: { [excl]: v } }, { _id: { [excl]: c.id } }];
  const out: Doc = { ...filter, [field]: range };
  if (filter.$or) out.$and = [...((filter.$and as Doc[] | undefined) ?? []), { $or: ties }];
  else out.$or = ties;
  return out;
};

export interface PageSpec<T> {
  filter: Doc;
  /** The time field of the sort key (with `_id` after it in the same direction). */
  by: string;
  dir: 1 | -1;
  page: PageRequest;
  projection?: Doc | undefined;
  /** The index to use, when the planner might prefer another one that serves the filter but not the sort. */
  hint?: Doc | undefined;
  map: (doc: Doc) => T;
  /** Name of the query field the cursor came in, for the 400. */
  cursorField?: string | undefined;
}

/** One page of `collection` by (by, _id): one more than asked for tells whether there is a next page. */
export const findPage = async <T>(collection: mongo.Collection<Doc>, s: PageSpec<T>): Promise<Page<T>> => {
  const after = decodeCursor(Cursor, s.page.cursor, s.cursorField);
  const filter = after ? afterFilter(s.filter, s.by, s.dir, after) : s.filter;
  let q = collection.find(filter, s.projection ? { projection: s.projection } : {});
  if (s.hint) q = q.hint(s.hint);
  const docs = await q
    .sort({ [s.by]: s.dir, _id: s.dir })
    .limit(s.page.limit + 1)
    .toArray();
  const page = docs.slice(0, s.page.limit);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (docs.length > s.page.limit && last) {
    nextCursor = cursorAt(last[s.by] as string | number | Date, String(last._id));
  }
  return { items: page.map(s.map), nextCursor };
};
