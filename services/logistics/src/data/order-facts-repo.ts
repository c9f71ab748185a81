import type { mongo } from 'mongoose';
import type { OrderFacts, OrderFactsStore } from '../use-cases/ports';

type Doc = mongo.Document;

const toFacts = (doc: Doc): OrderFacts => {
  const { _id, ...rest } = doc;
  return { orderId: String(_id), ...rest } as OrderFacts;
};

/** Order status as the orders topic tells it; every write is an idempotent upsert keyed by order id. */
export class OrderFactsRepo implements OrderFactsStore {
  constructor(private readonly collection: mongo.Collection<Doc>) {}

  async confirmed(orderId: string, buyerId: string, at: string) {
    await this.collection.updateOne(
      { _id: orderId } as Doc,
      { $set: { buyerId, confirmedAt: at }, $setOnInsert: { status: 'confirmed' } },
      { upsert: true },
    );
    return toFacts((await this.collection.findOne({ _id: orderId } as Doc))!);
  }

  async cancelled(orderId: string, at: string) {
    await this.collection.updateOne(
      { _id: orderId } as Doc,
      // $min: a redelivered cancel (stamped when handled) must not move the first cancellation time.
      { $set: { status: 'cancelled' }, $min: { cancelledAt: at } },
      { upsert: true },
    );
  }

  async completed(orderId: string, at: string) {
    await this.collection.updateOne(
      { _id: orderId } as Doc,
      { $set: { status: 'completed', completedAt: at } },
      { upsert: true },
    );
  }

  async get(orderId: string) {
    const doc = await this.collection.findOne({ _id: orderId } as Doc);
    return doc ? toFacts(doc) : null;
  }
}
