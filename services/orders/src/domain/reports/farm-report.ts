import type { Order } from '../order';
import { receiptOf, type TaxLine } from '../receipts/receipt';
import type { MarketTaxRates } from '../receipts/tax-rates';
import { within } from './money-days';

/** One sale of the farm: its part of an order paid in the period (the receipt's seller part). */
export interface SaleRow {
  paidAt: string;
  orderId: string;
  state: string;
  lines: number;
  gross: number;
  /** The platform's fee inside the gross: the farm pays it out of the goods. */
  platformFee: number;
  taxes: TaxLine[];
}

/** One payout to the farm made in the period, with what was kept back. */
export interface PayoutRow {
  paidAt: string;
  orderId: string;
  transferId: string;
  gross: number;
  platformFee: number;
  delivery: number;
  amount: number;
}

export interface FarmReport {
  farmId: string;
  farmName: string;
  currency: string;
  sales: SaleRow[];
  /** The sales' tax per rate: each is the sum of the receipts' own tax lines, so it adds up with them. */
  taxes: TaxLine[];
  payouts: PayoutRow[];
  totals: { orders: number; lines: number; gross: number; net: number; tax: number; platformFee: number; paid: number; payoutFees: number };
}

/**
 * A farm's report of a period (issue #33): its sales (its part of every order paid in the period, from the same
 * receipt domain as the buyer's receipt, so the tax per rate is the receipts' to the cent) and its payouts made in
 * the period, with the fee kept. Amounts in minor units of the market's one currency.
 */
export const farmReport = (
  farm: { farmId: string; farmName: string },
  orders: readonly Order[],
  range: { start: Date; end: Date },
  categoryOf: (listingId: string) => string,
  rates: MarketTaxRates,
  currency: string,
): FarmReport => {
  const sales: SaleRow[] = [];
  const payouts: PayoutRow[] = [];
  const byRate = new Map<number, TaxLine>();
  for (const o of orders) {
    const part = o.farms.find((f) => f.farmId === farm.farmId);
    if (!part) continue;
    const paidAt = o.payment?.status === 'succeeded' ? o.payment.succeededAt : undefined;
    if (within(paidAt, range)) {
      const seller = receiptOf(o, categoryOf, rates).sellers.find((s) => s.sellerId === farm.farmId)!;
      sales.push({ paidAt, orderId: o.orderId, state: o.state, lines: seller.lines.length, gross: seller.total, platformFee: seller.platformFeeIncluded, taxes: seller.taxes });
      for (const t of seller.taxes) {
        const sum = byRate.get(t.rateBps) ?? { rateBps: t.rateBps, gross: 0, net: 0, tax: 0 };
        byRate.set(t.rateBps, { rateBps: t.rateBps, gross: sum.gross + t.gross, net: sum.net + t.net, tax: sum.tax + t.tax });
      }
    }
    const p = part.payout;
    if (p?.status === 'paid' && within(p.paidAt, range))
      payouts.push({
        paidAt: p.paidAt,
        orderId: o.orderId,
        transferId: p.transferId ?? '',
        gross: p.gross.amount,
        platformFee: p.platformFee.amount,
        delivery: p.delivery?.amount ?? part.deliveryFee.amount,
        amount: p.amount.amount,
      });
  }
  sales.sort((a, b) => a.paidAt.localeCompare(b.paidAt) || a.orderId.localeCompare(b.orderId));
  payouts.sort((a, b) => a.paidAt.localeCompare(b.paidAt) || a.orderId.localeCompare(b.orderId));
  const taxes = [...byRate.values()].sort((a, b) => a.rateBps - b.rateBps);
  const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
  return {
    ...farm,
    currency,
    sales,
    taxes,
    payouts,
    totals: {
      orders: sales.length,
      lines: sum(sales, (s) => s.lines),
      gross: sum(sales, (s) => s.gross),
      net: sum(taxes, (t) => t.net),
      tax: sum(taxes, (t) => t.tax),
      platformFee: sum(sales, (s) => s.platformFee),
      paid: sum(payouts, (p) => p.amount),
      payoutFees: sum(payouts, (p) => p.platformFee),
    },
  };
};
