import type { OutgoingEvent } from '@ftt/contracts';
import type { mongo } from 'mongoose';
import { DocLocks } from './doc-lock';
import { matches } from './match';
import { toOutboxEntries } from './outbox';

type Doc = mongo.Document;

/** How many processed event ids an aggregate remembers for de-duplication. */
export const PROCESSED_MEMORY = 200;

export interface AggregateWrite {
  /** Events to publish, written in the same single-document update as the state. */
  events?: OutgoingEvent[];
  /** The consumed event this write is the effect of; recorded atomically with the effect. */
  processedEventId?: string | undefined;
}

export type WriteResult = 'written' | 'conflict' | 'duplicate';

/**
 * Single-document writes with optimistic concurrency (a version field), the outbox, and consumer
 * de-duplication in one atomic update: this is what replaces multi-document transactions.
 */
export class AggregateStore {
  private readonly locks: DocLocks;

  constructor(readonly collection: mongo.Collection<Doc>) {
    this.locks = DocLocks.for(collection);
  }

  /**
   * Run a read-modify-write of one document with no other writer of it in between, in this process or
   * another. Every write of an aggregate document must go through this store (FerretDB's own updates
   * are not atomic under concurrency; see connect.ts).
   */
  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.with(`${this.collection.collectionName}:${id}`, fn);
  }

  /**
   * True where writes read-check-write by _id under the document lock; false where the server's own
   * conditional updates are atomic and indexed (MongoDB, MONGO_DOC_LOCKS=off).
   *
   * Why: FerretDB 1.24 (SQLite) pushes a filter down to SQL only when it is exactly `{_id}`; any other
   * condition (`{_id, version}`) decodes and tests every document of the collection in Go, so every
   * write cost O(collection) and the saga slowed down as orders piled up (measured: 5 orders/s placed
   * with a few hundred orders stored). Under the lock no other writer can change the document between
   * the read and the write, so checking the condition in the process is equivalent.
   */
  private static get byIdOnly(): boolean {
    return DocLocks.crossProcess;
  }

  /** A conditional update (e.g. stock `{available: {$gte: q}}` with $inc), atomic across processes. */
  async updateWhere(id: string, filter: Doc, update: Doc): Promise<boolean> {
    const r = await this.withLock(id, async () => {
      if (!AggregateStore.byIdOnly) return this.collection.updateOne({ ...filter, _id: id } as Doc, update);
      const doc = await this.collection.findOne({ _id: id } as Doc);
      if (!doc || !matches(doc, filter)) return { modifiedCount: 0 };
      return this.collection.updateOne({ _id: id } as Doc, update);
    });
    return r.modifiedCount === 1;
  }

  async insert(id: string, state: Doc, w: AggregateWrite = {}): Promise<WriteResult> {
    const entries = toOutboxEntries(w.events ?? []);
    try {
      await this.collection.insertOne({
        ...state,
        _id: id,
        version: 1,
        outbox: entries,
        outboxPending: entries.length,
        outboxLeaseUntil: null,
        processedEventIds: w.processedEventId ? [w.processedEventId] : [],
      } as Doc);
      return 'written';
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return 'duplicate';
      throw err;
    }
  }

  /** Update when the stored version is still `expectedVersion` and the event was not processed yet. */
  async update(id: string, expectedVersion: number, set: Doc, w: AggregateWrite = {}): Promise<WriteResult> {
    const entries = toOutboxEntries(w.events ?? []);
    const filter: Doc = { _id: id, version: expectedVersion };
    if (w.processedEventId) filter.processedEventIds = { $ne: w.processedEventId };
    const update: Doc = {
      $set: { ...set, version: expectedVersion + 1 },
      $inc: { outboxPending: entries.length },
    };
    const push: Doc = {};
    if (entries.length) push.outbox = { $each: entries };
    if (w.processedEventId)
      push.processedEventIds = { $each: [w.processedEventId], $slice: -PROCESSED_MEMORY };
    if (Object.keys(push).length) update.$push = push;
    if (AggregateStore.byIdOnly) {
      return this.withLock(id, async () => {
        const doc = await this.collection.findOne({ _id: id } as Doc, { projection: { version: 1, processedEventIds: 1 } });
        if (!doc) return 'conflict';
        const seen = (doc.processedEventIds ?? []) as string[];
        if (w.processedEventId && seen.includes(w.processedEventId)) return 'duplicate';
        if (doc.version !== expectedVersion) return 'conflict';
        if (w.processedEventId && seen.length >= PROCESSED_MEMORY + 50) {
          // Trim in steps, in the same write ($push's $slice is ignored by FerretDB).
          delete push.processedEventIds;
          if (!Object.keys(push).length) delete update.$push;
          (update.$set as Doc).processedEventIds = [...seen, w.processedEventId].slice(-PROCESSED_MEMORY);
        }
        const res = await this.collection.updateOne({ _id: id } as Doc, update);
        return res.modifiedCount === 1 ? 'written' : 'conflict';
      });
    }
    const r = await this.withLock(id, async () => {
      const res = await this.collection.updateOne(filter, update);
      if (res.modifiedCount === 1 && w.processedEventId) await this.trimProcessed(id);
      return res;
    });
    if (r.modifiedCount === 1) return 'written';
    if (w.processedEventId) {
      const seen = await this.collection.countDocuments({
        _id: id,
        processedEventIds: w.processedEventId,
      } as Doc);
      if (seen > 0) return 'duplicate';
    }
    return 'conflict';
  }

  /** Keep the newest PROCESSED_MEMORY ids; called under the document lock. */
  private async trimProcessed(id: string): Promise<void> {
    const doc = await this.collection.findOne({ _id: id } as Doc, { projection: { processedEventIds: 1 } });
    const ids = (doc?.processedEventIds ?? []) as string[];
    if (ids.length <= PROCESSED_MEMORY + 50) return; // trim in steps, not on every write
    await this.collection.updateOne({ _id: id } as Doc, { $set: { processedEventIds: ids.slice(-PROCESSED_MEMORY) } });
  }

  async get<T extends Doc>(id: string): Promise<(T & { version: number }) | null> {
    return (await this.collection.findOne({ _id: id } as Doc, {
      projection: { outbox: 0, processedEventIds: 0 },
    })) as (T & { version: number }) | null;
  }
}
