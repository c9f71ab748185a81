import type { ListingSnapshot } from '@ftt/contracts';
import { isDuplicateKey } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { ListingRecord } from '../domain/listing';
import type { ListingStore } from '../use-cases/ports';
import type { Collection } from './collections';

type Doc = mongo.Document;

const toRecord = (d: Doc): ListingRecord => ({
  listingId: String(d._id),
  version: Number(d.version),
  archived: Boolean(d.archived),
  snapshot: (d.snapshot ?? undefined) as ListingSnapshot | undefined,
});

/** How long a listing read for an order is reused (see ListingRepo.cache), and how many are kept at most. */
const CACHE_MS = 1000;
const CACHE_MAX = 20_000;

/**
 * orders' read model of catalog listings. Writes are conditional on the version, so redelivered or
 * out-of-order events can never roll a listing back: they are inherently idempotent.
 */
export class ListingRepo implements ListingStore {
  /**
   * Listings read in the last CACHE_MS, for placing and quoting orders: every order reads its listings, and most orders
   * name the same few. A write by this process drops the entry at once; another instance's write (it consumes other
   * partitions) is seen within CACHE_MS, no later than the read model itself can be behind catalog.
   */
  private readonly cache = new Map<string, { record: ListingRecord; at: number }>();
  /**
   * Bumped when a write of a listing begins and when it ends: a read that overlapped the write must not cache what it
   * read. Cleared with the cache when it grows past CACHE_MAX, and `generation` tells reads in flight that it was.
   */
  private readonly writes = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly collection: Collection,
    private readonly cacheMs = CACHE_MS,
  ) {}

  async upsertSnapshot(s: ListingSnapshot): Promise<'applied' | 'stale'> {
    return this.conditional(s.listingId, s.version, { snapshot: s, archived: false });
  }

  async markArchived(listingId: string, version: number): Promise<'applied' | 'stale'> {
    return this.conditional(listingId, version, { archived: true });
  }

  private async conditional(listingId: string, version: number, set: Doc): Promise<'applied' | 'stale'> {
    this.forget(listingId);
    try {
      // Matches only an older version; when none matches, the upsert inserts -- and collides on _id
      // if a newer version is stored, which is exactly the "stale" case.
      const r = await this.collection.updateOne(
        { _id: listingId, version: { $lt: version } } as Doc,
        { $set: { ...set, version, updatedAt: new Date().toISOString() } },
        { upsert: true },
      );
      return r.modifiedCount + r.upsertedCount > 0 ? 'applied' : 'stale';
    } catch (err) {
      if (isDuplicateKey(err)) return 'stale';
      throw err;
    } finally {
      this.forget(listingId);
    }
  }

  private forget(listingId: string): void {
    this.cache.delete(listingId);
    this.writes.set(listingId, (this.writes.get(listingId) ?? 0) + 1);
    if (this.writes.size > CACHE_MAX) {
      this.writes.clear();
      this.cache.clear();
      this.generation++;
    }
  }

  async getMany(listingIds: string[]): Promise<Map<string, ListingRecord>> {
    const now = Date.now();
    const found = new Map<string, ListingRecord>();
    const missing: string[] = [];
    for (const id of new Set(listingIds)) {
      const hit = this.cache.get(id);
      if (hit && now - hit.at < this.cacheMs) found.set(id, hit.record);
      else missing.push(id);
    }
    if (!missing.length) return found;
    const before = missing.map((id) => this.writes.get(id) ?? 0);
    const generation = this.generation;
    const docs = await this.collection.find({ _id: { $in: missing } } as Doc).toArray();
    const read = new Map(docs.map((d) => [String(d._id), toRecord(d)]));
    if (this.cache.size > CACHE_MAX) this.cache.clear();
    missing.forEach((id, i) => {
      const record = read.get(id);
      if (!record) return; // not known (yet): never remembered, so a listing published meanwhile is found at once
      found.set(id, record);
      if (generation === this.generation && (this.writes.get(id) ?? 0) === before[i]) this.cache.set(id, { record, at: now });
    });
    return found;
  }

  async farm(
    farmId: string,
  ): Promise<{ farmerId: string; farmName: string; region: string; payoutAccountId?: string | undefined } | undefined> {
    const docs = await this.collection.find({ 'snapshot.farmId': farmId } as Doc).sort({ updatedAt: -1 }).limit(20).toArray();
    const snaps = docs.map((d) => d.snapshot as ListingSnapshot).filter(Boolean);
    if (!snaps.length) return undefined;
    const latest = snaps[0]!;
    return { farmerId: latest.farmerId, farmName: latest.farmName, region: latest.region, payoutAccountId: snaps.find((s) => s.payoutAccountId)?.payoutAccountId };
  }
}
