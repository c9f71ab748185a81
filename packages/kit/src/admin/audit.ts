import { randomUUID } from 'node:crypto';
import type { Connection, mongo } from 'mongoose';
import { z } from 'zod';
import type { Principal } from '../auth';
import { findPage, type Page, type PageRequest } from '../mongo/page';

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

export type AuditPage = Page<AuditEntry>;

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

  /** Newest first by (at, _id): { at: -1, _id: -1 } overall, the target index for one target. */
  list(o: { target?: { type: string; id: string } | undefined } & PageRequest): Promise<AuditPage> {
    return findPage(this.collection, {
      filter: o.target ? { 'target.type': o.target.type, 'target.id': o.target.id } : {},
      by: 'at',
      dir: -1,
      page: o,
      map: ({ _id, ...d }) => ({ id: String(_id), ...d }) as AuditEntry,
    });
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
