import { isDuplicateKey } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { LotRecord } from '../domain/trace/lot';
import type { LotStore } from '../use-cases/ports';

type Doc = mongo.Document;

const toLot = (doc: Doc): LotRecord => {
  const { _id: _a, listingVersion: _b, ...lot } = doc;
  return lot as LotRecord;
};

/** Lots keyed by lot code, kept by conditional upserts from catalog's listing snapshots. */
export class LotRepo implements LotStore {
  constructor(private readonly collection: mongo.Collection<Doc>) {}

  async record(lot: LotRecord, listingVersion: number): Promise<'written' | 'stale'> {
    const { firstListedAt, ...fields } = lot;
    try {
      // Conditional upsert: a newer snapshot of the same listing (or another listing of this lot) wins;
      // an older or repeated one matches nothing, the upsert then hits the existing _id and is dropped.
      const r = await this.collection.updateOne(
        {
          _id: lot.lotCode,
          $or: [{ listingId: { $ne: lot.listingId } }, { listingVersion: { $lt: listingVersion } }],
        } as Doc,
        { $set: { ...fields, listingVersion }, $setOnInsert: { firstListedAt } },
        { upsert: true },
      );
      return r.modifiedCount + r.upsertedCount > 0 ? 'written' : 'stale';
    } catch (err) {
      if (isDuplicateKey(err)) return 'stale';
      throw err;
    }
  }

  async get(lotCode: string) {
    const doc = await this.collection.findOne({ _id: lotCode } as Doc);
    return doc ? toLot(doc) : null;
  }

  async many(lotCodes: string[]) {
    const docs = await this.collection.find({ _id: { $in: lotCodes } } as Doc).toArray();
    return new Map(docs.map((d) => [String(d._id), toLot(d)]));
  }
}
