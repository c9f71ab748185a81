import type { Connection, mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AggregateRepo, AuditLog, change, commandHandler, connectMongo, reject, type Principal } from '../src/index';
import { testEnv } from '../src/testing';

// A farm that an operator suspends: the smallest aggregate with an audited action.
interface Farm {
  id: string;
  suspended: boolean;
}

const t = testEnv('audit-atomic');
const ada: Principal = { userId: 'user-admin-ada', memberships: [{ kind: 'operator' }] };
let db: Connection;
let farms: mongo.Collection<mongo.Document>;

const handler = () =>
  commandHandler<Farm, never>({
    aggregate: 'farm',
    store: new AggregateRepo<Farm>(farms, {
      idOf: (f) => f.id,
      toState: (doc) => ({ id: String(doc._id), suspended: Boolean(doc.suspended) }),
      toFields: (f) => ({ suspended: f.suspended }),
    }),
    clock: () => new Date(),
    toEvents: () => [],
  });

/** The suspension as a use case does it: the entry rides in the action's write; `settle` would follow. */
const suspend = (id: string, reason: string) =>
  handler()(
    id,
    (current) => (current?.suspended ? reject('farm.conflict', 'suspended already') : change({ id, suspended: true }, [])),
    { audit: AuditLog.entry(ada, { action: 'farm.suspend', target: { type: 'farm', id }, reason }) },
  );

const trail = (log: AuditLog, id: string) => log.list({ target: { type: 'farm', id }, limit: 10 });

beforeAll(async () => {
  db = await connectMongo(t.mongoUrl);
  farms = db.collection('farms') as never;
  await farms.insertOne({ _id: 'f1', suspended: false, version: 1 } as never);
  await farms.insertOne({ _id: 'f2', suspended: false, version: 1 } as never);
});
afterAll(async () => {
  await db.dropDatabase();
  await db.close();
});

describe('an operator action and its audit entry', () => {
  it('when the process dies right after the action is written (before its audit entry is), then the entry is on the action’s document, and the restarted service moves it to the trail once, so no action goes unaudited', async () => {
    const before = new AuditLog(db.collection('admin_audit') as never);
    await before.ensureIndexes();
    await before.watch(farms);
    await suspend('f1', 'hygiene complaint');
    // the fault: nothing after the write ran (no settle); the action and its entry were one write
    const doc = await farms.findOne({ _id: 'f1' } as never);
    expect(doc).toMatchObject({ suspended: true, version: 2, auditPending: [{ action: 'farm.suspend', reason: 'hygiene complaint' }] });
    expect((await trail(before, 'f1')).items).toEqual([]);

    // the restarted process: a new audit log over the same database recovers what the crash left
    const after = new AuditLog(db.collection('admin_audit') as never);
    await after.watch(farms);
    const later = new Date(Date.now() + 60_000);
    expect(await after.recover(later)).toBe(1);
    expect(await after.recover(later)).toBe(0);
    const entries = (await trail(after, 'f1')).items;
    expect(entries).toEqual([
      expect.objectContaining({ action: 'farm.suspend', reason: 'hygiene complaint', actor: { userId: 'user-admin-ada' } }),
    ]);
    expect(entries[0]!.id).toBe((doc!.auditPending as { id: string }[])[0]!.id);
    expect((await farms.findOne({ _id: 'f1' } as never))!.auditPending).toEqual([]);
  });

  it('when the writer settles at once, then the entry is in the trail exactly once (a recovery racing it adds nothing), and a refused action leaves no entry', async () => {
    const log = new AuditLog(db.collection('admin_audit') as never);
    await log.watch(farms);
    await suspend('f2', 'late deliveries');
    await Promise.all([log.settle(farms, 'f2'), log.recover(new Date(Date.now() + 60_000))]);
    expect((await trail(log, 'f2')).items.map((e) => e.reason)).toEqual(['late deliveries']);
    await expect(suspend('f2', 'again')).rejects.toMatchObject({ code: 'farm.conflict' });
    await log.settle(farms, 'f2');
    expect((await trail(log, 'f2')).items.map((e) => e.reason)).toEqual(['late deliveries']);
  });
});
