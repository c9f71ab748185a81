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

/**
 * orders' read model of catalog listings. Writes are conditional on the version, so redelivered or
 * out-of-order events can never roll a listing back: they are inherently idempotent.
 */
export class ListingRepo implements ListingStore {
  constructor(private readonly collection: Collection) {}

  async upsertSnapshot(s: ListingSnapshot): Promise<'applied' | 'stale'> {
    return this.conditional(s.listingId, s.version, { snapshot: s, archived: false });
  }

  async markArchived(listingId: string, version: number): Promise<'applied' | 'stale'> {
    return this.conditional(listingId, version, { archived: true });
  }

  private async conditional(listingId: string, version: number, set: Doc): Promise<'applied' | 'stale'> {
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
    }
  }

  async getMany(listingIds: string[]): Promise<Map<string, ListingRecord>> {
    const docs = await this.collection.find({ _id: { $in: listingIds } } as Doc).toArray();
    return new Map(docs.map((d) => [String(d._id), toRecord(d)]));
  }

  async farm(farmId: string): Promise<{ farmerId: string; payoutAccountId?: string | undefined } | undefined> {
    const docs = await this.collection.find({ 'snapshot.farmId': farmId } as Doc).sort({ updatedAt: -1 }).limit(20).toArray();
    const snaps = docs.map((d) => d.snapshot as ListingSnapshot).filter(Boolean);
    if (!snaps.length) return undefined;
    return { farmerId: snaps[0]!.farmerId, payoutAccountId: snaps.find((s) => s.payoutAccountId)?.payoutAccountId };
  }
}
