/**
 * Tax rates per market, in basis points of the net price (900 = 9 %), for the receipts (issue #33). A small table in
 * configuration until the markets issue makes markets data operators publish: the codes here name markets, and no code
 * path tests for one. Consumer prices are tax-inclusive, so receipts take each rate out of the gross amount.
 */
export interface MarketTaxRates {
  market: string;
  currency: string;
  /** Numbering periods (months) run in the market's time zone. */
  timeZone: string;
  /** Per listing category; `default` for a category the table does not name. */
  goods: Readonly<Record<string, number>> & { default: number };
  /** Delivery and the platform's fee are services, taxed at the market's standard rate. */
  delivery: number;
  platformFee: number;
}

export const TAX_RATES: Readonly<Record<string, MarketTaxRates>> = {
  nl: {
    market: 'nl',
    currency: 'EUR',
    timeZone: 'Europe/Amsterdam',
    // food at the reduced rate, flowers and plants too; the standard rate for services
    goods: {
      default: 900,
      vegetables: 900,
      fruit: 900,
      eggs: 900,
      dairy: 900,
      meat: 900,
      bread: 900,
      flowers: 900,
    },
    delivery: 2100,
    platformFee: 2100,
  },
  be: {
    market: 'be',
    currency: 'EUR',
    timeZone: 'Europe/Brussels',
    goods: {
      default: 600,
      vegetables: 600,
      fruit: 600,
      eggs: 600,
      dairy: 600,
      meat: 600,
      bread: 600,
      flowers: 600,
    },
    delivery: 2100,
    platformFee: 2100,
  },
};

export const goodsRate = (rates: MarketTaxRates, category: string): number =>
  rates.goods[category] ?? rates.goods.default;

/** The tax inside a tax-inclusive amount: gross − round(gross / (1 + rate)), so net + tax is the gross to the cent. */
export const taxInside = (grossMinor: number, rateBps: number) => {
  const net = Math.round((grossMinor * 10_000) / (10_000 + rateBps));
  return { net, tax: grossMinor - net };
};
