import { randomUUID } from 'node:crypto';
import type { Connection, mongo } from 'mongoose';
import { z } from 'zod';
import type { Principal } from '../auth';
import { DomainError } from '../errors';

/** One operator action: who, when, what (action + target), why, and what it changed. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: { userId: string; name?: string | undefined };
  /** e.g. 'order.refund', 'farm.suspend', 'dead_letter.replay'. */
  action: string;
  target: { type: string; id: string };
  reason?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `after` for the next (older) page; null on the last page. */
  next: string | null;
}

/** Keyset cursor over (at, id), newest first: opaque to clients, checked when it comes back. */
const Cursor = z.object({ at: z.string(), id: z.string() });
export const encodeCursor = (c: Record<string, unknown>): string => Buffer.from(JSON.stringify(c)).toString('base64url');
export const decodeCursor = <T>(schema: z.ZodType<T>, raw: string | undefined, field = 'query.after'): T | undefined => {
  if (raw === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw new DomainError('cursor.invalid', 'invalid cursor', [{ field, message: 'pass the `next` of a previous page' }]);
  }
};

type Doc = mongo.Document;

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
    ]));
  }

  async record(
    actor: Principal,
    entry: Omit<AuditEntry, 'id' | 'at' | 'actor'>,
    now: Date = new Date(),
  ): Promise<AuditEntry> {
    const e: AuditEntry = {
      id: randomUUID(),
      at: now.toISOString(),
      actor: { userId: actor.userId, ...(actor.name ? { name: actor.name } : {}) },
      ...entry,
    };
    const { id, ...rest } = e;
    await this.collection.insertOne({ _id: id, ...JSON.parse(JSON.stringify(rest)) } as Doc);
    return e;
  }

  async list(o: { target?: { type: string; id: string } | undefined; after?: string | undefined; limit: number }): Promise<AuditPage> {
    const after = decodeCursor(Cursor, o.after);
    const filter: Doc = o.target ? { 'target.type': o.target.type, 'target.id': o.target.id } : {};
    if (after) filter.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }];
    const docs = await this.collection
      .find(filter)
      .sort({ at: -1, _id: -1 })
      .limit(o.limit + 1)
      .toArray();
    const page = docs.slice(0, o.limit).map(({ _id, ...d }) => ({ id: String(_id), ...d }) as AuditEntry);
    const last = page.at(-1);
    return { entries: page, next: docs.length > o.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null };
  }
}

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

/** Paging of admin lists: an opaque cursor from the previous page and a bounded page size. */
export const PageQuery = {
  after: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};
