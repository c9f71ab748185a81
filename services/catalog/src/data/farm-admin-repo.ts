import { decodeCursor, encodeCursor, type AuditLog } from '@ftt/kit';
import type { mongo } from 'mongoose';
import { z } from 'zod';
import type { Farm } from '../domain/farm';
import type { Reservation } from '../domain/reservation';
import { fromDocument, INTERNAL_FIELDS, type Collection } from './collections';

const After = z.object({ n: z.string(), id: z.string() });

/** The operators' reads: farms by name (the farms' name index) with keyset paging; one order's reservation by _id. */
export class CatalogAdminRepo {
  constructor(
    private readonly farms: Collection,
    private readonly reservations: Collection,
  ) {}

  /** Moves the audit entries a farm's writes carried into the trail (what a crash leaves, the log's recovery moves). */
  settleAudit(audit: AuditLog, farmId: string): Promise<void> {
    return audit.settle(this.farms, farmId);
  }

  async farmsPage(o: { status?: 'active' | 'suspended' | undefined; cursor?: string | undefined; limit: number }) {
    const filter: mongo.Document = {};
    if (o.status === 'suspended') filter['suspended.at'] = { $exists: true };
    if (o.status === 'active') filter['suspended.at'] = { $exists: false };
    const after = decodeCursor(After, o.cursor);
    if (after) filter.$or = [{ name: { $gt: after.n } }, { name: after.n, _id: { $gt: after.id } }];
    const docs = await this.farms.find(filter, { projection: INTERNAL_FIELDS }).sort({ name: 1, _id: 1 }).limit(o.limit + 1).toArray();
    const items = docs.slice(0, o.limit).map((d) => {
      const { listingsSynced: _s, ...f } = fromDocument(d);
      return f as unknown as Farm;
    });
    const last = items.at(-1);
    return { items, nextCursor: docs.length > o.limit && last ? encodeCursor({ n: last.name, id: last.id }) : null };
  }

  async reservation(orderId: string): Promise<Reservation | null> {
    const doc = await this.reservations.findOne({ _id: orderId } as mongo.Document, { projection: INTERNAL_FIELDS });
    return doc ? (fromDocument(doc) as unknown as Reservation) : null;
  }
}
