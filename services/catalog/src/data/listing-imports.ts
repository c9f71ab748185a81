import { insertOnce } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { ListingImports } from '../use-cases/ports';

type Doc = mongo.Document;

/**
 * CSV imports made under an Idempotency-Key: one document per farm and key (the _id), written once when the import
 * is done, so a repeat answers what the first one did; every read is by _id.
 */
export const listingImports = (c: mongo.Collection<Doc>): ListingImports => ({
  get: async (id) => {
    const doc = await c.findOne({ _id: id as never });
    if (!doc) return null;
    return { id, farmId: String(doc.farmId), fileHash: String(doc.fileHash), at: String(doc.at), report: doc.report };
  },
  save: async ({ id, ...rest }) => {
    await insertOnce(c, { _id: id as never, ...rest });
  },
});
