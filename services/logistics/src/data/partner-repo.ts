import type { AuditLog, AuditRecord, Principal } from '@ftt/kit';
import { auditDoc, decodeCursor, encodeCursor } from '@ftt/kit';
import type { mongo } from 'mongoose';
import { z } from 'zod';
import type { Partner, PartnerStore } from '../use-cases/ports-admin';

type Doc = mongo.Document;
const After = z.object({ id: z.string() });

const toPartner = ({ _id, auditPending: _audit, namedBy: _namedBy, ...d }: Doc): Partner =>
  ({ partnerId: String(_id), suspended: null, ...d }) as Partner;

/**
 * Partners as logistics knows them: every partner that claimed a shipment (the partner id of the claimer's membership,
 * the claimer's name, the shipment's region), one document
 * each (_id = partner id), with the operators' suspension. Read by _id only (the default index).
 */
export class PartnerRepo implements PartnerStore {
  constructor(
    private readonly col: mongo.Collection<Doc>,
    private readonly shipments: mongo.Collection<Doc>,
  ) {}

  /** Partners who claimed before partner records existed: the distinct partner ids of the shipments' partner index. */
  async backfill(now: Date): Promise<number> {
    const ids = (await this.shipments.distinct('partnerId', { partnerId: { $type: 'string' } })) as string[];
    for (const id of ids) {
      await this.col.updateOne({ _id: id } as Doc, { $setOnInsert: { firstSeenAt: now.toISOString(), claims: 0, suspended: null } }, { upsert: true });
    }
    return ids.length;
  }

  async noteClaim(partnerId: string, by: Principal, region: string | undefined, now: Date): Promise<void> {
    await this.col.updateOne(
      { _id: partnerId } as Doc,
      {
        // namedBy: whose name it is, so that their erasure (person.erased.v1) finds it
        $set: {
          lastClaimAt: now.toISOString(),
          ...(by.name ? { name: by.name, namedBy: by.userId } : {}),
          ...(region ? { region } : {}),
        },
        $inc: { claims: 1 },
        $setOnInsert: { firstSeenAt: now.toISOString(), suspended: null },
      },
      { upsert: true },
    );
  }

  /** A partner identity announced (approved, suspended) that has not claimed yet: its record, so it can be suspended. */
  async ensure(partnerId: string, now: Date): Promise<void> {
    await this.col.updateOne(
      { _id: partnerId } as Doc,
      { $setOnInsert: { firstSeenAt: now.toISOString(), claims: 0, suspended: null } },
      { upsert: true },
    );
  }

  async get(partnerId: string): Promise<Partner | null> {
    const doc = await this.col.findOne({ _id: partnerId } as Doc);
    return doc ? toPartner(doc) : null;
  }

  /** Conditional on the current suspension, so two operators cannot both act on the same state. */
  /** `audit`: the operator's action, kept in the same write (moved to the trail by `settleAudit` or the recovery). */
  async setSuspended(
    partnerId: string,
    suspended: Partner['suspended'],
    expectSuspended: boolean,
    audit: AuditRecord,
  ): Promise<Partner | null> {
    const doc = await this.col.findOneAndUpdate(
      { _id: partnerId, 'suspended.at': { $exists: expectSuspended } } as Doc,
      { $set: { suspended }, $push: { auditPending: auditDoc(audit) } } as Doc,
      { returnDocument: 'after' },
    );
    return doc ? toPartner(doc) : null;
  }

  settleAudit(log: AuditLog, partnerId: string): Promise<void> {
    return log.settle(this.col, partnerId);
  }

  async page(o: { cursor?: string | undefined; limit: number }) {
    const after = decodeCursor(After, o.cursor);
    const docs = await this.col
      .find(after ? ({ _id: { $gt: after.id } } as Doc) : {})
      .sort({ _id: 1 })
      .limit(o.limit + 1)
      .toArray();
    const items = docs.slice(0, o.limit).map(toPartner);
    const last = items.at(-1);
    return { items, nextCursor: docs.length > o.limit && last ? encodeCursor({ id: last.partnerId }) : null };
  }
}
