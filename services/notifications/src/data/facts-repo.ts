import { isDuplicateKey } from '@ftt/kit';
import type { mongo } from 'mongoose';
import type { FarmFacts } from '../domain/resolve';
import type { FactsStore, StoredOrderFacts } from '../use-cases/ports';

type Doc = mongo.Document;

const toOrder = (doc: Doc): StoredOrderFacts => {
  const { _id, tracking, ...rest } = doc;
  const codes = (tracking ?? []) as { farmId: string; code: string }[];
  return {
    orderId: String(_id),
    ...rest,
    trackingCodes: Object.fromEntries(codes.map((t) => [t.farmId, t.code])),
  } as StoredOrderFacts;
};

/** farm -> farmer and order -> buyer, tracking codes, whether it ended: idempotent upserts keyed by the ids. */
export class FactsRepo implements FactsStore {
  constructor(
    private readonly farms: mongo.Collection<Doc>,
    private readonly orders: mongo.Collection<Doc>,
  ) {}

  async recordFarm(f: FarmFacts) {
    await this.farms.updateOne(
      { _id: f.farmId } as Doc,
      { $set: { farmerId: f.farmerId, ...(f.farmName ? { farmName: f.farmName } : {}) } },
      { upsert: true },
    );
  }

  async farm(farmId: string) {
    const doc = await this.farms.findOne({ _id: farmId } as Doc);
    return doc
      ? { farmId, farmerId: String(doc.farmerId), farmName: doc.farmName as string | undefined }
      : null;
  }

  async orderSeen(orderId: string, buyerId: string, status: string, at: string, watchUntil?: Date) {
    await this.orders.updateOne({ _id: orderId } as Doc, { $set: { buyerId } }, { upsert: true });
    try {
      // An ended order stays ended: a replayed placement must not watch it (and report it stuck) again.
      await this.orders.updateOne({ _id: orderId, ended: { $ne: true } } as Doc, {
        $set: { status, ...(watchUntil ? { placedAt: at, watchUntil } : {}) },
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async orderEnded(orderId: string, status: string) {
    await this.orders.updateOne(
      { _id: orderId } as Doc,
      { $set: { status, ended: true }, $unset: { watchUntil: '' } },
      { upsert: true },
    );
  }

  async cancelRequested(orderId: string) {
    await this.orders.updateOne(
      { _id: orderId } as Doc,
      { $set: { cancelRequested: true } },
      { upsert: true },
    );
  }

  async trackingCode(orderId: string, farmId: string, code: string) {
    // A list, not a map keyed by farm id: ids are opaque strings and may hold characters a field name may not.
    await this.orders.updateOne(
      { _id: orderId } as Doc,
      { $addToSet: { tracking: { farmId, code } } },
      { upsert: true },
    );
  }

  async shipmentTaken(orderId: string, shipmentId: string) {
    await this.orders.updateOne(
      { _id: orderId } as Doc,
      { $addToSet: { shipmentsTaken: shipmentId } },
      { upsert: true },
    );
  }

  async order(orderId: string): Promise<StoredOrderFacts | null> {
    const doc = await this.orders.findOne({ _id: orderId } as Doc);
    return doc ? toOrder(doc) : null;
  }

  async dueStuck(now: Date, limit: number) {
    const docs = await this.orders
      .find({ watchUntil: { $lte: now } })
      .sort({ watchUntil: 1 })
      .limit(limit)
      .toArray();
    return docs.map(toOrder);
  }

  async unwatch(orderId: string, watchUntil: Date) {
    const r = await this.orders.updateOne({ _id: orderId, watchUntil } as Doc, {
      $unset: { watchUntil: '' },
    });
    return r.modifiedCount === 1;
  }
}
