import { describe, expect, it } from 'vitest';
import { BUNDLED_MARKETS, currencyDigits, isTimeZone, marketTaxRates, postcodeMatches, validateMarket, type Market } from './market';
import { TAX_RATES } from './receipts/tax-rates';

const nl = BUNDLED_MARKETS.find((m) => m.code === 'nl')!;
const cn: Market = {
  code: 'cn',
  name: '中国',
  currency: { code: 'CNY', minorDigits: 2 },
  languages: ['zh-CN'],
  timeZone: 'Asia/Shanghai',
  country: 'CN',
  postcodePattern: '\\d{6}',
  regions: [{ name: '浙江省', cities: ['杭州市', '湖州市'] }],
  taxRates: { goods: { default: 900, tea: 900 }, delivery: 1300, platformFee: 1300 },
  units: ['kg', 'box'],
  paymentMethods: ['card', 'alipay', 'wechat_pay'],
};
const fields = (m: Market) => validateMarket(m).map((i) => i.field);

describe('a market as operators publish it', () => {
  it('when the bundled markets and the Chinese market are validated, then they have no issue', () => {
    for (const m of [...BUNDLED_MARKETS, cn]) expect(validateMarket(m)).toEqual([]);
  });

  it('when the currency is no ISO 4217 code, then body.currency.code is named', () => {
    expect(fields({ ...cn, currency: { code: 'XYZ', minorDigits: 2 } })).toEqual(['body.currency.code']);
    expect(currencyDigits('RMB')).toBeNull();
  });

  it("when the minor-unit digits are not the currency's, then body.currency.minorDigits is named", () => {
    expect(fields({ ...cn, currency: { code: 'CNY', minorDigits: 0 } })).toEqual(['body.currency.minorDigits']);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('CNY')).toBe(2);
  });

  it('when the time zone is no IANA zone, then body.timeZone is named', () => {
    for (const timeZone of ['Asia/Beijing', 'CST', 'UTC+8', 'Mars/Olympus'])
      expect(fields({ ...cn, timeZone }), timeZone).toEqual(['body.timeZone']);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Europe/Amsterdam')).toBe(true);
  });

  it('when the postcode pattern is no regular expression, then body.postcodePattern is named', () => {
    expect(fields({ ...cn, postcodePattern: '\\d{6' + '(' })).toEqual(['body.postcodePattern']);
  });

  it("when a postcode is checked, then the whole postcode must match the market's pattern", () => {
    expect(postcodeMatches(cn, '311300')).toBe(true);
    expect(postcodeMatches(cn, '3113001')).toBe(false);
    expect(postcodeMatches(cn, '6717 AB')).toBe(false);
    expect(postcodeMatches(nl, '6717 AB')).toBe(true);
    expect(postcodeMatches(nl, '6717AB')).toBe(true);
    expect(postcodeMatches(nl, '311300')).toBe(false);
  });

  it('when a language is no BCP 47 tag, a region is listed twice or a payment method twice, then each field is named', () => {
    expect(
      fields({
        ...cn,
        languages: ['zh-CN', 'not a tag'],
        regions: [...cn.regions, { name: '浙江省', cities: [] }],
        paymentMethods: ['alipay', 'alipay'],
      }),
    ).toEqual(['body.languages.1', 'body.regions.1.name', 'body.paymentMethods']);
  });

  it("when the Dutch market's tax table is read for receipts, then it is the one receipts used before markets", () => {
    expect(marketTaxRates(nl)).toEqual(TAX_RATES.nl);
    expect(marketTaxRates(cn)).toMatchObject({ market: 'cn', currency: 'CNY', timeZone: 'Asia/Shanghai', goods: { default: 900 }, delivery: 1300 });
  });
});
