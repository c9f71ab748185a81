import { decodeCursor, encodeCursor, findPage, INTERNAL_FIELDS } from '@ftt/kit';
import { nameKey } from '../domain/buyer-name';
import type { mongo } from 'mongoose';
import { z } from 'zod';
import type { Order } from '../domain/order';
import type { AdminOrderFilter, AdminOrderPage, OrderAdminStore, StuckQuery } from '../use-cases/ports-admin';
import type { Collection } from './collections';

type Doc = mongo.Document;

/** The operators' queries over orders; each one served by an index created here. */
export const ensureAdminIndexes = (orders: Collection) =>
  Promise.all([
    orders.createIndex({ placedAt: -1, _id: -1 }),
    orders.createIndex({ state: 1, placedAt: -1, _id: -1 }),
    orders.createIndex({ state: 1, updatedAt: 1, _id: 1 }),
    // Search by buyer or farm pages on (placedAt, _id): the buyer's and the farm's own lists (collections.ts).
  ]);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const ById = z.object({ id: z.string() });

const toOrder = (doc: Doc): Order => {
  const { _id, version: _v, ...rest } = doc;
  for (const k of ['expiresAt', 'payment', 'refund']) if (rest[k] === null) delete rest[k];
  return rest as Order;
};

export class OrderAdminRepo implements OrderAdminStore {
  constructor(private readonly col: Collection) {}

  async search(f: AdminOrderFilter): Promise<AdminOrderPage> {
    const filter: Doc = {};
    if (f.state) filter.state = f.state;
    if (f.buyerId) filter.buyerId = f.buyerId;
    if (f.farmId) filter.farmIds = f.farmId;
    if (f.buyerName) {
      const key = nameKey(f.buyerName);
      // one key within the prefix's range ($elemMatch: both bounds on the same key, not one key each)
      filter.buyerNameKeys = { $elemMatch: { $gte: key, $lt: `${key}\uffff` } };
    }
    if (f.orderIdPrefix) {
      // By id: an anchored prefix on _id is a range on the _id index; pages go in id order.
      filter._id = { $regex: `^${escapeRegex(f.orderIdPrefix)}` };
      const after = decodeCursor(ById, f.cursor);
      if (after) filter.$and = [{ _id: { $gt: after.id } }];
      const docs = await this.col.find(filter, { projection: INTERNAL_FIELDS }).sort({ _id: 1 }).limit(f.limit + 1).toArray();
      const items = docs.slice(0, f.limit).map(toOrder);
      const last = items.at(-1);
      return { items, nextCursor: docs.length > f.limit && last ? encodeCursor({ id: last.orderId }) : null };
    }
    return findPage(this.col, { filter, by: 'placedAt', dir: -1, page: f, projection: INTERNAL_FIELDS, map: toOrder });
  }

  stuck(q: StuckQuery): Promise<AdminOrderPage> {
    const filter: Doc = { state: { $in: [...q.states] }, updatedAt: { $lt: q.before } };
    return findPage(this.col, { filter, by: 'updatedAt', dir: 1, page: q, projection: INTERNAL_FIELDS, map: toOrder });
  }
}
