import type { OutgoingEvent } from '@ftt/contracts';
import type { mongo } from 'mongoose';
import type { EventPublisher } from '../kafka/publisher';
import type { Logger } from '../logger';
import { currentTraceparent, withoutTrace } from '../telemetry/trace-context';
import { countPublished, watchOutbox } from '../telemetry/outbox';
import { DocLocks } from './doc-lock';
import { matches } from './match';

/**
 * Transactional outbox without multi-document transactions (FerretDB has none): pending events ride
 * inside the aggregate's own document and are written in the same single-document update as the
 * state change. Fields on every aggregate document:
 *   outbox: OutboxEntry[]        events not yet acknowledged by Kafka, in order
 *   outboxPending: number        their count (indexed, so the relay finds work without scanning)
 *   outboxLeaseUntil: Date|null  a relay's claim; an expired lease (crashed relay) is taken over
 */
export interface OutboxEntry {
  eventId: string;
  topic: string;
  key: string;
  envelope: OutgoingEvent['envelope'];
}

/**
 * An event written without a traceparent gets the active span's, captured here at write time: the
 * relay publishes later in a context of its own, and must still continue the trace that caused it.
 */
export const toOutboxEntries = (events: OutgoingEvent[]): OutboxEntry[] => {
  const traceparent = events.some((e) => !e.envelope.traceparent) ? currentTraceparent() : undefined;
  return events.map((e) => ({
    eventId: e.envelope.id,
    topic: e.topic,
    key: e.key,
    envelope: traceparent && !e.envelope.traceparent ? { ...e.envelope, traceparent } : e.envelope,
  }));
};

export interface OutboxRelayOptions {
  collections: mongo.Collection<mongo.Document>[];
  publisher: EventPublisher;
  log: Logger;
  /**
   * How often to look for entries left by crashes or failed publishes (default 2000). Writes kick the relay
   * by _id, so this scan is only the safety net; on FerretDB it reads the whole collection, so not too often.
   */
  pollMs?: number;
  leaseMs?: number;
  onPublished?: (count: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly pollMs: number;
  private readonly leaseMs: number;

  constructor(private readonly o: OutboxRelayOptions) {
    this.pollMs = o.pollMs ?? 2000;
    this.leaseMs = o.leaseMs ?? 10_000;
    watchOutbox(o.collections, (c) => this.backlogOf(c));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // A background loop: it must not run as part of whatever request happened to start it.
    this.loop = withoutTrace(() => this.scanLoop());
  }

  /** Stop scanning and wait for publishes in flight, so a graceful stop loses nothing. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inflight]);
  }

  /** Publish one document's pending events now (called right after a use case wrote them). */
  kick(collection: mongo.Collection<mongo.Document>, id: unknown): void {
    if (!this.running) return;
    const p = this.drain(collection, id).catch((err) =>
      this.o.log.warn({ err }, 'outbox kick failed; the scan will retry'),
    );
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Number of events written but not yet published, across all collections. */
  async backlog(): Promise<number> {
    let total = 0;
    for (const c of this.o.collections) total += await this.backlogOf(c);
    return total;
  }

  private async backlogOf(c: mongo.Collection<mongo.Document>): Promise<number> {
    const docs = await c.find({ outboxPending: { $gt: 0 } }, { projection: { outboxPending: 1 } }).toArray();
    return docs.reduce((n, d) => n + (Number(d.outboxPending) || 0), 0);
  }

  private async scanLoop(): Promise<void> {
    while (this.running) {
      for (const c of this.o.collections) {
        try {
          const now = new Date();
          const docs = await c
            .find(
              {
                outboxPending: { $gt: 0 },
                $or: [{ outboxLeaseUntil: null }, { outboxLeaseUntil: { $lt: now } }],
              },
              { projection: { _id: 1 } },
            )
            .limit(200)
            .toArray();
          for (const d of docs) {
            if (!this.running) break;
            await this.drain(c, d._id);
          }
        } catch (err) {
          this.o.log.warn({ err, collection: c.collectionName }, 'outbox scan failed');
        }
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.pollMs);
      });
    }
  }

