import type { Money } from '@ftt/contracts';
import type { Order } from '../order';
import { goodsRate, taxInside, type MarketTaxRates } from './tax-rates';

/** One taxed amount of a document: the gross (what the buyer paid), its rate and the tax inside it. */
export interface TaxLine {
  rateBps: number;
  gross: number;
  net: number;
  tax: number;
}

export interface SellerPart {
  /** The farm that sells its goods (the seller of record for them). */
  sellerId: string;
  sellerName: string;
  lines: {
    listingId: string;
    title: string;
    quantity: number;
    unit: string;
    category: string;
    rateBps: number;
    amount: number;
  }[];
  /** Per rate, summed before the tax is taken out (one rounding per rate, not per line). */
  taxes: TaxLine[];
  total: number;
  /** The platform's fee inside the farm's goods: the farm pays it, the buyer's total does not change. */
  platformFeeIncluded: number;
}

export interface Receipt {
  orderId: string;
  currency: string;
  market: string;
  sellers: SellerPart[];
  /** Delivery, a service the platform sells, on a line of its own. */
  delivery: TaxLine;
  /** The platform fee, on a line of its own (informative: paid by the farms out of their goods). */
  platformFee: TaxLine;
  taxTotal: number;
  total: number;
}

const taxLines = (amounts: { rateBps: number; amount: number }[]): TaxLine[] => {
  const byRate = new Map<number, number>();
  for (const a of amounts) byRate.set(a.rateBps, (byRate.get(a.rateBps) ?? 0) + a.amount);
  return [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rateBps, gross]) => ({ rateBps, gross, ...taxInside(gross, rateBps) }));
};

/**
 * The buyer's receipt of a paid order, from the order's own amounts (never recomputed from prices): each farm the
 * seller of its goods with the tax per rate of its categories, delivery and the platform fee on lines of their own.
 * Its totals are the order's value split: the farms' goods, the delivery, the fee and the total, to the cent.
 */
export const receiptOf = (
  order: Pick<Order, 'orderId' | 'currency' | 'lines' | 'farms' | 'totals'>,
  categoryOf: (listingId: string) => string,
  rates: MarketTaxRates,
): Receipt => {
  const sellers = order.farms.map((f): SellerPart => {
    const lines = order.lines
      .filter((l) => l.farmId === f.farmId)
      .map((l) => {
        const category = categoryOf(l.listingId);
        return {
          listingId: l.listingId,
          title: l.title,
          quantity: l.quantity,
          unit: l.unit,
          category,
          rateBps: goodsRate(rates, category),
          amount: l.lineTotal.amount,
        };
      });
    return {
      sellerId: f.farmId,
      sellerName: f.farmName,
      lines,
      taxes: taxLines(lines),
      total: f.goods.amount,
      platformFeeIncluded: f.platformFee.amount,
    };
  });
  const delivery = taxLines([{ rateBps: rates.delivery, amount: order.totals.delivery.amount }])[0]!;
  const platformFee = taxLines([{ rateBps: rates.platformFee, amount: order.totals.platformFee.amount }])[0]!;
  return {
    orderId: order.orderId,
    currency: order.currency,
    market: rates.market,
    sellers,
    delivery,
    platformFee,
    // the fee's tax is the farms' to reclaim, not inside the buyer's total
    taxTotal: sellers.reduce((n, s) => n + s.taxes.reduce((m, t) => m + t.tax, 0), 0) + delivery.tax,
    total: order.totals.total.amount,
  };
};

/**
 * A credit note for a refund: the refunded amount spread over the receipt's amounts (goods lines and delivery) in
 * proportion, by largest remainder, so it sums to the refund to the cent and no line gets back more than it cost.
 * `amount` is what the ledger refunded (never more than was paid: the ledger's rule).
 */
export const creditNoteOf = (receipt: Receipt, amount: Money) => {
  if (amount.currency !== receipt.currency)
    throw new Error('bug: a refund in another currency than its order');
  if (amount.amount < 0 || amount.amount > receipt.total)
    throw new Error('bug: a refund beyond what was paid');
  const parts = [
    ...receipt.sellers.flatMap((s) =>
      s.lines.map((l) => ({ sellerId: s.sellerId, key: l.listingId, rateBps: l.rateBps, paid: l.amount })),
    ),
    {
      sellerId: 'platform',
      key: 'delivery',
      rateBps: receipt.delivery.rateBps,
      paid: receipt.delivery.gross,
    },
  ];
  const paid = parts.reduce((n, p) => n + p.paid, 0);
  const exact = parts.map((p) => (paid === 0 ? 0 : (p.paid * amount.amount) / paid));
  const back = exact.map(Math.floor);
  let left = amount.amount - back.reduce((n, b) => n + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (back[i]! < parts[i]!.paid) {
      back[i]! += 1;
      left -= 1;
    }
  }
  const lines = parts.map((p, i) => ({ ...p, amount: back[i]! })).filter((l) => l.amount > 0);
  const sellers = [...new Set(lines.map((l) => l.sellerId))].map((sellerId) => {
    const own = lines.filter((l) => l.sellerId === sellerId);
    return { sellerId, lines: own, taxes: taxLines(own), total: own.reduce((n, l) => n + l.amount, 0) };
  });
  return { orderId: receipt.orderId, currency: receipt.currency, sellers, total: amount.amount };
};
export type CreditNote = ReturnType<typeof creditNoteOf>;
