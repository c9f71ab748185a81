import { decodeCursor, encodeCursor, INTERNAL_FIELDS } from '@ftt/kit';
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
    // Search by buyer or farm pages on (placedAt, _id): with the equality first, no other order is read.
    orders.createIndex({ buyerId: 1, placedAt: -1, _id: -1 }),
    orders.createIndex({ farmIds: 1, placedAt: -1, _id: -1 }),
  ]);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const ByTime = z.object({ t: z.string(), id: z.string() });
const ById = z.object({ id: z.string() });

const toOrder = (doc: Doc): Order => {
  const { _id, version: _v, ...rest } = doc;
  for (const k of ['expiresAt', 'payment', 'refund']) if (rest[k] === null) delete rest[k];
  return rest as Order;
};

/** Keyset paging: one more than asked for tells whether there is a next page. */
const page = (docs: Doc[], limit: number, cursorOf: (o: Order) => Record<string, string>): AdminOrderPage => {
  const orders = docs.slice(0, limit).map(toOrder);
  const last = orders.at(-1);
  return { orders, next: docs.length > limit && last ? encodeCursor(cursorOf(last)) : null };
};

export class OrderAdminRepo implements OrderAdminStore {
  constructor(private readonly col: Collection) {}

  async search(f: AdminOrderFilter): Promise<AdminOrderPage> {
    const filter: Doc = {};
    if (f.state) filter.state = f.state;
    if (f.buyerId) filter.buyerId = f.buyerId;
    if (f.farmId) filter.farmIds = f.farmId;
    if (f.orderIdPrefix) {
      // By id: an anchored prefix on _id is a range on the _id index; pages go in id order.
      filter._id = { $regex: `^${escapeRegex(f.orderIdPrefix)}` };
      const after = decodeCursor(ById, f.after);
      if (after) filter.$and = [{ _id: { $gt: after.id } }];
      const docs = await this.col.find(filter, { projection: INTERNAL_FIELDS }).sort({ _id: 1 }).limit(f.limit + 1).toArray();
      return page(docs, f.limit, (o) => ({ id: o.orderId }));
    }
    const after = decodeCursor(ByTime, f.after);
    if (after) filter.$or = [{ placedAt: { $lt: after.t } }, { placedAt: after.t, _id: { $lt: after.id } }];
    const docs = await this.col
      .find(filter, { projection: INTERNAL_FIELDS })
      .sort({ placedAt: -1, _id: -1 })
      .limit(f.limit + 1)
      .toArray();
    return page(docs, f.limit, (o) => ({ t: o.placedAt, id: o.orderId }));
  }

  async stuck(q: StuckQuery): Promise<AdminOrderPage> {
    const filter: Doc = { state: { $in: [...q.states] }, updatedAt: { $lt: q.before } };
    const after = decodeCursor(ByTime, q.after);
    if (after) filter.$or = [{ updatedAt: { $gt: after.t } }, { updatedAt: after.t, _id: { $gt: after.id } }];
    const docs = await this.col
      .find(filter, { projection: INTERNAL_FIELDS })
      .sort({ updatedAt: 1, _id: 1 })
      .limit(q.limit + 1)
      .toArray();
    return page(docs, q.limit, (o) => ({ t: o.updatedAt, id: o.orderId }));
  }
}

