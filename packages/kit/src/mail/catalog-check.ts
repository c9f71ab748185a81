import { isStructurallySame, parse } from '@formatjs/icu-messageformat-parser';
import { MAIL_LANGUAGES, type MailLanguage } from './intl';

/**
 * What is wrong with a set of catalogs, one line each: a key one language lacks or has extra, a message that is not
 * ICU MessageFormat, or a message whose placeholders (names and kinds: plain, number, plural, select) differ from
 * the English one. For a unit test per service: empty means every language says every message.
 */
export const catalogProblems = (catalogs: Record<MailLanguage, Record<string, string>>): string[] => {
  const problems: string[] = [];
  const keys = new Set(MAIL_LANGUAGES.flatMap((l) => Object.keys(catalogs[l])));
  for (const key of [...keys].sort()) {
    const asts = new Map<MailLanguage, ReturnType<typeof parse>>();
    for (const l of MAIL_LANGUAGES) {
      const text = catalogs[l][key];
      if (text === undefined) {
        problems.push(`${l}: missing ${key}`);
        continue;
      }
      try {
        asts.set(l, parse(text));
      } catch (e) {
        problems.push(`${l}: ${key} is not ICU MessageFormat (${(e as Error).message})`);
      }
    }
    const en = asts.get('en');
    if (!en) continue;
    for (const [l, ast] of asts) {
      if (l === 'en') continue;
      const same = isStructurallySame(en, ast);
      if (!same.success)
        problems.push(`${l}: ${key} has other placeholders than en (${same.error?.message})`);
    }
  }
  return problems;
};
