import type { Money } from '@ftt/contracts';
import type { FarmPart, Order } from './order';

export interface FeeSettings {
  /** What logistics charges for one farm's shipment, in minor units of the order's currency. */
  deliveryFeeMinor: number;
  /** The platform's cut of each farm's goods, in basis points (500 = 5%). */
  platformFeeBps: number;
}

export const money = (amount: number, currency: string): Money => ({ amount, currency });

/** Rounded to the nearest minor unit, so the farmer never loses a fraction of a cent to truncation. */
export const platformFeeOf = (goodsMinor: number, bps: number): number => Math.round((goodsMinor * bps) / 10_000);

/** Percentage with one decimal; 0 when nothing was paid. */
export const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10);

/**
 * The one definition of "the farm's share": what the farmer receives as a percentage of the produce price (the
 * goods), after the platform fee. Delivery is not produce: it goes to logistics and is left out. The buyer's order
 * page and the farmer's payouts page both show this number.
 */
export const farmShareOfProduce = (farmerReceivesMinor: number, goodsMinor: number): number => percent(farmerReceivesMinor, goodsMinor);

export const farmAmounts = (goodsMinor: number, currency: string, s: FeeSettings) => {
  const fee = platformFeeOf(goodsMinor, s.platformFeeBps);
  return {
    goods: money(goodsMinor, currency),
    deliveryFee: money(s.deliveryFeeMinor, currency),
    platformFee: money(fee, currency),
    farmerReceives: money(goodsMinor - fee, currency),
  };
};

export const orderTotals = (farms: Pick<FarmPart, 'goods' | 'deliveryFee' | 'platformFee'>[], currency: string) => {
  const sum = (pick: (f: (typeof farms)[number]) => Money) => farms.reduce((n, f) => n + pick(f).amount, 0);
  const goods = sum((f) => f.goods);
  const delivery = sum((f) => f.deliveryFee);
  return {
    goods: money(goods, currency),
    delivery: money(delivery, currency),
    platformFee: money(sum((f) => f.platformFee), currency),
    total: money(goods + delivery, currency),
  };
};

export interface FarmSplit {
  farmId: string;
  farmName: string;
  goods: Money;
  farmerReceives: Money;
  logisticsCost: Money;
  platformFee: Money;
  /** The farm's share of the produce price (farmShareOfProduce). */
  farmShareOfProducePercent: number;
}

export interface ValueSplit {
  goodsTotal: Money;
  logisticsTotal: Money;
  platformFeeTotal: Money;
  total: Money;
  farmersReceive: Money;
  /** The farms' share of the produce price of the whole order (farmShareOfProduce). */
  farmShareOfProducePercent: number;
  farms: FarmSplit[];
}

/** Where the buyer's money goes: to each farmer, to logistics, to the platform. */
export const valueSplit = (order: Pick<Order, 'farms' | 'totals' | 'currency'>): ValueSplit => {
  const farmersReceive = order.farms.reduce((n, f) => n + f.farmerReceives.amount, 0);
  return {
    goodsTotal: order.totals.goods,
    logisticsTotal: order.totals.delivery,
    platformFeeTotal: order.totals.platformFee,
    total: order.totals.total,
    farmersReceive: money(farmersReceive, order.currency),
    farmShareOfProducePercent: farmShareOfProduce(farmersReceive, order.totals.goods.amount),
    farms: order.farms.map((f) => ({
      farmId: f.farmId,
      farmName: f.farmName,
      goods: f.goods,
      farmerReceives: f.farmerReceives,
      logisticsCost: f.deliveryFee,
      platformFee: f.platformFee,
      farmShareOfProducePercent: farmShareOfProduce(f.farmerReceives.amount, f.goods.amount),
    })),
  };
};
