import type { mongo } from 'mongoose';
import type { IdempotencyRecord, IdempotencyStore } from '../use-cases/ports';
import type { Collection } from './collections';

type Doc = mongo.Document;

const DAY_MS = 24 * 60 * 60 * 1000;

const toRecord = (doc: Doc): IdempotencyRecord => ({
  buyerId: String(doc.buyerId),
  key: String(doc.key),
  bodyHash: String(doc.bodyHash),
  orderId: String(doc.orderId),
});

/**
 * Idempotency-Key records of the code before an order's id came from its key (one document per (buyerId, key), the
 * order under a random id). Nothing writes them now; a retry of a request placed before the upgrade must still find
 * its order. Clients retry within minutes, so they are looked up for a day after this process first saw a record of
 * the last day, and not at all where there is none (a new deployment): then the collection can be dropped.
 */
export class IdempotencyRepo implements IdempotencyStore {
  private lookUntil: Promise<number> | undefined;

  constructor(private readonly collection: Collection) {}

  private id = (buyerId: string, key: string) => JSON.stringify([buyerId, key]);

  async find(buyerId: string, key: string): Promise<IdempotencyRecord | undefined> {
    if (Date.now() >= (await (this.lookUntil ??= this.recentUntil()))) return undefined;
    const doc = await this.collection.findOne({ _id: this.id(buyerId, key) } as Doc);
    return doc ? toRecord(doc) : undefined;
  }

  /** A day from now if a record of the last day exists (asked once per process, on the createdAt index). */
  private async recentUntil(): Promise<number> {
    const now = Date.now();
    const recent = await this.collection.findOne({ createdAt: { $gt: new Date(now - DAY_MS).toISOString() } } as Doc, {
      projection: { _id: 1 },
    });
    return recent ? now + DAY_MS : 0;
  }
}
