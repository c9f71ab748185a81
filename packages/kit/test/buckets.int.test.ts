import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AggregateStore, backfillPageKeys, BUCKET_FIELD, bucketKey, connectMongo, cursorAt, findBucketPage, PageDirectory } from '../src/index';
import { testEnv } from '../src/testing';

type Doc = mongo.Document;
const t = testEnv('buckets');
let conn: Awaited<ReturnType<typeof connectMongo>>;
let db: mongo.Db;

beforeAll(async () => {
  conn = await connectMongo(t.mongoUrl);
  db = conn.db!;
});
afterAll(async () => {
  await db.dropDatabase().catch(() => undefined);
  await conn.close();
});

const fresh = async () => {
  const name = `items_${randomUUID().slice(0, 8)}`;
  const collection = db.collection(name);
  await collection.createIndex({ [BUCKET_FIELD]: 1, at: -1, _id: -1 });
  const directory = await PageDirectory.open(db, `${name}_buckets`);
  return { collection, directory };
};

const pageAll = async (c: mongo.Collection<Doc>, directory: PageDirectory, list: string, limit: number, during: () => Promise<unknown>) => {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const p = await findBucketPage(c, { directory, list, by: 'at', page: { limit, cursor }, map: (d) => String(d._id) });
    expect(p.items.length).toBeLessThanOrEqual(limit);
    seen.push(...p.items);
    await during();
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return seen;
};

