import type { Connection, mongo } from 'mongoose';

export type Collection = mongo.Collection<mongo.Document>;

export interface Collections {
  farms: Collection;
  listings: Collection;
  reservations: Collection;
}

export const collections = (conn: Connection): Collections => {
  const db = conn.db;
  if (!db) throw new Error('mongo connection is not open');
  return { farms: db.collection('farms'), listings: db.collection('listings'), reservations: db.collection('reservations') };
};

/**
 * Indexes for the queries this service makes. FerretDB has no TTL, partial or text indexes, so
 * expiry is a sweeper and text search is an anchored-free $regex over the filtered set.
 */
export const ensureIndexes = async (c: Collections): Promise<void> => {
  await Promise.all([
    c.farms.createIndex({ farmerId: 1 }, { unique: true, name: 'one_farm_per_farmer' }),
    c.farms.createIndex({ region: 1 }),
    c.farms.createIndex({ outboxPending: 1 }),
    c.listings.createIndex({ farmId: 1, status: 1 }),
    c.listings.createIndex({ status: 1, 'unitPrice.amount': 1, _id: 1 }),
    c.listings.createIndex({ status: 1, 'lot.harvestDate': -1, _id: -1 }),
    c.listings.createIndex({ status: 1, publishedAt: -1, _id: -1 }),
    c.listings.createIndex({ status: 1, category: 1, 'unitPrice.amount': 1 }),
    c.listings.createIndex({ status: 1, 'farm.region': 1, 'unitPrice.amount': 1 }),
    c.listings.createIndex({ outboxPending: 1 }),
    c.reservations.createIndex({ status: 1, expiresAt: 1 }),
    c.reservations.createIndex({ status: 1, claimUntil: 1 }),
    c.reservations.createIndex({ outboxPending: 1 }),
  ]);
};

/** Fields the outbox and de-duplication keep on aggregate documents; never shown to clients. */
export const INTERNAL_FIELDS = {
  outbox: 0,
  outboxPending: 0,
  outboxLeaseUntil: 0,
  outboxAttempts: 0,
  processedEventIds: 0,
} as const;
