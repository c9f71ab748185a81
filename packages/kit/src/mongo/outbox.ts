import type { OutgoingEvent } from '@ftt/contracts';
import type { mongo } from 'mongoose';
import type { EventPublisher } from '../kafka/publisher';
import type { Logger } from '../logger';
import { currentTraceparent, withoutTrace } from '../telemetry/trace-context';
import { countPublished, watchOutbox } from '../telemetry/outbox';

/**
 * Transactional outbox without multi-document transactions (so it works on a standalone server too):
 * pending events ride inside the aggregate's own document and are written in the same single-document
 * update as the state change. Fields on every aggregate document:
 *   outbox: OutboxEntry[]        events not yet acknowledged by Kafka, in order
 *   outboxPending: number        their count; only documents with work carry it above 0, and the
 *                                OUTBOX_INDEX serves the relay's look-up, so its cost is the backlog's, not history's
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
    // As it goes on the wire (JSON): an undefined field is left out. Stored as is, the driver would write it as null,
    // and an event the relay publishes from the document (not from the writer's memory) would then fail its schema.
    envelope: JSON.parse(JSON.stringify(traceparent && !e.envelope.traceparent ? { ...e.envelope, traceparent } : e.envelope)) as OutboxEntry['envelope'],
  }));
};

/**
 * The index every aggregate collection with an outbox needs: the relay's look-up and the backlog gauge
 * read only documents with pending events through it. Partial, so it holds just those documents: it stays
 * as small as the backlog however many orders are stored.
 */
export const OUTBOX_INDEX = {
  key: { outboxPending: 1 },
  options: { name: 'outbox_pending', partialFilterExpression: { outboxPending: { $gt: 0 } } },
} as const;

export const ensureOutboxIndex = (c: mongo.Collection<mongo.Document>): Promise<string> =>
  c.createIndex(OUTBOX_INDEX.key, OUTBOX_INDEX.options);

/**
 * The relay's query: documents with events to publish and no live lease (null, missing or expired). Written
 * with $not rather than an $or of the three cases: SecantusDB answered the $or form by reading the whole
 * collection (135 ms at 100,000 orders, growing with history, though its explain named the index), while
 * this form reads only the partial index (about 1.5 ms). Same meaning on MongoDB.
 */
export const pendingOutboxFilter = (now: Date): mongo.Document => ({
  outboxPending: { $gt: 0 },
  outboxLeaseUntil: { $not: { $gte: now } },
});

export interface OutboxRelayOptions {
  collections: mongo.Collection<mongo.Document>[];
  publisher: EventPublisher;
  log: Logger;
  /**
   * How often to look for entries left by crashes or failed publishes (default 10000). Writes kick the relay
   * by _id, so this look-up is only the safety net; it reads the partial outbox index, so its cost is the
   * backlog's (usually nothing), never the collection's.
   */
  pollMs?: number;
  leaseMs?: number;
  /**
   * How long published events stay on their document at least before the relay's own release (default 1000; 0
   * releases at once). A write of the same document in this process meanwhile releases them in that write
   * (`takeUnreleased`): the saga's next step usually comes within this time, so most event-carrying writes need no
   * release of their own. What no write took is released in batches, every half of this delay: one update of many
   * documents (`releaseDue`). The lease is held meanwhile, so no other relay publishes them again; a crash meanwhile
   * republishes them once the lease expires (consumers are idempotent), as a crash between publish and release always did.
   */
  releaseDelayMs?: number;
  onPublished?: (count: number) => void;
}

/**
 * Published events this relay has not released from their document yet (see `releaseDelayMs`): the document has
 * exactly these pending, unless another process has added more since.
 */
export interface Unreleased {
  eventIds: string[];
}

/**
 * The running relays of this process by collection namespace ("db.collection"). A writer whose write is the only
 * pending work on its document takes the relay's lease in that same write and hands its entries over
 * (`publishLeased`): the relay publishes them and releases, without a claim of its own (one database write less per
 * event-carrying write). A process without a running relay over the collection (a script, a test fixture) writes
 * no lease, and the relays' scans find its entries as before.
 */
const relays = new Map<string, Set<OutboxRelay>>();

