import type { mongo } from 'mongoose';
import { cursorAt, cursorValue, decodeCursor, PageCursor, type Page, type PageRequest } from './page';

type Doc = mongo.Document;

/**
 * History-flat paging: day buckets (issue #27).
 *
 * Why: SecantusDB does not push a limit down into an index scan. A page of `{ farmIds: f }` sorted by
 * `(placedAt, _id)` reads every document of the farm (the index's equality prefix), sorts them and only then keeps
 * 26, so a farm's page costs its whole history (0.4 s at 15,000 orders), however tight the cursor's range on the
 * time field. An equality on a key whose documents do not grow with history costs the same at any age. So every
 * list whose owner's history grows without end is served through buckets:
 *
 * - **The bucket field.** Each document carries `pageKeys`: one key `<list>|<UTC day of its sort time>` per list it
 *   belongs to (`f:<farmId>|2026-12-07`), computed from the state and written in the same single-document write as
 *   the state (the AggregateStore writes whatever the repository's document holds). The collection has one index
 *   `{ pageKeys: 1, <time>: -1, _id: -1 }`; a page reads whole buckets by equality (or `$in` of a few).
 * - **The directory.** Which days of a list are non-empty: one small document per list and year
 *   (`{ _id: '<list>|2026', k: '<list>', y: 2026, days: ['2026-12-06', '2026-12-07'] }`) in the service's
 *   `page_buckets` collection. A writer adds its keys' days there (idempotently, `$addToSet`) **before** it writes
 *   the document, so a reader never misses a bucket; a write that then fails leaves an extra day, which costs a
 *   reader one empty index look-up and nothing else. A key that stops applying (a state left) leaves its day behind
 *   too, so lists are keyed on facts that do not come back often: the services key a list by an end state, never by
 *   a state that every document passes through (those lists stay on their `{ owner, state, time, _id }` index,
 *   whose documents are the ones in flight, not the history).
 * - **The page.** Newest first: the directory's days at or before the cursor's day, read in batches that double
 *   (1, 2, 4, ... days; `$in` of their keys, which this server serves per key) until the page (+1) is full. The
 *   cursor is the usual `(time, _id)`: the bucket of the cursor's own day is read with `<time> <= v` (a plain range
 *   this server serves within the bucket) and the ties at `v` are cut in code, because the `$or` form of the
 *   tie-break takes a slow path on this server (47 ms against 4 ms on one bucket). Items that arrive while a client
 *   pages sort before its cursor, as with `findPage`, so every item is seen exactly once.
 *
 * **Bucket size: one UTC day.** A busy farm sells 100 to 500 orders a day, so its bucket is at most about 500
 * documents (a 216-document bucket reads in 4 to 6 ms here), and a 25-item page is one or two buckets. A partner
 * delivers tens a day. Hours would split a busy owner's page over many reads; weeks would make a busy farm's bucket
 * 3,500 documents (about 0.1 s). Quiet owners' empty days cost nothing: the directory lists only non-empty ones, and
 * grows by at most 366 short strings per list and year.
 */
export const BUCKET_FIELD = 'pageKeys';

/** The UTC day (YYYY-MM-DD) a sort value falls on: the bucket of a document whose time it is. */
export const bucketDay = (at: string | number | Date): string => {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}T.*Z$/.test(at)) return at.slice(0, 10);
  return new Date(at).toISOString().slice(0, 10);
};

/** The key of one list's bucket: `<list>|<day>` (a list names itself and its owner, e.g. `f:<farmId>`). */
export const bucketKey = (list: string, at: string | number | Date): string => `${list}|${bucketDay(at)}`;

const splitKey = (key: string) => {
  const bar = key.lastIndexOf('|');
  return { list: key.slice(0, bar), day: key.slice(bar + 1) };
};

/**
 * Writers remember the days they have recorded, so a write whose days are known needs no directory round trip (a day
 * is never taken out): up to this many, and for at most this long (should a store be replaced under a running
 * process, its days are recorded again within that time).
 */
const KNOWN_MAX = 100_000;
const KNOWN_MS = 10 * 60_000;

/** The directory of a service's bucketed lists: which days of each list hold documents. */
export class PageDirectory {
  private readonly known = new Set<string>();
  private knownSince = Date.now();

  constructor(readonly collection: mongo.Collection<Doc>) {}

