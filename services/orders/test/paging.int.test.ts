import { randomUUID } from 'node:crypto';
import { token } from '@ftt/kit/testing';
import { startedForFile } from '@ftt/kit/test-hooks';
import type { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { prepareOrderImport } from '../src/data/history-import';
import { startHarness } from './support/harness';
import { confirmedOrder } from './support/saga-steps';

const h = startedForFile(() => startHarness());

type Doc = mongo.Document;
const INTERNAL = ['outbox', 'outboxPending', 'outboxLeaseUntil', 'outboxAttempts', 'processedEventIds'];

/**
 * History made fast: copies of one real confirmed order stored as the repository stores them (no outbox, so nothing
 * is published), `sameMs` at a time sharing one placedAt, so page boundaries fall inside a millisecond. With `at`,
 * copy i is placed at at(i) (days apart: the lists' day buckets), ties still `sameMs` at a time. The copies carry
 * what the service writes with an order (bucket keys, their days in the directory, the farms' running totals).
 */
const copier = (template: Doc) => {
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  return async (n: number, o: { buyerId?: string; state?: 'confirmed' | 'completed' | 'cancelled'; sameMs?: number; at?: (i: number) => number } = {}) => {
    const docs: Doc[] = [];
    for (let i = 0; i < n; i++) {
      if (i % (o.sameMs ?? 5) === 0) clock += 1;
      const id = randomUUID();
      const placedAt = new Date(o.at ? o.at(Math.floor(i / (o.sameMs ?? 5))) : clock).toISOString();
      const doc: Doc = { ...template, _id: id, orderId: id, placedAt, updatedAt: placedAt, buyerId: o.buyerId ?? template.buyerId, state: o.state ?? 'confirmed' };
      if (o.state === 'completed') {
        doc.farms = (template.farms as Doc[]).map((f) => ({
          ...f,
          payout: { status: 'paid', gross: f.goods, platformFee: f.platformFee, amount: f.farmerReceives, attempts: 1, transferId: `tr_${id.slice(0, 8)}`, paidAt: placedAt },
        }));
      }
      for (const k of INTERNAL) delete doc[k];
      docs.push(doc);
    }
    await prepareOrderImport(h.db.db!, docs);
    await h.db.collection('orders').insertMany(docs as never[]);
    return docs.map((d) => String(d._id));
  };
};

/**
 * Pages a list with small pages while `during` adds items after each page; returns every id seen, in order.
 * Falls back to what the list answered before paging existed (the old keys), so today's code fails on the count.
 */
const pageAll = async (path: string, who: string, limit: number, during: () => Promise<unknown>) => {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await h.call('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: who });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = (res.body.items ?? res.body.orders ?? res.body.payouts ?? []) as { orderId: string }[];
    expect(items.length).toBeLessThanOrEqual(limit);
    seen.push(...items.map((x) => x.orderId));
    await during();
    cursor = res.body.nextCursor ?? null;
    if (!cursor) break;
  }
  return seen;
};

const exactlyOnce = (seen: string[], expected: string[]) => {
  expect(seen.length - new Set(seen).size, 'duplicates').toBe(0);
  const missing = expected.filter((id) => !seen.includes(id));
  expect(missing.length, `${missing.length} of ${expected.length} never seen`).toBe(0);
};

describe('lists that grow with history page with a cursor (issue #27)', () => {
  it("when a buyer with 208 orders pages GET /orders 7 at a time while 60 more are placed, then each of the 208 is seen exactly once and the next pass sees all 268", async () => {
    const o = await confirmedOrder(h);
    const template = (await h.storedOrder(o.orderId))!;
    const buyerId = `user-buyer-pager-${randomUUID().slice(0, 8)}`;
    const who = await token(h.t, { userId: buyerId, role: 'buyer' });
    const copy = copier(template);
    const before = await copy(208, { buyerId });
    const during: string[] = [];
    const seen = await pageAll('/orders', who, 7, async () => {
      if (during.length < 60) during.push(...(await copy(2, { buyerId, sameMs: 2 })));
    });
    exactlyOnce(seen, before);
    expect(seen.filter((id) => !before.includes(id)).every((id) => during.includes(id))).toBe(true);
    const again = await pageAll('/orders', who, 100, async () => undefined);
    expect(again).toHaveLength(208 + during.length);
    exactlyOnce(again, [...before, ...during]);
    // Newest first, ties broken by id: the order the cursor follows.
    const stored = await h.db.collection('orders').find({ buyerId }).sort({ placedAt: -1, _id: -1 }).project({ _id: 1 }).toArray();
    expect(again).toEqual(stored.map((d) => String(d._id)));
  });

  it("when a farm with 250 orders and 250 paid payouts pages both lists 9 at a time while more arrive, then every one is seen once and the totals count all of them", async () => {
    const o = await confirmedOrder(h);
    const template = (await h.storedOrder(o.orderId))!;
    const farmId = o.apples.farmId;
    const part = (template.farms as Doc[]).find((f) => f.farmId === farmId)!;
    const copy = copier(template);
    const confirmed = await copy(250, { sameMs: 7 });
    const completed = await copy(250, { state: 'completed', sameMs: 3 });
    const arriving: string[] = [];
    const more = async () => {
      if (arriving.length < 40) arriving.push(...(await copy(2, { state: 'completed' })));
    };
    const farmOrders = await pageAll(`/farms/${farmId}/orders?state=confirmed`, await h.farmer(farmId), 9, more);
    exactlyOnce(farmOrders, [o.orderId, ...confirmed]);
    const payouts = await pageAll(`/farms/${farmId}/payouts`, await h.farmer(farmId), 9, more);
    exactlyOnce(payouts, completed);
    const forged = await h.call('GET', `/farms/${farmId}/payouts?cursor=eyJ2IjoxfQ`, { token: await h.farmer(farmId) });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].field).toBe('query.cursor');

    const res = await h.call('GET', `/farms/${farmId}/payouts/totals`, { token: await h.farmer(farmId) });
    const paidCount = 250 + arriving.length;
    expect(res.body.totals).toEqual([
      expect.objectContaining({
        currency: 'EUR',
        paid: { amount: paidCount * (part.farmerReceives as Doc).amount, currency: 'EUR' },
        transfers: paidCount,
        // The confirmed ones (251 with the real one) will pay once delivered.
        pending: { amount: 251 * (part.farmerReceives as Doc).amount, currency: 'EUR' },
      }),
    ]);
  });

  it("when a farm's 270 orders lie on 30 days with an empty day between each and its lists are paged 9 at a time while orders arrive, then each is seen exactly once, newest first, across the day buckets", async () => {
    const o = await confirmedOrder(h);
    const template = (await h.storedOrder(o.orderId))!;
    const farmId = o.apples.farmId;
    const copy = copier(template);
    const day = 86_400_000;
    // Three ticks a day, three orders a tick (ties), on every other day back from 1 March: 9 a day, 30 day buckets.
    const at = (tick: number) => Date.parse('2026-03-01T10:00:00.000Z') - Math.floor(tick / 3) * 2 * day + (tick % 3) * 60_000;
    const completed = await copy(150, { state: 'completed', sameMs: 3, at });
    const cancelled = await copy(60, { state: 'cancelled', sameMs: 3, at: (t) => at(t) + 1000 });
    const confirmed = await copy(60, { sameMs: 3, at: (t) => at(t) + 2000 });
    const arriving: string[] = [];
    const arrivingPaid: string[] = [];
    // New ones today (before every cursor) and on a day long paged past (after it): neither moves a page still to come.
    const more = async () => {
      if (arriving.length < 40) {
        const paid = await copy(2, { state: 'completed', sameMs: 2, at: () => Date.now() });
        arrivingPaid.push(...paid);
        arriving.push(...paid, ...(await copy(1, { state: 'cancelled', sameMs: 1, at: () => Date.parse('2025-06-01T08:00:00.000Z') })));
      }
    };
    const all = [o.orderId, ...completed, ...cancelled, ...confirmed];
    const anna = await h.farmer(farmId);
    exactlyOnce(await pageAll(`/farms/${farmId}/orders`, anna, 9, more), all);
    exactlyOnce(await pageAll(`/farms/${farmId}/orders?state=completed`, anna, 9, more), completed);
    exactlyOnce(await pageAll(`/farms/${farmId}/orders?state=cancelled`, anna, 9, more), cancelled);
    exactlyOnce(await pageAll(`/farms/${farmId}/payouts`, anna, 9, more), completed);
    // A full pass answers exactly the stored orders in the cursor's order (newest first, ties by id).
    const again = await pageAll(`/farms/${farmId}/orders`, anna, 100, async () => undefined);
    const stored = await h.db
      .collection('orders')
      .find({ farmIds: farmId, state: { $in: ['confirmed', 'completed', 'cancelled', 'refunded'] } })
      .sort({ placedAt: -1, _id: -1 })
      .project({ _id: 1 })
      .toArray();
    expect(again).toEqual(stored.map((d) => String(d._id)));
    expect(again).toHaveLength(all.length + arriving.length);
    // The paid ones' payouts as one more list, in the same order.
    const payouts = await pageAll(`/farms/${farmId}/payouts`, anna, 100, async () => undefined);
    expect(payouts).toEqual(again.filter((id) => completed.includes(id) || arrivingPaid.includes(id)));
  });

  it('when a list is asked with a forged cursor or a limit above the maximum, then 400 problem+json naming the field', async () => {
    for (const [path, field] of [
      ['/orders?cursor=not-a-cursor', 'query.cursor'],
      ['/orders?limit=101', 'query.limit'],
      ['/orders?cursor=eyJ2IjoxfQ', 'query.cursor'],
      ['/farms/farm-x/orders?limit=0', 'query.limit'],
    ] as const) {
      const res = await h.call('GET', path, { token: path.startsWith('/orders') ? h.users.ben : h.users.ada });
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field), path).toContain(field);
    }
  });
});

