import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually } from '@ftt/kit/testing';
import type { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { farmMoney } from '../src/data/farm-aggregates';
import { totalsFromRows } from '../src/data/farm-money-repo';
import { farmSnapshot } from './support/fixtures';
import { paymentIntent, startHarness } from './support/harness';
import { shipmentRef } from './support/saga-steps';

const h = startedForFile(() => startHarness());

type Doc = mongo.Document;

/** The farm's totals summed over its orders by the database (the whole-history aggregation the running totals replaced). */
const summed = async (farmId: string) =>
  totalsFromRows(await farmMoney(h.db.collection('orders') as unknown as mongo.Collection<Doc>, farmId)).map((t) => ({
    currency: t.currency,
    gross: { amount: t.gross, currency: t.currency },
    platformFee: { amount: t.platformFee, currency: t.currency },
    paid: { amount: t.paid, currency: t.currency },
    pending: { amount: t.pending, currency: t.currency },
    transfers: t.transfers,
  }));

/** As the farm's owner (a membership of that farm), or as `who`. */
const totals = async (farmId: string, who?: string) => {
  who ??= await h.farmer(farmId);
  const res = await h.call('GET', `/farms/${farmId}/payouts/totals`, { token: who });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.totals as Doc[]).map(({ farmShareOfProducePercent: _p, ...t }) => t);
};

/** Placed, stock reserved and paid: confirmed. */
const confirm = async (lines: { listingId: string; quantity: number }[]) => {
  const placed = await h.placeOrder(lines);
  expect(placed.status).toBe(201);
  const orderId = placed.body.orderId as string;
  await h.probe.send('ftt.catalog.stock.reserved.v1', { orderId, lines, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() });
  await h.waitForState(orderId, 'awaiting_payment');
  const stored = (await h.storedOrder(orderId))!;
  expect((await h.webhook('payment_intent.succeeded', paymentIntent(stored.payment.paymentId, orderId, stored.totals.total.amount))).status).toBe(200);
  await h.waitForState(orderId, 'confirmed');
  return orderId;
};

const delivered = (orderId: string, farmId: string) =>
  h.probe.send('ftt.logistics.shipment.delivered.v1', { ...shipmentRef(orderId, farmId), recipientName: 'Ben', proofRef: `proof-${orderId}` });
const returned = (orderId: string, farmId: string) => h.probe.send('ftt.logistics.shipment.returned.v1', { ...shipmentRef(orderId, farmId), reason: 'nobody home' });

describe("a farm's payout totals are kept running (issue #27)", () => {
  it('when two farms go through a mixed run (paid out, partly returned, refunded, confirmed, unpaid, eight confirmed at once), then each farm\'s running totals equal the sum over its orders, and a reconciliation finds nothing to change', async () => {
    const apples = farmSnapshot('anna');
    const kale = farmSnapshot('joost');
    await h.publishListing(apples);
    await h.publishListing(kale);
    const both = [
      { listingId: apples.listingId, quantity: 2 },
      { listingId: kale.listingId, quantity: 1 },
    ];
    // Paid out to both farms.
    const paidOut = await confirm(both);
    await delivered(paidOut, apples.farmId);
    await delivered(paidOut, kale.farmId);
    // Delivered at one farm, returned at the other: one payout, a part refunded.
    const partly = await confirm(both);
    await delivered(partly, apples.farmId);
    await returned(partly, kale.farmId);
    // Returned everywhere: refunded, nobody paid.
    const refunded = await confirm(both);
    await returned(refunded, apples.farmId);
    await returned(refunded, kale.farmId);
    // Eight confirmed at once (their transactions meet on the farms' totals), one placed and never paid.
    const concurrent = await Promise.all(Array.from({ length: 8 }, (_, i) => confirm([{ listingId: apples.listingId, quantity: 1 + (i % 3) }])));
    const unpaid = await h.placeOrder([{ listingId: apples.listingId, quantity: 5 }]);
    expect(unpaid.status).toBe(201);

    await h.waitForState(refunded, 'refunded');
    for (const id of [paidOut, partly]) {
      await h.waitForState(id, 'completed');
      await eventually(async () => ((await h.storedOrder(id))!.farms as Doc[]).every((f) => f.returned || f.payout?.status === 'paid'), 20_000);
    }
    expect(concurrent).toHaveLength(8);

    for (const [farm, who] of [
      [apples, await h.farmer(apples.farmId)],
      [kale, await h.farmer(kale.farmId, 'owner', 'user-farmer-joost')],
    ] as const) {
      const expected = await summed(farm.farmId);
      expect(expected.length).toBe(1);
      expect(await totals(farm.farmId, who)).toEqual(expected);
      const check = await h.call('POST', `/admin/farms/${farm.farmId}/payouts/totals/reconcile`, { token: h.users.ada, body: { reason: 'totals test' } });
      expect(check.status, JSON.stringify(check.body)).toBe(200);
      expect(check.body.changed).toBe(false);
    }
    // The apples farm: two transfers paid (paidOut, partly), and nine orders still to deliver promise their share.
    expect((await totals(apples.farmId))[0]).toMatchObject({ transfers: 2 });
    expect((await totals(apples.farmId))[0]!.pending.amount).toBeGreaterThan(0);
  });

  it('when the running totals went wrong (a lost write), then the reconciliation sets them to the sum over the orders, audited', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const orderId = await confirm([{ listingId: apples.listingId, quantity: 3 }]);
    await delivered(orderId, apples.farmId);
    await h.waitForState(orderId, 'completed');
    await eventually(async () => ((await h.storedOrder(orderId))!.farms as Doc[])[0]!.payout?.status === 'paid', 20_000);
    const right = await summed(apples.farmId);
    expect(await totals(apples.farmId)).toEqual(right);

    await h.db.collection('farm_money').updateOne({ farmId: apples.farmId }, { $inc: { paid: 12_345, transfers: 1 } });
    expect(await totals(apples.farmId)).not.toEqual(right);
    expect((await h.call('POST', `/admin/farms/${apples.farmId}/payouts/totals/reconcile`, { token: h.users.anna, body: { reason: 'not mine' } })).status).toBe(403);
    const fixed = await h.call('POST', `/admin/farms/${apples.farmId}/payouts/totals/reconcile`, { token: h.users.ada, body: { reason: 'a lost write' } });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body).toMatchObject({ farmId: apples.farmId, changed: true });
    expect(fixed.body.after.map(({ farmShareOfProducePercent: _p, ...t }: Doc) => t)).toEqual(right);
    expect(await totals(apples.farmId)).toEqual(right);
    const trail = await h.call('GET', `/admin/audit?limit=5`, { token: h.users.ada });
    expect(trail.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'farm.payout_totals.reconcile', target: { type: 'farm', id: apples.farmId }, reason: 'a lost write' })]),
    );
    expect((await h.call('POST', '/admin/farms/farm-nowhere/payouts/totals/reconcile', { token: h.users.ada, body: { reason: 'no such farm' } })).status).toBe(404);
  });

  it('when a farm\'s only order is confirmed and then goes back, then its totals are empty again, as the sum over its orders is', async () => {
    const apples = farmSnapshot('anna');
    await h.publishListing(apples);
    const orderId = await confirm([{ listingId: apples.listingId, quantity: 1 }]);
    expect((await totals(apples.farmId))[0]).toMatchObject({ pending: { amount: expect.any(Number) } });
    await returned(orderId, apples.farmId);
    await h.waitForState(orderId, 'refunded');
    expect(await summed(apples.farmId)).toEqual([]);
    expect(await totals(apples.farmId)).toEqual([]);
  });
});
