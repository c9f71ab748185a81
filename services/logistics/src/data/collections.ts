import { ensureOutboxIndex } from '@ftt/kit';
import type { Connection, mongo } from 'mongoose';

export interface Collections {
  shipments: mongo.Collection<mongo.Document>;
  lots: mongo.Collection<mongo.Document>;
  orders: mongo.Collection<mongo.Document>;
}

/** Native collections of this service's database, with the indexes the queries need (test/data/query-plans.e2e.test.ts checks the plans). */
export const openCollections = async (db: Connection): Promise<Collections> => {
  if (!db.db) throw new Error('database connection is not open');
  const c: Collections = {
    shipments: db.db.collection('shipments'),
    lots: db.db.collection('lots'),
    orders: db.db.collection('order_facts'),
  };
  await Promise.all([
    c.shipments.createIndex({ trackingCode: 1 }, { unique: true }),
    c.shipments.createIndex({ orderId: 1 }),
    c.shipments.createIndex({ partnerId: 1, updatedAt: -1 }),
    c.shipments.createIndex({ status: 1, region: 1 }),
    c.shipments.createIndex({ lotCodes: 1 }),
    ensureOutboxIndex(c.shipments),
    ensureOutboxIndex(c.orders),
  ]);
  return c;
};