describe('day-bucketed pages (kit: buckets.ts)', () => {
  it('when an owner has 300 items on days spread over two years (most days empty, ties in a millisecond) and pages 7 at a time while items arrive, then each is seen exactly once, newest first, as a sort of the whole collection would give', async () => {
    const { collection, directory } = await fresh();
    const store = new AggregateStore(collection, { directory });
    const day = 86_400_000;
    const base = Date.parse('2026-06-30T12:00:00.000Z');
    const items: Doc[] = [];
    for (let i = 0; i < 300; i++) {
      // Every 7th day back, over New Year: 4 ticks a day, ties of up to 3 in one millisecond.
      const tick = Math.floor(i / 3);
      const at = new Date(base - Math.floor(tick / 4) * 7 * day - (tick % 4) * 3_600_000).toISOString();
      items.push({ _id: randomUUID(), owner: 'o1', at });
    }
    // Another owner's items share the days and stay out.
    for (const d of items.slice(0, 50)) items.push({ _id: randomUUID(), owner: 'o2', at: d.at });
    for (const d of items) await store.insert(String(d._id), { owner: d.owner, at: d.at, [BUCKET_FIELD]: [bucketKey(`own:${d.owner}`, d.at as string)] });
    const mine = items.filter((d) => d.owner === 'o1');
    const arrived: string[] = [];
    const seen = await pageAll(collection, directory, 'own:o1', 7, async () => {
      if (arrived.length >= 30) return;
      // One now (before every cursor), one far back (after every cursor so far): neither moves a page still to come.
      for (const at of [new Date().toISOString(), '2023-01-01T00:00:00.000Z']) {
        const id = randomUUID();
        arrived.push(id);
        await store.insert(id, { owner: 'o1', at, [BUCKET_FIELD]: [bucketKey('own:o1', at)] });
      }
    });
    expect(seen.length - new Set(seen).size, 'duplicates').toBe(0);
    expect(mine.filter((d) => !seen.includes(String(d._id)))).toEqual([]);
    const all = await pageAll(collection, directory, 'own:o1', 100, async () => undefined);
    const sorted = await collection.find({ owner: 'o1' }).sort({ at: -1, _id: -1 }).project({ _id: 1 }).toArray();
    expect(all).toEqual(sorted.map((d) => String(d._id)));
    expect(all).toHaveLength(300 + arrived.length);
  });

  it('when a cursor points into the middle of a day of ties, or past every item, or before every item, then the page starts right after it', async () => {
    const { collection, directory } = await fresh();
    const store = new AggregateStore(collection, { directory });
    const at = '2026-03-03T03:03:03.003Z';
    const ids = Array.from({ length: 12 }, (_, i) => `id-${String(i).padStart(2, '0')}`);
    for (const id of ids) await store.insert(id, { at, [BUCKET_FIELD]: [bucketKey('l', at)] });
    const page = (cursor: string | undefined, limit = 5) =>
      findBucketPage(collection, { directory, list: 'l', by: 'at', page: { limit, cursor }, map: (d) => String(d._id) });
    // Newest first with ties by id descending: id-11 ... id-00.
    expect((await page(cursorAt(at, 'id-07'))).items).toEqual(['id-06', 'id-05', 'id-04', 'id-03', 'id-02']);
    expect((await page(cursorAt(at, 'id-02'), 5)).items).toEqual(['id-01', 'id-00']);
    expect((await page(cursorAt(at, 'id-02'), 5)).nextCursor).toBeNull();
    expect((await page(cursorAt('2999-01-01T00:00:00.000Z', '~'), 100)).items).toEqual([...ids].reverse());
    expect((await page(cursorAt('2000-01-01T00:00:00.000Z', '~'))).items).toEqual([]);
    expect((await page(undefined, 12)).nextCursor).toBeNull();
    expect((await page(undefined, 11)).nextCursor).toEqual(cursorAt(at, 'id-01'));
  });

  it('when a write fails after its day was listed, then the directory keeps an empty day that pages skip; a day is listed before the document that needs it', async () => {
    const { collection, directory } = await fresh();
    const store = new AggregateStore(collection, { directory });
    await store.insert('a', { at: '2026-01-02T00:00:00.000Z', [BUCKET_FIELD]: [bucketKey('l', '2026-01-02T00:00:00.000Z')] });
    // A duplicate insert on another day: refused, yet its day was listed first.
    expect(await store.insert('a', { at: '2026-01-05T00:00:00.000Z', [BUCKET_FIELD]: [bucketKey('l', '2026-01-05T00:00:00.000Z')] })).toBe('duplicate');
    expect((await directory.collection.findOne({ _id: 'l|2026' } as Doc))?.days).toEqual(['2026-01-02', '2026-01-05']);
    const p = await findBucketPage(collection, { directory, list: 'l', by: 'at', page: { limit: 5 }, map: (d) => String(d._id) });
    expect(p).toEqual({ items: ['a'], nextCursor: null });
    // An update that moves a document into another list lists that day before it writes.
    expect(await store.update('a', 1, { at: '2026-01-02T00:00:00.000Z', [BUCKET_FIELD]: [bucketKey('m', '2026-01-02T00:00:00.000Z')] })).toBe('written');
    expect((await directory.collection.findOne({ _id: 'm|2026' } as Doc))?.days).toEqual(['2026-01-02']);
  });

  it('when documents were stored before their list was bucketed, then the backfill gives each its keys and lists their days, once', async () => {
    const { collection, directory } = await fresh();
    await collection.insertMany(
      Array.from({ length: 40 }, (_, i) => ({ _id: `d${i}` as never, owner: i % 2 ? 'x' : 'y', at: new Date(Date.parse('2025-12-20T00:00:00.000Z') + i * 86_400_000).toISOString(), version: 1 })),
    );
    const o = { version: 1, projection: { owner: 1, at: 1 }, keysOf: (d: Doc) => [bucketKey(`own:${d.owner}`, d.at as string)] };
    expect(await backfillPageKeys(collection, directory, o)).toBe(40);
    expect(await backfillPageKeys(collection, directory, o)).toBe(0);
    const p = await findBucketPage(collection, { directory, list: 'own:x', by: 'at', page: { limit: 100 }, map: (d) => String(d._id) });
    expect(p.items).toEqual(Array.from({ length: 20 }, (_, i) => `d${39 - 2 * i}`));
    // Over two years: both of the directory's year documents.
    expect((await directory.collection.find({ k: 'own:x' }).toArray()).map((d) => d.y).sort()).toEqual([2025, 2026]);
  });
});
