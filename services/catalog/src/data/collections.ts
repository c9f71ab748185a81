import { ensureOutboxIndex, INTERNAL_FIELDS } from '@ftt/kit';
import type { Connection, mongo } from 'mongoose';

export type Collection = mongo.Collection<mongo.Document>;

export interface Collections {
  farms: Collection;
  listings: Collection;
  reservations: Collection;
  /** Listing photos, one document per photo and width, read by _id. */
  photos: Collection;
  /** Farms an operator approved (identity's application.decided), read by _id (the farm id). */
  farmApprovals: Collection;
  /** CSV imports made under an Idempotency-Key, read by _id (farm and key). */
  listingImports: Collection;
  /** The markets orders published (market.published), read by _id (the market's code). */
  markets: Collection;
}

export const collections = (conn: Connection): Collections => {
  const db = conn.db;
  if (!db) throw new Error('mongo connection is not open');
  return {
    farms: db.collection('farms'),
    listings: db.collection('listings'),
    reservations: db.collection('reservations'),
    photos: db.collection('listing_photos'),
    farmApprovals: db.collection('farm_approvals'),
    listingImports: db.collection('listing_imports'),
    markets: db.collection('markets'),
  };
};

/**
 * Indexes for the queries this service makes (test/data/query-plans.e2e.test.ts checks each query's
 * plan). Expiry is a sweeper, not a TTL index, because an expiry must emit an event; text search is an
 * unanchored $regex over the set the other filters select.
 */
export const ensureIndexes = async (c: Collections): Promise<void> => {
  // A person may own several farms now (memberships, issue #28): the old one-farm-per-farmer index goes.
  await c.farms.dropIndex('one_farm_per_farmer').catch(() => undefined);
  await Promise.all([
    c.farms.createIndex({ region: 1, name: 1, _id: 1 }),
    c.farms.createIndex({ name: 1, _id: 1 }),
    c.farms.createIndex({ listingsSynced: 1 }, { partialFilterExpression: { listingsSynced: false } }),
    ensureOutboxIndex(c.farms),
    c.listings.createIndex({ farmId: 1, status: 1 }),
    // a farm's whole catalog in pages (the CSV export and import)
    c.listings.createIndex({ farmId: 1, _id: 1 }),
    c.listings.createIndex({ status: 1, 'unitPrice.amount': 1, _id: 1 }),
    c.listings.createIndex({ status: 1, 'lot.harvestDate': -1, _id: -1 }),
    c.listings.createIndex({ status: 1, publishedAt: -1, _id: -1 }),
    c.listings.createIndex({ status: 1, category: 1, 'unitPrice.amount': 1 }),
    c.listings.createIndex({ status: 1, 'farm.region': 1, 'unitPrice.amount': 1 }),
    ensureOutboxIndex(c.listings),
    c.reservations.createIndex({ status: 1, expiresAt: 1 }),
    c.reservations.createIndex({ status: 1, claimUntil: 1 }),
    ensureOutboxIndex(c.reservations),
  ]);
};

/** Fields the outbox and de-duplication keep on aggregate documents (the kit's); never shown to clients. */
export { INTERNAL_FIELDS };

/** A stored document as an aggregate's state: _id becomes id; outbox and de-duplication fields stay behind. */
export const fromDocument = (doc: mongo.Document): mongo.Document & { id: string } => {
  const { _id, ...rest } = doc;
  for (const k of Object.keys(INTERNAL_FIELDS)) delete rest[k];
  return { id: String(_id), ...rest };
};

/** The fields of an aggregate's state a write stores: all but its id (the _id) and version (the store keeps it). */
export const toFields = (state: { id: string; version: number }): mongo.Document => {
  const { id: _id, version: _v, ...rest } = state;
  return rest;
};