describe("a farm's pending payouts (issue #29, finding 11)", () => {
  it('when three orders of a farm are confirmed and not yet delivered, then Payouts shows as pending what each promised the farmer', async () => {
    const farmOrders = [await confirmedOrder(h)];
    const farmId = farmOrders[0]!.apples.farmId;
    // Two more of the same farm's listing.
    for (let i = 0; i < 2; i++) {
      const placed = await h.placeOrder([{ listingId: farmOrders[0]!.apples.listingId, quantity: 1 + i }]);
      expect(placed.status).toBe(201);
      const orderId = placed.body.orderId as string;
      await h.probe.send('ftt.catalog.stock.reserved.v1', { orderId, lines: [{ listingId: farmOrders[0]!.apples.listingId, quantity: 1 + i }], expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() });
      await h.waitForState(orderId, 'awaiting_payment');
      const stored = (await h.storedOrder(orderId))!;
      const { paymentIntent } = await import('./support/harness');
      expect((await h.webhook('payment_intent.succeeded', paymentIntent(stored.payment.paymentId, orderId, stored.totals.total.amount))).status).toBe(200);
      await h.waitForState(orderId, 'confirmed');
    }
    const promised = (
      await h.db.collection('orders').find({ farmIds: farmId, state: 'confirmed' }).toArray()
    ).map((d) => (d.farms as Doc[]).find((f) => f.farmId === farmId)!.farmerReceives.amount as number);
    expect(promised).toHaveLength(3);
    const res = await h.call('GET', `/farms/${farmId}/payouts/totals`, { token: await h.farmer(farmId) });
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual([
      expect.objectContaining({ currency: 'EUR', pending: { amount: promised.reduce((a, b) => a + b, 0), currency: 'EUR' }, paid: { amount: 0, currency: 'EUR' } }),
    ]);
  });
});
