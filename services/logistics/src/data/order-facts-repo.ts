import type { mongo } from 'mongoose';
import type { OrderFacts, OrderFactsRepo } from '../use-cases/ports';

type Doc = mongo.Document;

const toFacts = (doc: Doc): OrderFacts => {
  const { _id, ...rest } = doc;
  return { orderId: String(_id), ...rest } as OrderFacts;
};

/** Order status as the orders topic tells it; every write is an idempotent upsert keyed by order id. */
export const createOrderFactsRepo = (collection: mongo.Collection<Doc>): OrderFactsRepo => ({
  async confirmed(orderId, buyerId, at) {
    await collection.updateOne(
      { _id: orderId } as Doc,
      { $set: { buyerId, confirmedAt: at }, $setOnInsert: { status: 'confirmed' } },
      { upsert: true },
    );
    return toFacts((await collection.findOne({ _id: orderId } as Doc))!);
  },
  async cancelled(orderId, at) {
    await collection.updateOne(
      { _id: orderId } as Doc,
      // $min: a redelivered cancel (stamped when handled) must not move the first cancellation time.
      { $set: { status: 'cancelled' }, $min: { cancelledAt: at } },
      { upsert: true },
    );
  },
  async completed(orderId, at) {
    await collection.updateOne(
      { _id: orderId } as Doc,
      { $set: { status: 'completed', completedAt: at } },
      { upsert: true },
    );
  },
  async get(orderId) {
    const doc = await collection.findOne({ _id: orderId } as Doc);
    return doc ? toFacts(doc) : null;
  },
});