  /** Claim the document, publish its entries in order, remove what was published; repeat while more arrived. */
  private async drain(c: mongo.Collection<mongo.Document>, id: unknown): Promise<void> {
    for (let round = 0; round < 10; round++) {
      const now = new Date();
      const lockKey = `${c.collectionName}:${String(id)}`;
      const claimable = {
        outboxPending: { $gt: 0 },
        $or: [{ outboxLeaseUntil: null }, { outboxLeaseUntil: { $lt: now } }],
      };
      const lease = { $set: { outboxLeaseUntil: new Date(now.getTime() + this.leaseMs) } };
      const claimed = await DocLocks.for(c).with(lockKey, async () => {
        if (!DocLocks.crossProcess) {
          // No projection: FerretDB's findAndModify does not implement `fields`.
          return c.findOneAndUpdate({ _id: id, ...claimable } as mongo.Document, lease, { returnDocument: 'after' });
        }
        // Under the document lock every writer is excluded: read and write by _id alone, the only filter
        // FerretDB does not answer with a collection scan (see AggregateStore).
        const doc = await c.findOne({ _id: id } as mongo.Document);
        if (!doc || !matches(doc, claimable)) return null;
        await c.updateOne({ _id: id } as mongo.Document, lease);
        return { ...doc, ...lease.$set };
      });
      if (!claimed) return; // nothing pending, or another relay holds it
      const entries = (claimed.outbox ?? []) as OutboxEntry[];
      try {
        await this.o.publisher.publish(entries);
      } catch (err) {
        const attempts = Number(claimed.outboxAttempts ?? 0) + 1;
        const backoff = Math.min(100 * 2 ** attempts, 30_000);
        this.o.log.warn({ err, attempts, backoffMs: backoff }, 'outbox publish failed');
        await DocLocks.for(c).with(`${c.collectionName}:${String(id)}`, () =>
          c.updateOne({ _id: id } as mongo.Document, {
            $set: { outboxLeaseUntil: new Date(Date.now() + backoff), outboxAttempts: attempts },
          }),
        );
        await sleep(0);
        return;
      }
      const pending = await this.removePublished(c, id, claimed, new Set(entries.map((e) => e.eventId)));
      countPublished(c, entries.length);
      this.o.onPublished?.(entries.length);
      if (pending <= 0) return;
    }
  }

  /**
   * Remove the published entries. FerretDB ignores $pull with a query condition, so this is a
   * compare-and-set on outboxPending: writers only ever increase it (with $inc, alongside their $push)
   * and only the lease holder decreases it, so an unchanged count means an unchanged array.
   */
  private async removePublished(
    c: mongo.Collection<mongo.Document>,
    id: unknown,
    first: mongo.Document,
    published: Set<string>,
  ): Promise<number> {
    if (DocLocks.crossProcess) {
      // Writers append under the same lock, so the read and the write see one state.
      return DocLocks.for(c).with(`${c.collectionName}:${String(id)}`, async () => {
        const doc = await c.findOne({ _id: id } as mongo.Document, { projection: { outbox: 1 } });
        const remaining = ((doc?.outbox ?? []) as OutboxEntry[]).filter((e) => !published.has(e.eventId));
        await c.updateOne({ _id: id } as mongo.Document, {
          $set: { outbox: remaining, outboxPending: remaining.length, outboxLeaseUntil: null, outboxAttempts: 0 },
        });
        return remaining.length;
      });
    }
    let doc: mongo.Document | null = first;
    for (let attempt = 0; doc && attempt < 20; attempt++) {
      const remaining = ((doc.outbox ?? []) as OutboxEntry[]).filter((e) => !published.has(e.eventId));
      const r = await c.updateOne({ _id: id, outboxPending: doc.outboxPending } as mongo.Document, {
        $set: {
          outbox: remaining,
          outboxPending: remaining.length,
          outboxLeaseUntil: null,
          outboxAttempts: 0,
        },
      });
      if (r.modifiedCount === 1) return remaining.length;
      doc = await c.findOne({ _id: id } as mongo.Document);
    }
    throw new Error('outbox: could not remove published entries');
  }
}