  /** The service's `page_buckets` collection, with its index (one list's years). */
  static async open(db: mongo.Db | { collection: (name: string) => unknown }, name = 'page_buckets'): Promise<PageDirectory> {
    const collection = (db as mongo.Db).collection(name) as mongo.Collection<Doc>;
    await collection.createIndex({ k: 1, y: -1 });
    return new PageDirectory(collection);
  }

  /**
   * Records the days of these bucket keys (`<list>|<day>`). Call before writing the documents that carry them: the
   * directory may list a day with nothing in it, never miss one. Idempotent; one round trip for any number of keys.
   */
  async ensure(keys: Iterable<string>): Promise<void> {
    if (Date.now() - this.knownSince > KNOWN_MS) {
      this.known.clear();
      this.knownSince = Date.now();
    }
    const byDoc = new Map<string, { list: string; year: number; days: Set<string> }>();
    const fresh: string[] = [];
    for (const key of keys) {
      if (this.known.has(key)) continue;
      fresh.push(key);
      const { list, day } = splitKey(key);
      const id = `${list}|${day.slice(0, 4)}`;
      let d = byDoc.get(id);
      if (!d) byDoc.set(id, (d = { list, year: Number(day.slice(0, 4)), days: new Set() }));
      d.days.add(day);
    }
    if (!byDoc.size) return;
    const ops = [...byDoc].map(([id, d]) => ({
      updateOne: {
        filter: { _id: id } as Doc,
        update: { $addToSet: { days: { $each: [...d.days] } }, $setOnInsert: { k: d.list, y: d.year } },
        upsert: true,
      },
    }));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.collection.bulkWrite(ops, { ordered: false });
        break;
      } catch (err) {
        // Two writers upserting the same new year at once: one insert loses on the _id; the repeat updates it.
        if (attempt < 3 && (err as { code?: number }).code === 11000) continue;
        throw err;
      }
    }
    if (this.known.size + fresh.length > KNOWN_MAX) this.known.clear();
    for (const key of fresh) this.known.add(key);
  }

  /** The list's non-empty days, newest first, from `fromDay` (inclusive) back; read a year at a time. */
  async *daysBack(list: string, fromDay?: string): AsyncGenerator<string> {
    let year = fromDay ? Number(fromDay.slice(0, 4)) : undefined;
    for (;;) {
      const docs = await this.collection
        .find({ k: list, ...(year === undefined ? {} : { y: { $lte: year } }) }, { projection: { y: 1, days: 1 } })
        .sort({ y: -1 })
        .limit(2)
        .toArray();
      if (!docs.length) return;
      for (const d of docs) {
        const days = ((d.days ?? []) as string[]).filter((x) => !fromDay || x <= fromDay).sort().reverse();
        yield* days;
      }
      year = Number(docs.at(-1)!.y) - 1;
      if (docs.length < 2) return;
    }
  }
}

/** The days of a generator in batches whose size the caller picks as it goes. */
class Batches {
  private done = false;

  constructor(private readonly it: AsyncGenerator<string>) {}

  async next(n: number): Promise<string[]> {
    const out: string[] = [];
    while (!this.done && out.length < n) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else out.push(r.value);
    }
    return out;
  }
}

/** Sorts like the server does for the values of one list's time field (all strings, numbers or dates). */
const compare = (a: unknown, b: unknown): number => {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  return (x as string | number) < (y as string | number) ? -1 : (x as string | number) > (y as string | number) ? 1 : 0;
};

/** Days read per query at most: the batches double up to this (a list of rare items needs no more round trips). */
const MAX_DAYS_PER_READ = 32;

export interface BucketPageSpec<T> {
  directory: PageDirectory;
  /** The list (and its owner): the prefix of its bucket keys, e.g. `f:<farmId>`. */
  list: string;
  /** The time field of the sort key (with `_id` after it); its UTC day is the bucket. Newest first. */
  by: string;
  page: PageRequest;
  projection?: Doc | undefined;
  map: (doc: Doc) => T;
  /** Name of the query field the cursor came in, for the 400. */
  cursorField?: string | undefined;
}

/**
 * One page of a bucketed list, newest first by (by, _id): the same `{ items, nextCursor }` and cursor as `findPage`,
 * at a cost that follows the page and the owner's activity per day, not the owner's history.
 */
