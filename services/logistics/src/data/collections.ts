import { BUCKET_FIELD, ensureOutboxIndex, openNativeCollections } from '@ftt/kit';
import type { Connection } from 'mongoose';

/** Native collections of this service's database, with the indexes the queries need (test/data/query-plans.e2e.test.ts checks the plans). */
export const openCollections = (db: Connection) =>
  openNativeCollections(db, { shipments: 'shipments', lots: 'lots', orders: 'order_facts', runs: 'runs', pageBuckets: 'page_buckets' }, (c) => [
    c.shipments.createIndex({ trackingCode: 1 }, { unique: true }),
    c.shipments.createIndex({ orderId: 1 }),
    // A partner's lists page by (createdAt, _id) in day buckets (shipment-pages.ts): an equality on one day's key reads
    // that day, whatever the partner's history (SecantusDB reads every document of an index's equality prefix).
    c.shipments.createIndex({ [BUCKET_FIELD]: 1, createdAt: -1, _id: -1 }),
    // A partner's shipments in a status a shipment passes through (those in flight); the admin's partner figures.
    c.shipments.createIndex({ partnerId: 1, status: 1, createdAt: -1, _id: -1 }),
    // The directory of those buckets (kit: buckets.ts).
    c.pageBuckets.createIndex({ k: 1, y: -1 }),
    c.shipments.createIndex({ status: 1, region: 1 }),
    c.shipments.createIndex({ lotCodes: 1 }),
    // Runs (issue #18): the open boxes of a delivery day and region, and the runs of a day or a partner.
    c.shipments.createIndex({ deliveryDate: 1, 'drop.region': 1, status: 1 }),
    // A farm's boxes of a delivery day: their labels (issue #33).
    c.shipments.createIndex({ farmId: 1, deliveryDate: 1, createdAt: 1 }),
    c.runs.createIndex({ region: 1, day: 1 }),
    c.runs.createIndex({ partnerId: 1, day: -1, _id: -1 }),
    ensureOutboxIndex(c.shipments),
    ensureOutboxIndex(c.orders),
  ]);

export type Collections = Awaited<ReturnType<typeof openCollections>>;
