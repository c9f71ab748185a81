import { createIntl, createIntlCache, RawIntlProvider, type IntlShape } from 'react-intl';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { useSyncExternalStore, type ReactNode } from 'react';
import en from './en.json';

/**
 * The app's words (issue #31): ICU messages in flat catalogs (`en.json` is the source; `nl.json`, `zh-CN.json`),
 * formatted by react-intl. The language is the person's choice: identity's account language once they are signed in
 * (`lib/identity-session.ts` applies it), before that a choice made in this tab (the footer, or `?lang=`), else the
 * browser's (`navigator.languages`), else English. `en-XA` is the pseudo-locale for tests (`?lang=en-XA`): made
 * from English at run time, every word accented and each message bracketed.
 *
 * Screens call `t(id, values)` (a string) or `tx(id, values)` (rich text with elements); the App renders every
 * screen again on a change of language (`useLocale`), so both read the current catalog.
 */
export type MessageId = keyof typeof en;
export type Locale = 'en' | 'nl' | 'zh-CN' | 'en-XA';
export const LOCALES: readonly Locale[] = ['en', 'nl', 'zh-CN'];

/** How each language is named in itself (the language switch). */
export const LOCALE_NAMES: Record<Exclude<Locale, 'en-XA'>, string> = {
  en: 'English',
  nl: 'Nederlands',
  'zh-CN': '简体中文',
};

/** The Intl locale that writes numbers, money and dates for each language. */
const FORMAT_LOCALES: Record<Locale, { dates: string; money: string; messages: string }> = {
  en: { dates: 'en-GB', money: 'en-IE', messages: 'en-GB' },
  nl: { dates: 'nl-NL', money: 'nl-NL', messages: 'nl-NL' },
  'zh-CN': { dates: 'zh-CN', money: 'zh-CN', messages: 'zh-CN' },
  'en-XA': { dates: 'en-GB', money: 'en-IE', messages: 'en-GB' },
};

type Catalog = Record<string, string> | Record<string, MessageFormatElement[]>;
const loaders: Record<Locale, () => Promise<Catalog>> = {
  en: () => Promise.resolve(en),
  // the other catalogs load when chosen: the first screen carries only the one it needs
  nl: () => import('./nl.json').then((m) => m.default as Catalog),
  'zh-CN': () => import('./zh-CN.json').then((m) => m.default as Catalog),
  'en-XA': () => import('./pseudo').then((m) => m.pseudoCatalog(en)),
};

const cache = createIntlCache();
const make = (locale: Locale, messages: Catalog): IntlShape =>
  createIntl(
    {
      locale: FORMAT_LOCALES[locale].messages,
      defaultLocale: 'en-GB',
      messages,
      // a message that is missing or does not format is a defect the tests catch: said on the console
      onError: (e) => console.error(`i18n (${locale}): ${e.message}`),
    },
    cache,
  );

/** Which language a BCP 47 tag (the browser's, the account's) asks for, if one we write. */
export const localeOf = (tag: string | null | undefined): Locale | null => {
  const t = (tag ?? '').toLowerCase();
  if (t === 'en-xa') return 'en-XA';
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('nl')) return 'nl';
  if (t.startsWith('en')) return 'en';
  return null;
};

const KEY = 'ftt.language';
const stored = (): Locale | null => {
  try {
    const q = new URLSearchParams(window.location.search).get('lang');
    if (q && localeOf(q)) sessionStorage.setItem(KEY, localeOf(q)!);
    return localeOf(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
};
const browserLocale = (): Locale | null => {
  if (typeof navigator === 'undefined') return null;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const l = localeOf(tag);
    if (l && l !== 'en-XA') return l;
  }
  return null;
};

let current: { locale: Locale; intl: IntlShape } = { locale: 'en', intl: make('en', en) };
const listeners = new Set<() => void>();
let wanted: Locale = 'en';

/** Switches the app to `next` once its catalog is loaded (until then the words stay in the current language). */
export const setLocale = async (next: Locale, remember = false): Promise<void> => {
  if (remember) {
    try {
      sessionStorage.setItem(KEY, next);
    } catch {
      // private mode: the choice holds for this page only
    }
  }
  wanted = next;
  if (next === current.locale) return;
  const messages = await loaders[next]();
  if (wanted !== next) return; // a later choice won
  current = { locale: next, intl: make(next, messages) };
  document.documentElement.lang = next === 'en-XA' ? 'en' : next;
  for (const l of listeners) l();
};

/**
 * Choices made here, counted: an answer of identity asked before the latest choice (a header's refresh in flight
 * when the person clicked) must not switch the pages back to the language the account had then.
 */
let choices = 0;
export const choiceStamp = (): number => choices;
/** The person chose a language: the pages switch now, then `save` writes it to the account (when signed in). */
export const chooseLocale = async (next: Locale, save: () => Promise<unknown>): Promise<void> => {
  choices += 1;
  await setLocale(next, true);
  await save();
};

/**
 * The person's account language (identity), as an answer asked at `stamp` (choiceStamp) says it: it wins over the
 * browser's, but not over a later choice on this page or the test pseudo-locale.
 */
export const applyAccountLanguage = (language: string, stamp: number = choices): void => {
  if (stored() === 'en-XA' || stamp < choices) return;
  const l = localeOf(language);
  if (l) void setLocale(l, true);
};

/** The language to start in; main.tsx waits for its catalog before the first render. */
export const ready: Promise<void> = setLocale(stored() ?? browserLocale() ?? 'en');

export const locale = (): Locale => current.locale;
export const intl = (): IntlShape => current.intl;
export const dateLocale = (): string => FORMAT_LOCALES[current.locale].dates;
export const moneyLocale = (): string => FORMAT_LOCALES[current.locale].money;

type Values = Record<string, string | number | boolean | null | undefined | Date>;
/** A message as text (labels, titles, aria-labels, placeholders). */
export const t = (id: MessageId, values?: Values): string => current.intl.formatMessage({ id }, values);
/** A message with elements in it: `<link>...</link>` in the message is `link: (chunks) => <Link>...</Link>`. */
export const tx = (
  id: MessageId,
  values: Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>,
): ReactNode => current.intl.formatMessage({ id }, values as never) as ReactNode;

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
/** Renders again on a change of language. */
export const useLocale = (): Locale => useSyncExternalStore(subscribe, () => current.locale);

/** react-intl's provider at the app root, with the current language (for `useIntl` and `<FormattedMessage>`). */
export const I18nProvider = ({ children }: { children: ReactNode }) => {
  useLocale();
  return <RawIntlProvider value={current.intl}>{children}</RawIntlProvider>;
};
