import { describe, expect, it } from 'vitest';
import { receiptOf } from '../receipts/receipt';
import { TAX_RATES } from '../receipts/tax-rates';
import { confirmedOrder, later } from '../test-fixtures';
import { farmReport } from './farm-report';
import { periodRange } from './money-days';

const rates = TAX_RATES.nl!;
const categoryOf = (listingId: string) => (listingId.includes('kale') ? 'vegetables' : 'fruit');

describe("a farm's report of a period", () => {
  it('when a farm sold in the period and was paid out, then its sales and tax are its receipt part and its payout is listed with the fee', () => {
    const paid = confirmedOrder();
    const farm = paid.farms[0]!;
    const paidAt = later(3_600, new Date(paid.payment!.succeededAt!)).toISOString();
    const order = {
      ...paid,
      farms: paid.farms.map((f) =>
        f.farmId === farm.farmId
          ? { ...f, payout: { status: 'paid' as const, gross: f.goods, platformFee: f.platformFee, amount: f.farmerReceives, delivery: f.deliveryFee, transferId: 'tr_1', paidAt, attempts: 1 } }
          : f,
      ),
    };
    const day = paid.payment!.succeededAt!.slice(0, 10);
    const r = farmReport({ farmId: farm.farmId, farmName: farm.farmName }, [order], periodRange({ from: day, to: day }, rates.timeZone), categoryOf, rates, 'EUR');
    const seller = receiptOf(order, categoryOf, rates).sellers.find((s) => s.sellerId === farm.farmId)!;
    expect(r.sales).toEqual([{ paidAt: paid.payment!.succeededAt, orderId: paid.orderId, state: 'confirmed', lines: seller.lines.length, gross: farm.goods.amount, platformFee: farm.platformFee.amount, taxes: seller.taxes }]);
    expect(r.taxes).toEqual(seller.taxes);
    expect(r.totals.gross).toBe(r.totals.net + r.totals.tax);
    expect(r.payouts).toEqual([{ paidAt, orderId: paid.orderId, transferId: 'tr_1', gross: farm.goods.amount, platformFee: farm.platformFee.amount, delivery: farm.deliveryFee.amount, amount: farm.farmerReceives.amount }]);
    expect(r.totals).toMatchObject({ orders: 1, paid: farm.farmerReceives.amount, payoutFees: farm.platformFee.amount });

    // another farm's report, or a period before, holds none of it
    expect(farmReport({ farmId: 'farm-other', farmName: 'Other' }, [order], periodRange({ from: day, to: day }, rates.timeZone), categoryOf, rates, 'EUR').sales).toEqual([]);
    const before = periodRange({ from: '2020-01-01', to: '2020-01-31' }, rates.timeZone);
    expect(farmReport({ farmId: farm.farmId, farmName: farm.farmName }, [order], before, categoryOf, rates, 'EUR').totals).toMatchObject({ orders: 0, gross: 0, paid: 0 });
  });
});
