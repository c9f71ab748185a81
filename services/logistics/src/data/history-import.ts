import { BUCKET_FIELD, PageDirectory } from '@ftt/kit';
import type { mongo } from 'mongoose';
import { shipmentPageKeys } from './shipment-pages';

type Doc = mongo.Document;

/**
 * For shipments stored in bulk rather than through the service (the history benchmark's seed, tests that need
 * hundreds fast): each document gets the bucket keys the service would have written with it (from its own partner,
 * status and createdAt), and their days go into the directory. Call before inserting the documents; they are
 * changed in place.
 */
export const prepareShipmentImport = async (db: mongo.Db, docs: Doc[]): Promise<void> => {
  const keys: string[] = [];
  for (const doc of docs) {
    const k = shipmentPageKeys(doc as { partnerId?: string | null; status: string; createdAt: string });
    doc[BUCKET_FIELD] = k;
    keys.push(...k);
  }
  await new PageDirectory(db.collection('page_buckets')).ensure(keys);
};
