import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';

/**
 * The languages mails are written in (identity's profile offers the same three) and the locale each is formatted
 * in: money, dates and lists follow the person's language; the currency comes with the amount.
 */
export const MAIL_LANGUAGES = ['en', 'nl', 'zh'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];
export const MAIL_LOCALES: Record<MailLanguage, string> = { en: 'en-GB', nl: 'nl-NL', zh: 'zh-CN' };

/** A language a service was told (identity's events carry two letters), or English for one no catalog has. */
export const mailLanguage = (l: string | undefined): MailLanguage =>
  MAIL_LANGUAGES.find((x) => x === l) ?? 'en';

/** One ICU MessageFormat catalog per language, all with the keys of the English one. */
export type Catalogs<K extends string> = Record<MailLanguage, Record<K, string>>;

export interface Money {
  amount: number;
  currency: string;
}

export type MessageValues = Record<string, string | number | boolean | null | undefined | Date>;

/** What a template needs of a language: its messages and the formats of that language. */
export interface MailWords<K extends string> {
  language: MailLanguage;
  locale: string;
  t(id: K, values?: MessageValues): string;
  /** An amount in minor units (cents, fen) of its own currency. */
  money(m: Money): string;
  /** A calendar day (YYYY-MM-DD) written out with its weekday. */
  day(isoDate: string): string;
  /** "a, b and c" in the language. */
  list(items: string[]): string;
}

/** Minor units per major unit of a currency (100 for EUR and CNY, 1 for JPY), as Intl knows it. */
const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * The catalogs of a service made into one formatter per language (@formatjs/intl). A message that cannot be
 * formatted throws: the catalog test keeps keys and placeholders aligned, so this is a bug, never a person's input.
 */
export const mailCatalogs = <K extends string>(
  catalogs: Catalogs<K>,
): ((lang: MailLanguage) => MailWords<K>) => {
  const cache = createIntlCache();
  const words = {} as Record<MailLanguage, MailWords<K>>;
  for (const language of MAIL_LANGUAGES) {
    const intl: IntlShape = createIntl(
      {
        locale: MAIL_LOCALES[language],
        defaultLocale: MAIL_LOCALES.en,
        messages: catalogs[language],
        onError: (e) => {
          throw e;
        },
      },
      cache,
    );
    words[language] = {
      language,
      locale: MAIL_LOCALES[language],
      t: (id, values) => intl.formatMessage({ id }, values),
      money: (m) =>
        intl.formatNumber(m.amount / 10 ** minorDigits(m.currency), {
          style: 'currency',
          currency: m.currency,
        }),
      day: (isoDate) =>
        intl.formatDate(new Date(`${isoDate}T00:00:00Z`), {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }),
      list: (items) => intl.formatList(items, { style: 'long', type: 'conjunction' }),
    };
  }
  return (lang) => words[lang];
};
