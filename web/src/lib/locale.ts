/**
 * The language the pages are written in: see i18n/index.tsx (the person's account language, else the browser's,
 * else English). Dates, numbers and money follow it (lib/format.ts).
 */
export { dateLocale, locale, moneyLocale, setLocale, useLocale as useLanguage } from '../i18n';
