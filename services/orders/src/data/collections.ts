import { BUCKET_FIELD, ensureOutboxIndex, PageDirectory } from '@ftt/kit';
import type { Connection, mongo } from 'mongoose';

export type Collection = mongo.Collection<mongo.Document>;

export interface Collections {
  orders: Collection;
  listings: Collection;
  idempotency: Collection;
  /** The published delivery offer, one document per region (keyed and read by _id). */
  offers: Collection;
  /** The published markets, one document per market code (keyed and read by _id; their outbox publishes market.published). */
  markets: Collection;
  /** The directory of the orders' day-bucketed lists (order-pages.ts): which days of each list hold orders. */
  pageBuckets: PageDirectory;
  /** The farms' running payout totals (farm-money-repo.ts), per farm, currency and shard. */
  farmMoney: Collection;
}

/**
 * The service's own database. Each index serves one query of the repositories below
 * (test/data/query-plans.e2e.test.ts checks the plans).
 */
export const openCollections = async (db: Connection): Promise<Collections> => {
  const c: Collections = {
    orders: db.collection('orders') as unknown as Collection,
    listings: db.collection('listings') as unknown as Collection,
    idempotency: db.collection('idempotency_keys') as unknown as Collection,
    offers: db.collection('delivery_offers') as unknown as Collection,
    markets: db.collection('markets') as unknown as Collection,
    pageBuckets: await PageDirectory.open(db as unknown as mongo.Db),
    farmMoney: db.collection('farm_money') as unknown as Collection,
  };
  // The paged lists sort by (placedAt, _id), unique, so pages neither skip nor repeat orders of one millisecond.
  await c.orders.createIndex({ buyerId: 1, placedAt: -1, _id: -1 });
  // A farm's lists (its orders, its orders in an end state, its payouts) by day bucket: an equality on one day's key
  // reads that day, whatever the farm's history (SecantusDB reads every document of an index's equality prefix).
  await c.orders.createIndex({ [BUCKET_FIELD]: 1, placedAt: -1, _id: -1 });
  // The back office's search by farm (every state).
  await c.orders.createIndex({ farmIds: 1, placedAt: -1, _id: -1 });
  // The back office's search by the buyer's name: a prefix range on the name's keys (domain/buyer-name.ts).
  await c.orders.createIndex({ buyerNameKeys: 1, placedAt: -1, _id: -1 });
  // A farm's orders in a state every order passes through (pending, awaiting_payment, confirmed): those in flight.
  await c.orders.createIndex({ farmIds: 1, state: 1, placedAt: -1, _id: -1 });
  await c.orders.createIndex({ farmIds: 1, 'delivery.day': 1, placedAt: -1, _id: -1 });
  // What farms still have to pack: the orders in flight by state (the back office pages on it too).
  await c.orders.createIndex({ state: 1, placedAt: -1, _id: -1 });
  await c.orders.createIndex({ state: 1, expiresAt: 1 });
  await c.orders.createIndex({ followUpAt: 1 });
  // The days an order moved money (domain/reports/money-days.ts): a farm's report of a period, a day's reconciliation.
  await c.orders.createIndex({ moneyDays: 1 });
  await ensureOutboxIndex(c.orders);
  await ensureOutboxIndex(c.markets);
  await c.listings.createIndex({ 'snapshot.farmId': 1 });
  await c.farmMoney.createIndex({ farmId: 1 });
  // Key records of the code before the key named the order: whether any is recent is asked once per process.
  await c.idempotency.createIndex({ createdAt: 1 });
  return c;
};
