import type { mongo } from 'mongoose';
import type { IdempotencyRecord, IdempotencyStore } from '../use-cases/ports';
import type { Collection } from './collections';

type Doc = mongo.Document;

const toRecord = (doc: Doc): IdempotencyRecord => ({
  buyerId: String(doc.buyerId),
  key: String(doc.key),
  bodyHash: String(doc.bodyHash),
  orderId: String(doc.orderId),
});

/**
 * Idempotency-Key records for POST /orders, one document per (buyerId, key). The first request
 * claims the key with an insert (unique _id), so two concurrent requests cannot both create an order.
 */
export class IdempotencyRepo implements IdempotencyStore {
  constructor(private readonly collection: Collection) {}

  private id = (buyerId: string, key: string) => JSON.stringify([buyerId, key]);

  async find(buyerId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const doc = await this.collection.findOne({ _id: this.id(buyerId, key) } as Doc);
    return doc ? toRecord(doc) : undefined;
  }

  async claim(r: IdempotencyRecord): Promise<{ claimed: boolean; record: IdempotencyRecord }> {
    try {
      await this.collection.insertOne({ _id: this.id(r.buyerId, r.key), ...r, createdAt: new Date().toISOString() } as Doc);
      return { claimed: true, record: r };
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const doc = await this.collection.findOne({ _id: this.id(r.buyerId, r.key) } as Doc);
      if (!doc) throw err;
      return { claimed: false, record: toRecord(doc) };
    }
  }
}
