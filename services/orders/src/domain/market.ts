import type { EventData } from '@ftt/contracts';
import type { FieldIssue } from '@ftt/kit/domain';
import { TAX_RATES, type MarketTaxRates } from './receipts/tax-rates';

/**
 * A market is data, not code (issue #31): the currency (with the digits of its minor unit), languages, time zone,
 * postcode pattern, regions, tax rates, units and payment methods of one place where farms sell. Operators publish it
 * like the delivery offer; farms, listings, offers, orders and runs belong to one. No code path tests for a market's
 * code: what differs between markets is in here.
 */
export type Market = Omit<EventData<'ftt.orders.market.published.v1'>, 'version' | 'publishedAt'>;
export type PaymentMethod = Market['paymentMethods'][number];

/** The market of documents and events written before markets existed (they were all Dutch). */
export { LEGACY_MARKET } from '@ftt/contracts';

/** Whether a string names an IANA time zone this runtime knows (Intl throws a RangeError otherwise). */
export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    // 'UTC+1' style offsets are accepted by some runtimes: a market's zone is a named one, with its own DST rules
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(tz);
  } catch {
    return false;
  }
};

/** The digits of a currency's minor unit, or null when it is no ISO 4217 currency this runtime knows. */
export const currencyDigits = (code: string): number | null => {
  if (!/^[A-Z]{3}$/.test(code)) return null;
  const known = Intl.supportedValuesOf('currency');
  if (!known.includes(code)) return null;
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
};

/** The postcode pattern as a whole-string, Unicode regular expression (null when it is none). */
export const postcodeRegex = (pattern: string): RegExp | null => {
  try {
    return new RegExp(`^(?:${pattern.replace(/^\^/, '').replace(/\$$/, '')})$`, 'u');
  } catch {
    return null;
  }
};

export const postcodeMatches = (market: Pick<Market, 'postcodePattern'>, postcode: string): boolean =>
  postcodeRegex(market.postcodePattern)?.test(postcode.trim()) ?? false;

const isLanguageTag = (tag: string): boolean => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
};

/**
 * The rules a published market keeps beyond its shape (checked by the HTTP schema), each issue naming the field:
 * a currency this runtime knows with its own minor-unit digits (an amount in fen is read as fen everywhere), an IANA
 * time zone, a postcode pattern that compiles, BCP 47 languages, regions named once, each payment method once.
 */
export const validateMarket = (m: Market): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field: `body.${field}`, message });

  const digits = currencyDigits(m.currency.code);
  if (digits === null) add('currency.code', `${m.currency.code} is no ISO 4217 currency`);
  else if (digits !== m.currency.minorDigits)
    add('currency.minorDigits', `${m.currency.code} has ${digits} minor-unit digits, not ${m.currency.minorDigits}`);
  if (!isTimeZone(m.timeZone)) add('timeZone', `${m.timeZone} is no IANA time zone (such as Asia/Shanghai)`);
  m.languages.forEach((l, i) => {
    if (!isLanguageTag(l)) add(`languages.${i}`, `${l} is no BCP 47 language tag (such as zh-CN)`);
  });
  if (!postcodeRegex(m.postcodePattern)) add('postcodePattern', 'not a valid regular expression');
  const names = new Set<string>();
  m.regions.forEach((r, i) => {
    if (names.has(r.name)) add(`regions.${i}.name`, `${r.name} is listed twice`);
    names.add(r.name);
  });
  if (m.taxRates.goods.default === undefined) add('taxRates.goods.default', 'the rate of a category the table does not name');
  if (new Set(m.paymentMethods).size !== m.paymentMethods.length) add('paymentMethods', 'a method is listed twice');
  return issues;
};

/** A market's tax table in the shape receipts use. */
export const marketTaxRates = (m: Market): MarketTaxRates => ({
  market: m.code,
  currency: m.currency.code,
  timeZone: m.timeZone,
  goods: { default: 0, ...m.taxRates.goods },
  delivery: m.taxRates.delivery,
  platformFee: m.taxRates.platformFee,
});

const fromTaxTable = (
  t: MarketTaxRates,
  rest: Pick<Market, 'name' | 'languages' | 'country' | 'postcodePattern' | 'regions'>,
): Market => ({
  code: t.market,
  currency: { code: t.currency, minorDigits: 2 },
  timeZone: t.timeZone,
  taxRates: { goods: { ...t.goods }, delivery: t.delivery, platformFee: t.platformFee },
  units: ['kg', 'g', 'bunch', 'dozen', 'crate', 'piece', 'litre', 'box'],
  paymentMethods: ['card'],
  ...rest,
});

/**
 * The markets orders starts with where none is stored (an operator's edit is never overwritten): the tax tables of
 * receipts (TAX_RATES, whose `nl` is the market of every document written before markets existed).
 */
export const BUNDLED_MARKETS: readonly Market[] = [
  fromTaxTable(TAX_RATES.nl!, {
    name: 'Nederland',
    languages: ['nl-NL', 'en'],
    country: 'NL',
    postcodePattern: '[1-9][0-9]{3} ?[A-Z]{2}',
    regions: [
      { name: 'Gelderland', cities: ['Arnhem', 'Ede', 'Wageningen', 'Nijmegen', 'Geldermalsen'] },
      { name: 'Utrecht', cities: ['Utrecht', 'Houten', 'Zeist'] },
    ],
  }),
  fromTaxTable(TAX_RATES.be!, {
    name: 'België',
    languages: ['nl-BE', 'fr-BE'],
    country: 'BE',
    postcodePattern: '[1-9][0-9]{3}',
    regions: [],
  }),
];
