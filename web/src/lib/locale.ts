import { useSyncExternalStore } from 'react';

/**
 * The language a person chose for their notifications (en or nl, in the inbox settings): dates and times on the
 * pages follow it ("7 dec 2026" in Dutch). The pages' own words are English for now. Kept per browser tab until
 * the profile says otherwise (the bell reads the profile at sign-in).
 */
export type Language = 'en' | 'nl';
const LOCALES: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL' };
const KEY = 'ftt.language';

let current: Language = (() => {
  try {
    return sessionStorage.getItem(KEY) === 'nl' ? 'nl' : 'en';
  } catch {
    return 'en';
  }
})();
const listeners = new Set<() => void>();

export const dateLocale = (): string => LOCALES[current];
export const language = (): Language => current;

export const setLanguage = (next: Language): void => {
  if (next === current) return;
  current = next;
  try {
    sessionStorage.setItem(KEY, next);
  } catch {
    // private mode: the choice holds for this page only
  }
  for (const l of listeners) l();
};

/** Re-render on a change of language (the app calls it, so every screen writes its dates again). */
export const useLanguage = (): Language =>
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
