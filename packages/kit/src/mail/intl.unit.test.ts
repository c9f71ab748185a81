import { describe, expect, it } from 'vitest';
import { mailCatalogs, mailLanguage } from './intl';

const words = mailCatalogs({
  en: { hi: 'Hello {name}, {count, plural, one {# box} other {# boxes}}' },
  nl: { hi: 'Hallo {name}, {count, plural, one {# doos} other {# dozen}}' },
  zh: { hi: '{name}，您好，{count, plural, other {# 箱}}' },
});

describe('the kit’s mail words (ICU catalogs through @formatjs/intl)', () => {
  it('when an amount in minor units is written, then the currency’s own minor unit counts (cents, fen, none for yen) and the language’s format is used', () => {
    expect(words('en').money({ amount: 8450, currency: 'EUR' })).toBe('€84.50');
    expect(words('nl').money({ amount: 8450, currency: 'EUR' })).toBe('€\u00a084,50');
    expect(words('zh').money({ amount: 8450, currency: 'CNY' })).toBe('¥84.50');
    expect(words('en').money({ amount: 1200, currency: 'JPY' })).toBe('JP¥1,200');
  });

  it('when a message with a plural is formatted, then each language picks its own form, and days and lists follow the language', () => {
    expect(words('en').t('hi', { name: 'Sam', count: 1 })).toBe('Hello Sam, 1 box');
    expect(words('nl').t('hi', { name: 'Noor', count: 3 })).toBe('Hallo Noor, 3 dozen');
    expect(words('zh').t('hi', { name: '李华', count: 1 })).toBe('李华，您好，1 箱');
    expect(words('zh').day('2026-03-12')).toBe('2026年3月12日星期四');
    expect(words('nl').list(['a', 'b', 'c'])).toBe('a, b en c');
  });

  it('when a value a message needs is missing, then formatting throws rather than mail a broken sentence', () => {
    expect(() => words('en').t('hi', { name: 'Sam' })).toThrow();
  });

  it('when a service is told a language no catalog has, then it writes English', () => {
    expect(mailLanguage('zh')).toBe('zh');
    expect(mailLanguage('fr')).toBe('en');
    expect(mailLanguage(undefined)).toBe('en');
  });
});
