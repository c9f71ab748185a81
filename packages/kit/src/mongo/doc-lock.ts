import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import { AppError } from '../errors';

/**
 * A per-document lock for writers in different processes (scale-out), built on the one operation
 * FerretDB 1.24 does atomically: inserting a unique _id (its updates are read-then-write, see
 * connect.ts). Inside one process a promise chain per key queues writers first, so only one of them
 * at a time polls the database.
 *
 * A lock left by a crashed process expires after ttlMs and is taken over. The take-over is itself
 * best effort (delete-if-expired, then insert), which is acceptable for a lock held for milliseconds
 * with a TTL of seconds.
 */
export class DocLocks {
  /**
   * Off only where one process writes a database (then the per-process serial connection is enough):
   * set from MONGO_DOC_LOCKS at start-up.
   */
  static crossProcess = true;
  private readonly owner = randomUUID();
  private readonly local = new Map<string, Promise<void>>();

  constructor(
    private readonly locks: mongo.Collection<mongo.Document>,
    private readonly ttlMs = 10_000,
    private readonly waitMs = 15_000,
  ) {}

  /** The locks of the database a collection lives in (one `_locks` collection per database). */
  static for(collection: mongo.Collection<mongo.Document>): DocLocks {
    const c = collection as unknown as { conn?: { db?: mongo.Db }; s?: { db?: mongo.Db }; dbName?: string };
    const db = c.conn?.db ?? c.s?.db;
    if (!db) throw new Error('cannot find the database of this collection');
    const cache = (registry.get(db) ?? new DocLocks(db.collection('_locks'))) as DocLocks;
    registry.set(db, cache);
    return cache;
  }

  async with<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.local.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const chained = previous.then(() => mine);
    this.local.set(key, chained);
    await previous;
    try {
      if (!DocLocks.crossProcess) return await fn();
      await this.acquire(key);
      try {
        return await fn();
      } finally {
        await this.locks.deleteOne({ _id: key, owner: this.owner } as mongo.Document).catch(() => undefined);
      }
    } finally {
      release();
      if (this.local.get(key) === chained) this.local.delete(key);
    }
  }

  private async acquire(key: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    for (let attempt = 0; ; attempt++) {
      const now = Date.now();
      try {
        await this.locks.insertOne({
          _id: key,
          owner: this.owner,
          until: new Date(now + this.ttlMs),
        } as mongo.Document);
        return;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
      }
      if (now > deadline) throw new AppError('lock.unavailable', `document ${key} is busy`);
      await this.locks.deleteOne({ _id: key, until: { $lt: new Date(now) } } as mongo.Document);
      await new Promise((r) => setTimeout(r, Math.min(2 ** Math.min(attempt, 5), 25)));
    }
  }
}

const registry = new WeakMap<object, DocLocks>();