export const findBucketPage = async <T>(collection: mongo.Collection<Doc>, s: BucketPageSpec<T>): Promise<Page<T>> => {
  const after = decodeCursor(PageCursor, s.page.cursor, s.cursorField);
  const v = after ? cursorValue(after) : undefined;
  const fromDay = v === undefined ? undefined : bucketDay(v);
  const want = s.page.limit + 1;
  const out: Doc[] = [];
  const days = new Batches(s.directory.daysBack(s.list, fromDay));
  // Only what comes after the cursor: older, or as old with a smaller id.
  const isAfter = (d: Doc) => {
    const c = compare(d[s.by], v);
    return c < 0 || (c === 0 && String(d._id) < after!.id);
  };
  const sort = { [s.by]: -1, _id: -1 } as const;
  for (let take = 1; out.length < want; take = Math.min(take * 2, MAX_DAYS_PER_READ)) {
    const batch = await days.next(take);
    if (!batch.length) break;
    const keys = batch.map((d) => `${s.list}|${d}`);
    const filter: Doc = { [BUCKET_FIELD]: keys.length === 1 ? keys[0] : { $in: keys } };
    // The cursor's own day is the newest of the first batch: a range within it, the ties at v cut below.
    const cut = after !== undefined && batch[0] === fromDay;
    if (cut) filter[s.by] = { $lte: v };
    let limit = want - out.length + (cut ? 8 : 0);
    for (;;) {
      const docs = await collection
        .find(filter, s.projection ? { projection: s.projection } : {})
        .sort(sort)
        .limit(limit)
        .toArray();
      const kept = cut ? docs.filter(isAfter) : docs;
      // Fewer than asked: the batch is exhausted. Otherwise, unless ties at v took the places, enough.
      if (docs.length < limit || kept.length >= want - out.length) {
        out.push(...kept.slice(0, want - out.length));
        break;
      }
      limit *= 2;
    }
  }
  const page = out.slice(0, s.page.limit);
  const last = page.at(-1);
  const nextCursor = out.length > s.page.limit && last ? cursorAt(last[s.by] as string | number | Date, String(last._id)) : null;
  return { items: page.map(s.map), nextCursor };
};

/**
 * Gives every stored document of `collection` the bucket keys its state calls for (`keysOf`), recording their days
 * first: for documents written before their list was bucketed (or before `version` of its keys). Runs once per
 * collection and version (a marker in the directory's collection); a document a writer changes meanwhile keeps the
 * writer's keys (the backfill's write is conditional on the version it read). Returns how many it changed.
 */
export const backfillPageKeys = async (
  collection: mongo.Collection<Doc>,
  directory: PageDirectory,
  o: { version: number; projection: Doc; keysOf: (doc: Doc) => string[]; batch?: number },
): Promise<number> => {
  const marker = `~backfill|${collection.collectionName}|${o.version}`;
  if (await directory.collection.findOne({ _id: marker } as Doc, { projection: { _id: 1 } })) return 0;
  const batchSize = o.batch ?? 500;
  // One pass in _id order (the _id index: one query and its getMores, whatever the size).
  const cursor = collection.find({}, { projection: { ...o.projection, _id: 1, version: 1, [BUCKET_FIELD]: 1 }, batchSize }).sort({ _id: 1 });
  let changed = 0;
  let pending: Doc[] = [];
  const flush = async () => {
    const writes: { id: unknown; version: unknown; keys: string[] }[] = [];
    for (const doc of pending) {
      const keys = o.keysOf(doc);
      const had = (doc[BUCKET_FIELD] ?? null) as string[] | null;
      if (had && had.length === keys.length && had.every((k, i) => k === keys[i])) continue;
      writes.push({ id: doc._id, version: doc.version, keys });
    }
    pending = [];
    if (!writes.length) return;
    await directory.ensure(writes.flatMap((w) => w.keys));
    const r = await collection.bulkWrite(
      writes.map((w) => ({
        updateOne: { filter: { _id: w.id, ...(w.version === undefined ? {} : { version: w.version }) } as Doc, update: { $set: { [BUCKET_FIELD]: w.keys } } },
      })),
      { ordered: false },
    );
    changed += r.modifiedCount;
  };
  for await (const doc of cursor) {
    pending.push(doc);
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  await directory.collection.updateOne({ _id: marker } as Doc, { $set: { at: new Date(), changed } }, { upsert: true });
  return changed;
};
