import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually } from '@ftt/kit/testing';
import type { ListingSnapshot } from '@ftt/contracts';
import type { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../test/support/qr-from-pdf';
import { openCollections } from '../src/data/collections';
import { FarmMoneyRepo } from '../src/data/farm-money-repo';
import { OrderRepo } from '../src/data/order-repo';
import { localDate } from '../src/domain/delivery-day';
import type { ProviderTransaction } from '../src/domain/reports/reconciliation';
import type { Deps } from '../src/use-cases/context';
import { reconciliationOf } from '../src/use-cases/reports';
import { TAX_RATES } from '../src/domain/receipts/tax-rates';
import { startHarness } from './support/harness';
import { shipmentRef, twoFarmCart } from './support/saga-steps';

/**
 * Issue #33: a farm's report of a period (sales, tax per rate, payouts; CSV and PDF; its owners only) and the operators'
 * reconciliation of a day against the payment provider, here the simulated one, whose ledger is what it did.
 */
const h = startedForFile(() => startHarness({ stripe: false }));

type Doc = mongo.Document;
const tz = TAX_RATES.nl!.timeZone;
const today = () => localDate(new Date(), tz);

/** Placed, stock reserved and paid with the simulated provider: confirmed. */
const confirm = async (lines: { listingId: string; quantity: number }[]) => {
  const placed = await h.placeOrder(lines);
  expect(placed.status).toBe(201);
  const orderId = placed.body.orderId as string;
  await h.probe.send('ftt.catalog.stock.reserved.v1', { orderId, lines, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() });
  await h.waitForState(orderId, 'awaiting_payment');
  expect((await h.call('POST', `/orders/${orderId}/pay`, { token: h.users.ben, body: { outcome: 'succeeded' } })).status).toBe(200);
  await h.waitForState(orderId, 'confirmed');
  return orderId;
};
const delivered = (orderId: string, farmId: string) =>
  h.probe.send('ftt.logistics.shipment.delivered.v1', { ...shipmentRef(orderId, farmId), recipientName: 'Ben', proofRef: `proof-${orderId}` });

/** Anna's apples and Joost's kale (saga-steps' cart), published once for the file. */
let apples: ListingSnapshot;
let kale: ListingSnapshot;
const setUp = (() => {
  let done: Promise<{ paidOut: string; refunded: string }> | undefined;
  return () =>
    (done ??= (async () => {
      const cart = await twoFarmCart(h);
      ({ apples, kale } = cart);
      const both = cart.lines;
      const paidOut = await confirm(both);
      await delivered(paidOut, apples.farmId);
      await delivered(paidOut, kale.farmId);
      const refunded = await confirm([{ listingId: apples.listingId, quantity: 1 }]);
      expect((await h.call('POST', `/admin/orders/${refunded}/refunds`, { token: h.users.ada, body: { amountMinor: 300, reason: 'a bruised apple' } })).status).toBe(201);
      await h.waitForState(paidOut, 'completed');
      await eventually(async () => ((await h.storedOrder(paidOut))!.farms as Doc[]).every((f) => f.payout?.status === 'paid'), 20_000);
      return { paidOut, refunded };
    })());
})();

const csv = async (path: string, token: string) => {
  const res = await fetch(`${h.service!.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};
const rows = (text: string) => text.trim().split('\n').map((l) => l.split(','));
const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
const cents = (s: string) => Math.round(Number(s) * 100);

describe("a farm's report of a period", () => {
  it('when the owner downloads a month, then its sales, tax per rate and payouts are its own orders’, and the tax adds up to the gross', async () => {
    const { paidOut, refunded } = await setUp();
    const month = today().slice(0, 7);
    const owner = await h.farmer(apples.farmId);
    const sales = await csv(`/farms/${apples.farmId}/report.csv?month=${month}`, owner);
    expect(sales.status, sales.text).toBe(200);
    expect(sales.type).toContain('text/csv');
    const [head, ...lines] = rows(sales.text);
    expect(head).toEqual(['paid_at', 'order_id', 'state', 'lines', 'gross', 'tax', 'platform_fee', 'currency']);
    expect(lines.map((l) => l[1]).sort()).toEqual([paidOut, refunded].sort());
    const stored = await Promise.all([paidOut, refunded].map((id) => h.storedOrder(id)));
    const goods = sum(stored.map((o) => (o!.farms as Doc[]).find((f) => f.farmId === apples.farmId)!.goods.amount as number));
    expect(sum(lines.map((l) => cents(l[4]!)))).toBe(goods);

    const tax = await csv(`/farms/${apples.farmId}/report.csv?month=${month}&part=tax`, owner);
    const [, ...rates] = rows(tax.text);
    expect(rates.length).toBeGreaterThanOrEqual(1);
    // per rate net + tax = gross, and the rates' gross is the farm's goods: it adds up with the receipts
    for (const r of rates) expect(cents(r[2]!) + cents(r[3]!)).toBe(cents(r[1]!));
    expect(sum(rates.map((r) => cents(r[1]!)))).toBe(goods);

    const payouts = await csv(`/farms/${apples.farmId}/report.csv?from=${today()}&to=${today()}&part=payouts`, owner);
    const [, ...paid] = rows(payouts.text);
    const payout = (stored[0]!.farms as Doc[]).find((f) => f.farmId === apples.farmId)!.payout;
    expect(paid).toEqual([[expect.any(String), paidOut, payout.transferId, ...[payout.gross, payout.platformFee, payout.delivery, payout.amount].map((m: Doc) => (m.amount / 100).toFixed(2)), 'EUR']]);

    const pdf = await fetch(`${h.service!.url}/farms/${apples.farmId}/report.pdf?month=${month}`, { headers: { authorization: `Bearer ${owner}` } });
    expect(pdf.status).toBe(200);
    const text = textOf(new Uint8Array(await pdf.arrayBuffer())).replace(/\s+/g, ' ');
    expect(text).toContain('Report');
    expect(text).toContain('Tax per rate');
    expect(text).toContain(`Orders paid 2`);
  });

  it('when a packer, another farm’s owner or a bad period asks, then 403 or 400 naming the field', async () => {
    await setUp();
    const month = today().slice(0, 7);
    expect((await csv(`/farms/${apples.farmId}/report.csv?month=${month}`, await h.farmer(apples.farmId, 'packer'))).status).toBe(403);
    expect((await csv(`/farms/${apples.farmId}/report.pdf?month=${month}`, await h.farmer(kale.farmId))).status).toBe(403);
    const owner = await h.farmer(apples.farmId);
    for (const [query, field] of [
      ['month=2026-13', 'query.month'],
      [`month=${month}&from=2026-01-01&to=2026-01-31`, 'query.month'],
      ['from=2026-01-01', 'query.to'],
      ['from=2026-02-01&to=2026-01-01', 'query.to'],
      ['from=2025-01-01&to=2026-12-31', 'query.to'],
      [`month=${month}&part=everything`, 'query.part'],
      // the calendar's range: a far year is refused, never looped over
      ['from=9999-12-01&to=9999-12-31', 'query.from'],
      ['month=0001-01', 'query.month'],
    ] as const) {
      const res = await csv(`/farms/${apples.farmId}/report.csv?${query}`, owner);
      expect(res.status, query).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.text, query).toContain(field);
    }
  });
});

describe("the operators' reconciliation of a day", () => {
  it('when our records and the provider’s ledger agree, then the day lists no mismatch and the totals are the same on both sides', async () => {
    const { paidOut, refunded } = await setUp();
    const res = await h.call('GET', `/admin/reconciliation?day=${today()}`, { token: h.users.ada });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.mismatches).toEqual([]);
    const stored = await Promise.all([paidOut, refunded].map((id) => h.storedOrder(id)));
    const [eur] = res.body.totals;
    expect(eur.payments).toBe(sum(stored.map((o) => o!.payment.amount.amount as number)));
    expect(eur.refunds).toBe(300);
    expect(eur.payouts).toBe(sum((stored[0]!.farms as Doc[]).map((f) => f.payout.amount.amount as number)));
    expect(eur.platformFees).toBe(sum((stored[0]!.farms as Doc[]).map((f) => f.payout.platformFee.amount as number)));
    expect(eur.provider).toEqual({ payments: eur.payments, refunds: 300, payouts: eur.payouts, other: 0 });
    expect(res.body.matched).toBe(5);

    const file = await csv(`/admin/reconciliation.csv?day=${today()}`, h.users.ada);
    expect(file.status).toBe(200);
    expect(rows(file.text)[0]).toEqual(['row', 'kind', 'reference', 'order_id', 'transaction_id', 'ours', 'provider', 'currency']);
    expect(file.text).toContain(`total,payments,,,,${(eur.payments / 100).toFixed(2)},${(eur.payments / 100).toFixed(2)},EUR`);
    // a day with nothing: empty, not an error; a farmer may not; a bad day is a 400 naming it
    expect((await h.call('GET', '/admin/reconciliation?day=2020-01-01', { token: h.users.ada })).body).toMatchObject({ totals: [], mismatches: [], matched: 0 });
    expect((await h.call('GET', `/admin/reconciliation?day=${today()}`, { token: await h.farmer(apples.farmId) })).status).toBe(403);
    for (const day of ['07-12-2026', '9999-12-31', '1900-01-01']) {
      const bad = await h.call('GET', `/admin/reconciliation?day=${day}`, { token: h.users.ada });
      expect(bad.status, day).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('query.day');
    }
  });

  it('when the provider holds a refund we do not, or an amount a cent off, then the report lists exactly that', async () => {
    const { paidOut, refunded } = await setUp();
    const collections = await openCollections(h.db);
    const orders = new OrderRepo(collections.orders, {
      directory: collections.pageBuckets,
      money: new FarmMoneyRepo(collections.farmMoney, h.db.getClient()),
      client: h.db.getClient(),
    });
    // the provider's side, written from what the stored orders say the provider did
    const stored = await Promise.all([paidOut, refunded].map((id) => h.storedOrder(id)));
    const tx = (kind: ProviderTransaction['kind'], ref: string, amount: number): ProviderTransaction => ({
      id: `txn_${ref}`,
      kind,
      ref,
      amount,
      currency: 'EUR',
      at: new Date().toISOString(),
    });
    const ledger = [
      ...stored.map((o) => tx('payment', o!.payment.paymentId, o!.payment.amount.amount)),
      ...(stored[1]!.operatorRefunds as Doc[]).map((r) => tx('refund', r.refundId, r.amount.amount)),
      ...(stored[0]!.farms as Doc[]).map((f) => tx('payout', f.payout.transferId, f.payout.amount.amount)),
    ];
    const run = (theirs: ProviderTransaction[]) =>
      reconciliationOf(
        { orders, log: { warn: () => undefined }, provider: { name: 'simulated', balanceTransactions: async () => theirs } } as unknown as Deps,
        TAX_RATES.nl!,
        today(),
      );
    expect((await run(ledger)).mismatches).toEqual([]);
    const extra = await run([...ledger, tx('refund', 're_nobody_knows', 700)]);
    expect(extra.mismatches).toEqual([
      { problem: 'missing_in_records', kind: 'refund', ref: 're_nobody_knows', transactionId: 'txn_re_nobody_knows', theirs: 700, currency: 'EUR' },
    ]);
    const [first, ...rest] = ledger;
    const offByOne = await run([{ ...first!, amount: first!.amount - 1 }, ...rest]);
    expect(offByOne.mismatches).toEqual([
      { problem: 'amount_differs', kind: 'payment', ref: first!.ref, orderId: paidOut, transactionId: first!.id, ours: first!.amount, theirs: first!.amount - 1, currency: 'EUR' },
    ]);
  });
});
