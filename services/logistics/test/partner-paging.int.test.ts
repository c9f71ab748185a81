import { randomUUID } from 'node:crypto';
import { startedForFile } from '@ftt/kit/test-hooks';
import type { TestPrincipal } from '@ftt/kit/testing';
import type { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { prepareShipmentImport } from '../src/data/history-import';
import { awaitShipments, listing, orderConfirmed, startHarness } from './support';

const h = startedForFile(() => startHarness('logistics-paging'));

type Doc = mongo.Document;
const INTERNAL = ['outbox', 'outboxPending', 'outboxLeaseUntil', 'outboxAttempts', 'processedEventIds'];
const col = (name: string) => h.db.db!.collection(name);

/**
 * Copies of one real document, stored as the repository stores them, `sameMs` at a time sharing one time; shipments
 * with what the service writes with one (their day buckets, listed in the directory).
 */
const copier = (collection: string, template: Doc, idField: string, timeFields: string[], timeOf: (tick: number) => string) => {
  let tick = 0;
  return async (n: number, sameMs: number, over: Doc = {}, perId: (id: string) => Doc = () => ({})) => {
    const docs: Doc[] = [];
    for (let i = 0; i < n; i++) {
      if (i % sameMs === 0) tick += 1;
      const id = randomUUID();
      const doc: Doc = { ...template, ...over, ...perId(id), _id: id, [idField]: id, ...Object.fromEntries(timeFields.map((f) => [f, timeOf(tick)])) };
      for (const k of INTERNAL) delete doc[k];
      docs.push(doc);
    }
    if (collection === 'shipments') await prepareShipmentImport(h.db.db!, docs);
    await col(collection).insertMany(docs as never[]);
    return docs.map((d) => String(d._id));
  };
};

/** Pages with small pages while `during` adds items; before cursors the history paged with before=<nextBefore>. */
const pageAll = async (path: string, who: TestPrincipal, limit: number, idOf: (x: Doc) => string, during: () => Promise<unknown>) => {
  const seen: string[] = [];
  let next = '';
  for (let pages = 0; pages < 200; pages++) {
    const res = await h.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=${limit}${next}`, who);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = (Array.isArray(res.body) ? res.body : res.body.items) as Doc[];
    seen.push(...items.map(idOf));
    await during();
    if (res.body.nextCursor) next = `&cursor=${encodeURIComponent(res.body.nextCursor as string)}`;
    else if (res.body.nextBefore) next = `&before=${encodeURIComponent(res.body.nextBefore as string)}`;
    else break;
  }
  return seen;
};

const exactlyOnce = (seen: string[], expected: string[]) => {
  expect(seen.length - new Set(seen).size, 'duplicates').toBe(0);
  const missing = expected.filter((id) => !seen.includes(id));
  expect(missing.length, `${missing.length} of ${expected.length} never seen`).toBe(0);
};

describe("a partner's lists page with a cursor (issue #27, finding 4)", () => {
  it('when a partner with 250 finished shipments pages history and their delivered list 9 at a time while 40 more finish, then each of the 250 is seen exactly once', async () => {
    const partner: TestPrincipal = { userId: `user-partner-${randomUUID().slice(0, 8)}`, role: 'logistics', region: 'Gelderland' };
    const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `PAGE-${randomUUID().slice(0, 8)}` })]);
    await h.probe.send('ftt.orders.order.confirmed.v1', order);
    const [s] = await awaitShipments(h, order.orderId, 1);
    expect((await h.call('POST', `/shipments/${s!.shipmentId}/claim`, partner)).status).toBe(200);
    const template = (await col('shipments').findOne({ _id: s!._id }))!;
    const base = Date.parse('2026-02-01T00:00:00.000Z');
    // Finished the same millisecond as they were created: updatedAt ties too, as the history's old cursor used it.
    const copy = copier('shipments', template, 'shipmentId', ['createdAt', 'updatedAt'], (tick) => new Date(base + tick).toISOString());
    const finished = (n: number, sameMs: number) => copy(n, sameMs, { status: 'delivered' }, (id) => ({ trackingCode: `FTT-${id.replaceAll('-', '').slice(0, 12).toUpperCase()}` }));
    const before = await finished(250, 6);
    const more: string[] = [];
    const during = async () => {
      if (more.length < 40) more.push(...(await finished(2, 2)));
    };
    const byId = (x: Doc) => String(x.shipmentId);
    exactlyOnce(await pageAll('/shipments/mine/history', partner, 9, byId, during), before);
    exactlyOnce(await pageAll('/shipments/mine?status=delivered', partner, 9, byId, during), before);
    const all = await pageAll('/shipments/mine', partner, 100, byId, async () => undefined);
    exactlyOnce(all, [...before, ...more, s!.shipmentId as string]);
  });

  it("when a partner's 270 shipments lie on 30 days with an empty day between each and their lists are paged 9 at a time while more arrive, then each is seen exactly once, newest first, across the day buckets", async () => {
    const partner: TestPrincipal = { userId: `user-partner-${randomUUID().slice(0, 8)}`, role: 'logistics', region: 'Gelderland' };
    const order = orderConfirmed([listing({ farm: 'dehof', lotCode: `DAYS-${randomUUID().slice(0, 8)}` })]);
    await h.probe.send('ftt.orders.order.confirmed.v1', order);
    const [s] = await awaitShipments(h, order.orderId, 1);
    expect((await h.call('POST', `/shipments/${s!.shipmentId}/claim`, partner)).status).toBe(200);
    const template = (await col('shipments').findOne({ _id: s!._id }))!;
    const day = 86_400_000;
    // Three ticks a day, three shipments a tick (ties), on every other day back from 1 March: 9 a day, 30 buckets.
    const at = (tick: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') - Math.floor(tick / 3) * 2 * day + (tick % 3) * 60_000).toISOString();
    const copy = copier('shipments', template, 'shipmentId', ['createdAt', 'updatedAt'], at);
    const tracking = (id: string) => ({ trackingCode: `FTT-${id.replaceAll('-', '').slice(0, 12).toUpperCase()}` });
    const delivered = await copy(150, 3, { status: 'delivered' }, tracking);
    const returned = await copy(60, 3, { status: 'returned' }, tracking);
    const cancelled = await copy(60, 3, { status: 'cancelled' }, tracking);
    const now = copier('shipments', template, 'shipmentId', ['createdAt', 'updatedAt'], () => new Date().toISOString());
    const old = copier('shipments', template, 'shipmentId', ['createdAt', 'updatedAt'], () => '2025-06-01T08:00:00.000Z');
    const more: string[] = [];
    const moreDelivered: string[] = [];
    // New ones claimed today (before every cursor) and on a day long paged past (after it).
    const during = async () => {
      if (more.length < 40) {
        const d = await now(2, 2, { status: 'delivered' }, tracking);
        moreDelivered.push(...d);
        more.push(...d, ...(await old(1, 1, { status: 'returned' }, tracking)));
      }
    };
    const byId = (x: Doc) => String(x.shipmentId);
    exactlyOnce(await pageAll('/shipments/mine', partner, 9, byId, during), [s!.shipmentId as string, ...delivered, ...returned, ...cancelled]);
    exactlyOnce(await pageAll('/shipments/mine/history', partner, 9, byId, during), [...delivered, ...returned]);
    exactlyOnce(await pageAll('/shipments/mine?status=delivered', partner, 9, byId, during), delivered);
    exactlyOnce(await pageAll('/shipments/mine?status=cancelled', partner, 9, byId, during), cancelled);
    // A full pass answers exactly the stored shipments in the cursor's order (newest first, ties by id).
    const again = await pageAll('/shipments/mine', partner, 100, byId, async () => undefined);
    const stored = await col('shipments').find({ partnerId: partner.userId }).sort({ createdAt: -1, _id: -1 }).project({ shipmentId: 1 }).toArray();
    expect(again).toEqual(stored.map(byId));
    expect(again).toHaveLength(1 + 270 + more.length);
    const history = await pageAll('/shipments/mine/history', partner, 100, byId, async () => undefined);
    expect(history).toEqual(again.filter((id) => !cancelled.includes(id) && id !== s!.shipmentId));
    expect(moreDelivered.every((id) => history.includes(id))).toBe(true);
  });

  it('when a partner with 250 runs pages their runs 9 at a time while 30 more are claimed, then each of the 250 is seen exactly once, newest day first', async () => {
    const partner: TestPrincipal = { userId: `user-partner-${randomUUID().slice(0, 8)}`, role: 'logistics', region: 'Gelderland' };
    const day = '2026-12-14';
    const base = orderConfirmed([listing({ farm: 'dehof', lotCode: `RUNPG-${randomUUID().slice(0, 6)}` })]);
    const order = {
      ...base,
      // Routed by the drop's place: a market stall in Wageningen.
      dropoff: { ...base.dropoff, address: { line1: 'Markt 1', city: 'Wageningen', postalCode: '6701 AA', country: 'NL' } },
      deliveryDate: day,
      drop: { kind: 'pickup_point' as const, region: 'Gelderland', pickupPointId: 'pp-wageningen-markt', name: 'Marktkraam Wageningen', pointKind: 'market_stall' as const, opens: '08:00', closes: '13:00' },
    };
    await h.probe.send('ftt.orders.order.confirmed.v1', order);
    await awaitShipments(h, order.orderId, 1);
    const planned = await h.call('POST', '/runs/plan', partner, { region: 'Gelderland', day });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    expect(planned.body).toHaveLength(1);
    const runId = (planned.body as { runId: string }[])[0]!.runId;
    expect((await h.call('POST', `/runs/${runId}/claim`, partner)).status).toBe(200);
    const template = (await col('runs').findOne({ _id: runId } as Doc))!;
    // Ten runs a day, going back in days from 2026-01-01.
    const dayOf = (tick: number) => new Date(Date.parse('2026-01-01') - tick * 86_400_000).toISOString().slice(0, 10);
    const copy = copier('runs', template, 'runId', ['day'], dayOf);
    const before = await copy(250, 10);
    const more: string[] = [];
    const seen = await pageAll('/runs/mine', partner, 9, (x) => String(x.runId), async () => {
      if (more.length < 30) more.push(...(await copy(3, 3)));
    });
    exactlyOnce(seen, before);
    expect(seen[0]).toBe(runId);
  });
});
