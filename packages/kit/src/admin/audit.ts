import { randomUUID } from 'node:crypto';
import type { Connection, mongo } from 'mongoose';
import { z } from 'zod';
import type { Principal } from '../auth';
import { auditDoc, type AuditRecord } from '../domain/audit-record';
import type { Logger } from '../logger';
import { findPage, type Page, type PageRequest } from '../mongo/page';

/** One operator action: who, when, what (action + target), why, and what it changed. */
export type AuditEntry = AuditRecord;

export type AuditPage = Page<AuditEntry>;

type Doc = mongo.Document;

/**
 * Audit entries written with their actions wait on the action's document (`auditPending`) until moved to the trail.
 * Sparse, so only documents that ever had one are in it; the recovery's range look-up reads just the pending ones.
 */
export const AUDIT_PENDING_INDEX = {
  key: { 'auditPending.at': 1 },
  options: { name: 'audit_pending', sparse: true },
} as const;

/**
 * The audit trail of operator actions, in the owning service's own database (collection `admin_audit`).
 * Append-only; read newest first, per target or overall, each by its index with keyset paging.
 */
export class AuditLog {
  private ready: Promise<unknown> | undefined;

  constructor(readonly collection: mongo.Collection<Doc>) {}

  static of(db: Connection): AuditLog {
    if (!db.db) throw new Error('database connection is not open');
    return new AuditLog(db.db.collection('admin_audit'));
  }

  ensureIndexes(): Promise<unknown> {
    return (this.ready ??= Promise.all([
      this.collection.createIndex({ at: -1, _id: -1 }),
      this.collection.createIndex({ 'target.type': 1, 'target.id': 1, at: -1, _id: -1 }),
      // the back office's filters by kind of action and by operator (GET /admin/audit?action=…&actorId=…)
      this.collection.createIndex({ action: 1, at: -1, _id: -1 }),
      this.collection.createIndex({ 'actor.userId': 1, at: -1, _id: -1 }),
    ]));
  }

  /** An entry for an action about to be written: pass it with the action's write (a Cause's `audit`, AggregateWrite). */
  static entry(actor: Principal, entry: Omit<AuditEntry, 'id' | 'at' | 'actor'>, now: Date = new Date()): AuditEntry {
    return {
      id: randomUUID(),
      at: now.toISOString(),
      actor: { userId: actor.userId, ...(actor.name ? { name: actor.name } : {}) },
      ...entry,
    };
  }

  /**
   * Records an action that has no document of its own to ride in (a dead letter's replay): written before the action,
   * so a crash in between leaves an entry saying it was asked for, never an action without one.
   */
  async record(
    actor: Principal,
    entry: Omit<AuditEntry, 'id' | 'at' | 'actor'>,
    now: Date = new Date(),
  ): Promise<AuditEntry> {
    const e = AuditLog.entry(actor, entry, now);
    await this.append(e);
    return e;
  }

  /** Idempotent by the entry's id: a recovery that repeats a copy changes nothing. */
  private async append(e: AuditEntry): Promise<void> {
    const { id, ...rest } = auditDoc(e) as unknown as AuditEntry;
    try {
      await this.collection.insertOne({ _id: id, ...rest } as Doc);
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
  }

  /** Aggregate collections whose documents carry audit entries written with their actions (`auditPending`). */
  private readonly sources: mongo.Collection<Doc>[] = [];

  /** Watch a collection whose writes carry audit entries: its pending entries are recovered after a crash. */
  async watch(collection: mongo.Collection<Doc>): Promise<void> {
    if (!this.sources.includes(collection)) this.sources.push(collection);
    await collection.createIndex(AUDIT_PENDING_INDEX.key, AUDIT_PENDING_INDEX.options);
  }

  /**
   * Moves the audit entries one document's writes carried into the audit trail. Called right after the write; what a
   * crash left on the document is moved by `recover`. Copy first, then remove: a crash in between copies again,
   * which the entry's id makes harmless.
   */
  async settle(collection: mongo.Collection<Doc>, id: string): Promise<void> {
    const doc = await collection.findOne({ _id: id } as Doc, { projection: { auditPending: 1 } });
    const pending = (doc?.auditPending ?? []) as AuditEntry[];
    if (pending.length === 0) return;
    for (const e of pending) await this.append(e);
    await collection.updateOne({ _id: id } as Doc, { $pull: { auditPending: { id: { $in: pending.map((e) => e.id) } } } } as Doc);
  }

  /** Settles what crashes left: entries older than `graceMs` (younger ones are their writer's to settle). */
  async recover(now: Date = new Date(), graceMs = 5_000): Promise<number> {
    const cutoff = new Date(now.getTime() - graceMs).toISOString();
    let n = 0;
    for (const c of this.sources) {
      const docs = await c.find({ 'auditPending.at': { $lte: cutoff } }, { projection: { _id: 1 } }).limit(100).toArray();
      for (const d of docs) {
        await this.settle(c, d._id as unknown as string);
        n++;
      }
    }
    return n;
  }

  /** Recovery at start-up and then every `everyMs` (reads only the pending entries' index: idle cost is nil). */
  startRecovery(log: Logger, everyMs = 10_000): { stop: () => Promise<void> } {
    const run = () =>
      this.recover()
        .then((n) => n && log.warn({ documents: n }, 'audit entries recovered'))
        .catch((err: unknown) => log.warn({ err }, 'audit recovery failed'));
    void run();
    const timer = setInterval(() => void run(), everyMs);
    timer.unref();
    return { stop: async () => clearInterval(timer) };
  }

  /**
   * Newest first by (at, _id), filtered on the server: { at: -1, _id: -1 } overall, and for a filter the index of its
   * most selective part (one target, then one operator, then the kinds of action); the other parts are checked on
   * the entries that index finds (auditQuery).
   */
  list(o: AuditFilter & PageRequest): Promise<AuditPage> {
    const { filter, hint } = auditQuery(o);
    return findPage(this.collection, {
      filter,
      hint,
      by: 'at',
      dir: -1,
      page: o,
      map: ({ _id, ...d }) => ({ id: String(_id), ...d }) as AuditEntry,
    });
  }

}

/** What the back office filters the audit by: one target, one operator, and kinds of action (any of them). */
export interface AuditFilter {
  target?: { type: string; id: string } | undefined;
  actorId?: string | undefined;
  actions?: readonly string[] | undefined;
}

/** The audit list's filter and the index that serves it (keys as ensureIndexes creates them). */
export const auditQuery = (o: AuditFilter): { filter: Doc; hint: Doc } => {
  const filter: Doc = {
    ...(o.target ? { 'target.type': o.target.type, 'target.id': o.target.id } : {}),
    ...(o.actorId ? { 'actor.userId': o.actorId } : {}),
    ...(o.actions?.length ? { action: o.actions.length === 1 ? o.actions[0] : { $in: [...o.actions] } } : {}),
  };
  const hint = o.target
    ? { 'target.type': 1, 'target.id': 1, at: -1, _id: -1 }
    : o.actorId
      ? { 'actor.userId': 1, at: -1, _id: -1 }
      : o.actions?.length
        ? { action: 1, at: -1, _id: -1 }
        : { at: -1, _id: -1 };
  return { filter, hint };
};

export const AuditEntryView = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ userId: z.string(), name: z.string().optional() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    reason: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditEntry' });

/** Why an operator acts: required on every mutating admin call, shown in the audit trail. */
export const AdminReason = z.string().trim().min(3).max(500);
