import { catalogProblems } from '@ftt/kit/mail-catalog-check';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from './messages';

const HAN = /\p{Script=Han}/u;

describe('the message catalogs of notifications (en, nl, zh-CN)', () => {
  it('when the catalogs are compared, then every language has every key, with the placeholders of the English message', () => {
    expect(catalogProblems(CATALOGS)).toEqual([]);
    const counts = Object.fromEntries(Object.entries(CATALOGS).map(([l, c]) => [l, Object.keys(c).length]));
    expect(counts).toEqual({ en: 58, nl: 58, zh: 58 });
  });

  it('when a key is missing or a placeholder differs in one language, then the check names the language and the key', () => {
    const { 'refund.body': _dropped, ...nlWithout } = CATALOGS.nl;
    expect(catalogProblems({ ...CATALOGS, nl: nlWithout as typeof CATALOGS.nl })).toEqual([
      'nl: missing refund.body',
    ]);
    const renamed = { ...CATALOGS.zh, 'refund.body': '我们已将 {sum} 退回到您的付款账户。' };
    expect(catalogProblems({ ...CATALOGS, zh: renamed })).toEqual([
      expect.stringMatching(/^zh: refund\.body has other placeholders than en/),
    ]);
    // a count shown as a plural in English must not become a plain value in another language
    const flat = { ...CATALOGS.nl, 'newOrders.subject': '{count} nieuwe bestellingen om in te pakken' };
    expect(catalogProblems({ ...CATALOGS, nl: flat })).toEqual([
      expect.stringMatching(/^nl: newOrders\.subject has other placeholders than en/),
    ]);
    expect(
      catalogProblems({ ...CATALOGS, en: { ...CATALOGS.en, 'refund.body': 'We refunded {amount' } }),
    ).toEqual([expect.stringMatching(/^en: refund\.body is not ICU MessageFormat/)]);
  });

  it('when the catalogs are read, then Dutch and Chinese are translations, not copies of the English text', () => {
    for (const [key, en] of Object.entries(CATALOGS.en)) {
      expect(CATALOGS.nl[key as keyof typeof CATALOGS.nl], key).not.toBe(en);
      expect(CATALOGS.zh[key as keyof typeof CATALOGS.zh], key).toMatch(HAN);
    }
  });
});
