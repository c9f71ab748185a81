import type { Connection, mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Api, AuditLog, auditQuery, connectMongo, runService, type RunningService } from '../src/index';
import { asPrincipal, testEnv, token } from '../src/testing';

/**
 * Issue #29: the back office's audit list is filtered on the server (kind of action, operator, target) with its
 * cursor paging kept, and every filter is served by an index (explained on the service's own database).
 */
const t = testEnv('audit-filters');
let svc: RunningService;
let db: Connection;
const ada = asPrincipal({ userId: 'user-admin-ada', role: 'admin', name: 'Ada' });
const bob = asPrincipal({ userId: 'user-admin-bob', role: 'admin', name: 'Bob' });

beforeAll(async () => {
  svc = await runService('audit-fixture', z.object({}), t.serviceEnv(), async () => ({
    api: new Api({ title: 'fixture', version: '1' }, t.auth),
    start: async () => [],
  }));
  db = await connectMongo(t.mongoUrl);
  // 30 actions a second apart: farms suspended and reinstated by Ada, refunds by Bob, one replay
  const log = AuditLog.of(db);
  const start = Date.parse('2026-12-01T08:00:00Z');
  for (let i = 0; i < 30; i++) {
    const [who, action, target] =
      i % 3 === 0
        ? [bob, 'order.refund', { type: 'order', id: `ord-${i % 2}` }]
        : [ada, i % 3 === 1 ? 'farm.suspend' : 'farm.reinstate', { type: 'farm', id: `farm-${i % 4}` }];
    await log.record(who, { action, target, reason: `reason ${i}` }, new Date(start + i * 1000));
  }
  await log.record(
    ada,
    { action: 'dead_letter.replay', target: { type: 'dead_letter', id: 'x[0]@1' }, reason: 'fixed' },
    new Date(start + 40_000),
  );
});
afterAll(async () => {
  await svc?.stop();
  await db?.close();
});

type Entry = {
  id: string;
  at: string;
  action: string;
  actor: { userId: string };
  target: { type: string; id: string };
};
type Page = { items: Entry[]; nextCursor: string | null };
const get = async (query: string) => {
  const res = await fetch(`${svc.url}/admin/audit?${query}`, {
    headers: { authorization: `Bearer ${await token(t, ada)}` },
  });
  return { status: res.status, body: (await res.json()) as Page & { errors?: { field: string }[] } };
};
/** Every page of a filtered list, following nextCursor, `limit` at a time. */
const all = async (query: string, limit: number) => {
  const out: Entry[] = [];
  let cursor: string | null = null;
  do {
    const r = await get(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeLessThanOrEqual(limit);
    out.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor);
  return out;
};
const newestFirst = (items: Entry[]) => items.every((e, i) => i === 0 || items[i - 1]!.at >= e.at);

describe('the audit list, filtered on the server', () => {
  it('when an operator filters by kinds of action, then only those come, newest first, page by page without gaps or repeats', async () => {
    const farms = await all('action=farm.suspend,farm.reinstate', 7);
    expect(farms).toHaveLength(20);
    expect(new Set(farms.map((e) => e.id)).size).toBe(20);
    expect(farms.every((e) => e.action.startsWith('farm.'))).toBe(true);
    expect(newestFirst(farms)).toBe(true);
    expect(await all('action=order.refund', 4)).toHaveLength(10);
  });

  it('when an operator filters by operator, by target, or by all three at once, then exactly the matching entries come', async () => {
    const bobs = await all(`actorId=${bob.userId}`, 3);
    expect(bobs.map((e) => e.actor.userId)).toEqual(Array(10).fill(bob.userId));
    const farm1 = await all('targetType=farm&targetId=farm-1', 2);
    expect(farm1.length).toBeGreaterThan(0);
    expect(farm1.every((e) => e.target.id === 'farm-1')).toBe(true);
    const three = await all(`action=farm.suspend&actorId=${ada.userId}&targetType=farm&targetId=farm-1`, 2);
    expect(three.every((e) => e.action === 'farm.suspend' && e.target.id === 'farm-1')).toBe(true);
    expect(three.length).toBe(farm1.filter((e) => e.action === 'farm.suspend').length);
    expect((await get(`actorId=user-admin-nobody`)).body.items).toEqual([]);
  });

  it('when the filter is malformed, then a 400 names the query field', async () => {
    for (const [query, field] of [
      ['action=Farm Suspend', 'query.action'],
      ['action=farm.suspend,', 'query.action'],
      ['actorId=', 'query.actorId'],
      ['targetType=farm', 'query.targetId'],
    ] as const) {
      const r = await get(query);
      expect([query, r.status, r.body.errors?.map((e) => e.field)]).toEqual([query, 400, [field]]);
    }
  });

  it('when each filter is explained on the database, then an index serves it (no collection scan)', async () => {
    const collection = db.db!.collection('admin_audit') as mongo.Collection;
    for (const o of [
      {},
      { actions: ['farm.suspend', 'farm.reinstate'] },
      { actions: ['order.refund'] },
      { actorId: bob.userId },
      { target: { type: 'farm', id: 'farm-1' } },
      { actions: ['farm.suspend'], actorId: ada.userId, target: { type: 'farm', id: 'farm-1' } },
    ]) {
      const { filter, hint } = auditQuery(o);
      const plan = JSON.stringify(
        await collection.find(filter).sort({ at: -1, _id: -1 }).hint(hint).limit(26).explain(),
      );
      expect(plan, JSON.stringify(o)).toContain('IXSCAN');
      expect(plan, JSON.stringify(o)).not.toContain('COLLSCAN');
    }
  });
});
