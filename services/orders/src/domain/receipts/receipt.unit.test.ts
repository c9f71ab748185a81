import { describe, expect, it } from 'vitest';
import { valueSplit } from '../money';
import { placeOrder } from '../place';
import { address, changed, readModel, settings, snapshot, T0 } from '../test-fixtures';
import { creditNoteOf, receiptOf } from './receipt';
import { TAX_RATES, taxInside } from './tax-rates';

/** A small deterministic generator (mulberry32): the same 200 orders on every run, any of them reproducible. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const CATEGORIES = ['vegetables', 'fruit', 'eggs', 'dairy', 'honey-and-preserves'];
const FARMS = ['farm-a', 'farm-b', 'farm-c', 'farm-d'];

/** One random order through the real pricing (placeOrder): 1..4 farms, 1..6 lines, odd prices and fee rates. */
const randomOrder = (rnd: () => number, n: number) => {
  const listings = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, i) => {
    const farmId = FARMS[Math.floor(rnd() * FARMS.length)]!;
    return snapshot({
      listingId: `l-${n}-${i}`,
      farmId,
      farmName: `Farm ${farmId}`,
      category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!,
      unitPrice: { amount: 1 + Math.floor(rnd() * 4_999), currency: 'EUR' },
      lot: {
        lotCode: `LOT-${n}-${i}`,
        farmId,
        field: 'F',
        harvestDate: '2025-05-30',
        quantity: 10_000,
        unit: 'kg',
      },
    });
  });
  const order = changed(
    placeOrder(null, {
        orderId: `order-${n}`,
        buyerId: 'user-buyer-ben',
        lines: listings.map((l) => ({ listingId: l.listingId, quantity: 1 + Math.floor(rnd() * 9) })),
        deliveryAddress: address,
        contact: { name: 'Ben' },
        listings: readModel(...listings),
        settings: { ...settings, platformFeeBps: Math.floor(rnd() * 2_000), deliveryFeeMinor: Math.floor(rnd() * 1_500) },
      }, T0),
  ).order;
  const category = new Map(listings.map((l) => [l.listingId, l.category]));
  return { order, categoryOf: (id: string) => category.get(id)! };
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('receipts and credit notes', () => {
  it('when 200 random orders in two markets get receipts, then every total and tax line adds up to the order’s value split to the cent', () => {
    const rnd = random(33);
    for (let n = 0; n < 200; n++) {
      const market = n % 2 ? TAX_RATES.be! : TAX_RATES.nl!;
      const { order, categoryOf } = randomOrder(rnd, n);
      const split = valueSplit(order);
      const r = receiptOf(order, categoryOf, market);
      const where = `order ${n} (${market.market})`;
      expect(r.total, where).toBe(split.total.amount);
      expect(sum(r.sellers.map((s) => s.total)) + r.delivery.gross, where).toBe(split.total.amount);
      expect(r.delivery.gross, where).toBe(split.logisticsTotal.amount);
      expect(r.platformFee.gross, where).toBe(split.platformFeeTotal.amount);
      expect(sum(r.sellers.map((s) => s.platformFeeIncluded)), where).toBe(split.platformFeeTotal.amount);
      for (const s of r.sellers) {
        const farm = split.farms.find((f) => f.farmId === s.sellerId)!;
        // each farm sells its own goods: its lines, its tax lines and its total are its part of the split
        expect(s.total, where).toBe(farm.goods.amount);
        expect(sum(s.lines.map((l) => l.amount)), where).toBe(farm.goods.amount);
        expect(sum(s.taxes.map((t) => t.gross)), where).toBe(farm.goods.amount);
        expect(s.platformFeeIncluded + farm.farmerReceives.amount, where).toBe(farm.goods.amount);
        for (const t of s.taxes) {
          expect(t.net + t.tax, where).toBe(t.gross);
          expect(t.rateBps, where).toBe(market.goods.default);
        }
      }
      expect(r.taxTotal, where).toBe(
        sum(r.sellers.flatMap((s) => s.taxes.map((t) => t.tax))) + r.delivery.tax,
      );

      // a refund of a random part of it: the credit note sums to it, no line gets back more than it cost
      const refund = Math.floor(rnd() * (r.total + 1));
      const note = creditNoteOf(r, { amount: refund, currency: 'EUR' });
      expect(note.total, where).toBe(refund);
      expect(sum(note.sellers.map((s) => s.total)), where).toBe(refund);
      for (const s of note.sellers) {
        expect(sum(s.taxes.map((t) => t.net + t.tax)), where).toBe(s.total);
        for (const l of s.lines) expect(l.amount, where).toBeLessThanOrEqual(l.paid);
      }
    }
  });

  it('when the whole order is refunded, then the credit note gives back each line and the delivery exactly', () => {
    const { order, categoryOf } = randomOrder(random(7), 1);
    const r = receiptOf(order, categoryOf, TAX_RATES.nl!);
    const note = creditNoteOf(r, { amount: r.total, currency: 'EUR' });
    for (const s of note.sellers) for (const l of s.lines) expect(l.amount).toBe(l.paid);
  });

  it('when tax is taken out of a tax-inclusive amount, then 9 % of 10.90 is 0.90 and net plus tax is always the gross', () => {
    expect(taxInside(1090, 900)).toEqual({ net: 1000, tax: 90 });
    expect(taxInside(1, 2100)).toEqual({ net: 1, tax: 0 });
    expect(taxInside(0, 600)).toEqual({ net: 0, tax: 0 });
  });

  it('when a refund is more than was paid or in another currency, then that is a bug, not a credit note', () => {
    const { order, categoryOf } = randomOrder(random(9), 2);
    const r = receiptOf(order, categoryOf, TAX_RATES.nl!);
    expect(() => creditNoteOf(r, { amount: r.total + 1, currency: 'EUR' })).toThrow();
    expect(() => creditNoteOf(r, { amount: 1, currency: 'USD' })).toThrow();
  });
});