/** "db.collection" of the driver's collection or of mongoose's wrapper (which has no `namespace` of its own). */
const namespaceOf = (c: mongo.Collection<mongo.Document>): string => {
  const x = c as unknown as { namespace?: string; conn?: { name?: string }; collectionName: string };
  return x.namespace ?? `${x.conn?.name ?? ''}.${x.collectionName}`;
};

/** A running relay of this process over the collection, if any: the one a writer may take the lease for. */
export const leasingRelay = (c: mongo.Collection<mongo.Document>): OutboxRelay | undefined => {
  const set = relays.get(namespaceOf(c));
  if (!set) return undefined;
  for (const r of set) return r;
  return undefined;
};

const leaseKey = (c: mongo.Collection<mongo.Document>, id: unknown) => `${namespaceOf(c)}\u0000${String(id)}`;

export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly inflight = new Set<Promise<unknown>>();
  /** Documents whose writer took the lease and whose entries this relay is publishing now. */
  private readonly leased = new Set<string>();
  /** Documents this relay is publishing from now, and those of them a write has added events to meanwhile. */
  private readonly publishing = new Set<string>();
  private readonly kickedWhilePublishing = new Set<string>();
  /** By leaseKey: published, not yet released, with when they were published. */
  private readonly unreleased = new Map<string, Unreleased & { c: mongo.Collection<mongo.Document>; id: unknown; at: number }>();
  /** The next batch of releases (see `releaseDue`), while any wait. */
  private releaseTimer: NodeJS.Timeout | undefined;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly releaseDelayMs: number;

  constructor(private readonly o: OutboxRelayOptions) {
    this.pollMs = o.pollMs ?? 10_000;
    this.leaseMs = o.leaseMs ?? 10_000;
    // Well inside the lease, which must still hold when the release comes (at most 1.5 times this after the publish).
    this.releaseDelayMs = Math.min(o.releaseDelayMs ?? 1000, this.leaseMs / 4);
    watchOutbox(o.collections, (c) => this.backlogOf(c));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const c of this.o.collections) {
      let set = relays.get(namespaceOf(c));
      if (!set) relays.set(namespaceOf(c), (set = new Set()));
      set.add(this);
    }
    // A background loop: it must not run as part of whatever request happened to start it.
    this.loop = withoutTrace(() => this.scanLoop());
  }

  /** Stop scanning and wait for publishes in flight, so a graceful stop loses nothing. */
  async stop(): Promise<void> {
    this.running = false;
    for (const c of this.o.collections) {
      const set = relays.get(namespaceOf(c));
      set?.delete(this);
      if (set && !set.size) relays.delete(namespaceOf(c));
    }
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inflight]);
    // A graceful stop leaves no lease behind: what waits for its release is released now.
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    await this.releaseDue(0).catch((err) => this.o.log.warn({ err }, 'outbox release failed; the lease expires'));
  }

  /** Publish one document's pending events now (called right after a use case wrote them). */
  kick(collection: mongo.Collection<mongo.Document>, id: unknown): void {
    if (!this.running) return;
    const key = leaseKey(collection, id);
    // The writer handed its entries over (publishLeased), or a claim is publishing: that publish drains what arrives.
    if (this.leased.has(key) || this.publishing.has(key)) return;
    // Events arrived behind published ones this relay still holds the lease for: release those, then drain.
    if (this.unreleased.has(key)) return this.track(this.releaseNow(key));
    this.track(this.drain(collection, id));
  }

  /**
   * A writer of this process added events behind pending ones (it could not take the lease): if they are being
   * published now, that publish releases at once (not after `releaseDelayMs`) and drains them; if they wait for their
   * release, it happens now. (A kick does not tell this: the writer that handed its entries over kicks too.)
   */
  addedBehind(collection: mongo.Collection<mongo.Document>, id: unknown): void {
    const key = leaseKey(collection, id);
    if (this.leased.has(key) || this.publishing.has(key)) this.kickedWhilePublishing.add(key);
    else if (this.running && this.unreleased.has(key)) this.track(this.releaseNow(key));
  }

  /**
   * For a writer about to write the document: the events this relay published from it and has not released yet. The
   * writer releases them in its own write (exactly these pending), or, if that write does not go through, hands them
   * back with `giveBack`.
   */
  takeUnreleased(collection: mongo.Collection<mongo.Document>, id: unknown): Unreleased | undefined {
    const key = leaseKey(collection, id);
    const u = this.unreleased.get(key);
    if (!u) return undefined;
    this.unreleased.delete(key);
    return { eventIds: u.eventIds };
  }

  /** Release what a writer took and could not release in its write; drain what arrived meanwhile. */
  async giveBack(collection: mongo.Collection<mongo.Document>, id: unknown, u: Unreleased): Promise<void> {
    if (await this.release(collection, id, u.eventIds)) await this.drain(collection, id);
  }

  /** The lease a writer takes in its own write (see `leasingRelay`). */
  leaseUntil(now: Date): Date {
    return new Date(now.getTime() + this.leaseMs);
  }

  /**
   * A writer has just stored `entries` as the document's only pending events, with this relay's lease
   * (`leaseUntil`) in the same write: publish them, release, and drain what arrived meanwhile.
   */
  publishLeased(collection: mongo.Collection<mongo.Document>, id: unknown, entries: OutboxEntry[]): void {
    const key = leaseKey(collection, id);
    this.leased.add(key);
    this.track(
      this.publishClaimed(collection, id, entries, 0)
        .then((more) => (more ? this.drain(collection, id) : undefined))
        .finally(() => this.leased.delete(key)),
    );
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch((err) => this.o.log.warn({ err }, 'outbox publish failed; the scan will retry'));
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Number of events written but not yet published, across all collections. */
  async backlog(): Promise<number> {
    let total = 0;
    for (const c of this.o.collections) total += await this.backlogOf(c);
    return total;
  }

  /** Pending on documents, less what this relay has published and not released yet (that is no backlog). */
  private async backlogOf(c: mongo.Collection<mongo.Document>): Promise<number> {
    const [r] = await c
      .aggregate<{ n: number }>([
        { $match: { outboxPending: { $gt: 0 } } },
        { $group: { _id: null, n: { $sum: '$outboxPending' } } },
      ])
      .toArray();
    let published = 0;
    const ns = namespaceOf(c);
    for (const u of this.unreleased.values()) if (namespaceOf(u.c) === ns) published += u.eventIds.length;
    return Math.max(0, Number(r?.n ?? 0) - published);
  }

  private async scanLoop(): Promise<void> {
    while (this.running) {
      for (const c of this.o.collections) {
        try {
          const docs = await c
            .find(pendingOutboxFilter(new Date()), { projection: { _id: 1 } })
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
      // One atomic claim: only one relay (of any process) holds a document's lease at a time.
      const claimed = await c.findOneAndUpdate(
        { _id: id, ...pendingOutboxFilter(now) } as mongo.Document,
        { $set: { outboxLeaseUntil: new Date(now.getTime() + this.leaseMs) } },
        { returnDocument: 'after', projection: { outbox: 1, outboxAttempts: 1 } },
      );
      if (!claimed) return; // nothing pending, or another relay holds it
      const entries = (claimed.outbox ?? []) as OutboxEntry[];
      if (!(await this.publishClaimed(c, id, entries, Number(claimed.outboxAttempts ?? 0)))) return;
    }
  }

  /**
   * Publish the entries of a document whose lease this relay holds, then release it: true when more events arrived
   * meanwhile (to be claimed next). A failed publish keeps the entries and holds the lease for a growing backoff.
   */
  private async publishClaimed(
    c: mongo.Collection<mongo.Document>,
    id: unknown,
    entries: OutboxEntry[],
    attemptsBefore: number,
  ): Promise<boolean> {
    const key = leaseKey(c, id);
    this.publishing.add(key);
    try {
      await this.o.publisher.publish(entries);
    } catch (err) {
      this.publishing.delete(key);
      this.kickedWhilePublishing.delete(key);
      const attempts = attemptsBefore + 1;
      const backoff = Math.min(100 * 2 ** attempts, 30_000);
      this.o.log.warn({ err, attempts, backoffMs: backoff }, 'outbox publish failed');
      await c.updateOne({ _id: id } as mongo.Document, {
        $set: { outboxLeaseUntil: new Date(Date.now() + backoff), outboxAttempts: attempts },
      });
      return false;
    }
    countPublished(c, entries.length);
    this.o.onPublished?.(entries.length);
    const eventIds = entries.map((e) => e.eventId);
    this.publishing.delete(key);
    const added = this.kickedWhilePublishing.delete(key);
    if (this.releaseDelayMs > 0 && this.running && !added) {
      // Released by this document's next write in this process, or by the next batch (see `releaseDelayMs`).
      this.unreleased.set(key, { c, id, eventIds, at: Date.now() });
      this.scheduleReleases();
      return false;
    }
    return this.release(c, id, eventIds);
  }

  private scheduleReleases(): void {
    if (this.releaseTimer || !this.running) return;
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined;
      this.track(this.releaseDue(this.releaseDelayMs));
    }, this.releaseDelayMs / 2);
    this.releaseTimer.unref();
  }

  /**
   * Release what was published at least `minAgeMs` ago and no write took. Per collection and number of events, the
   * documents with just that many pending, and the first of them still there, carry exactly the published events
   * (writers only add while the lease is held, and each adds to the count; a release removes all of them at once):
   * one update releases all of them. The rest had more events by then: one by one, draining what arrived.
   */
  private async releaseDue(minAgeMs: number): Promise<void> {
    const before = Date.now() - minAgeMs;
    const due = new Map<string, { c: mongo.Collection<mongo.Document>; n: number; list: { id: unknown; eventIds: string[] }[] }>();
    for (const [key, u] of this.unreleased) {
      if (u.at > before) continue;
      this.unreleased.delete(key);
      const group = `${namespaceOf(u.c)}\u0000${u.eventIds.length}`;
      const g = due.get(group) ?? { c: u.c, n: u.eventIds.length, list: [] };
      g.list.push(u);
      due.set(group, g);
    }
    if (this.unreleased.size) this.scheduleReleases();
    await Promise.all(
      [...due.values()].map(async ({ c, n, list }) => {
        const published = { _id: { $in: list.map((u) => u.id) }, 'outbox.eventId': { $in: list.map((u) => u.eventIds[0]) } };
        const r = await c.updateMany({ ...published, outboxPending: n } as mongo.Document, {
          $set: { outbox: [], outboxPending: 0, outboxLeaseUntil: null, outboxAttempts: 0 },
        });
        if (r.modifiedCount === list.length) return;
        const still = await c.find(published as mongo.Document, { projection: { _id: 1 } }).toArray();
        const left = new Set(still.map((d) => String(d._id)));
        for (const u of list) if (left.has(String(u.id))) await this.releaseAndDrain(c, u.id, u.eventIds);
      }),
    );
  }

  /** A kick's release of published events waiting for theirs: drains what arrived meanwhile. */
  private async releaseNow(key: string): Promise<void> {
    const u = this.unreleased.get(key);
    if (!u) return; // a writer or a batch took it
    this.unreleased.delete(key);
    await this.releaseAndDrain(u.c, u.id, u.eventIds);
  }

  /** Release published events of one document, then (while running) claim and publish what arrived meanwhile. */
  private async releaseAndDrain(c: mongo.Collection<mongo.Document>, id: unknown, eventIds: string[]): Promise<void> {
    if ((await this.release(c, id, eventIds)) && this.running) await this.drain(c, id);
  }

  /** Remove published entries and the lease: true when more events arrived meanwhile (to be claimed next). */
  private async release(c: mongo.Collection<mongo.Document>, id: unknown, eventIds: string[]): Promise<boolean> {
    // Writers only $push entries (and $inc the count) while the lease is held, so pulling exactly the
    // published ids and decrementing by their count leaves whatever arrived meanwhile, in order. Only while the
    // first of them is still there: a lease that ran out (a stalled process) may have let another relay release them.
    const after = await c.findOneAndUpdate(
      { _id: id, 'outbox.eventId': eventIds[0] } as mongo.Document,
      {
        $pull: { outbox: { eventId: { $in: eventIds } } },
        $inc: { outboxPending: -eventIds.length },
        $set: { outboxLeaseUntil: null, outboxAttempts: 0 },
      } as mongo.Document,
      { returnDocument: 'after', projection: { outboxPending: 1 } },
    );
    return Boolean(after && Number(after.outboxPending) > 0);
  }
}
