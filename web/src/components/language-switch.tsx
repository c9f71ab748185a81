import { identity } from '../api/identity';
import { chooseLocale, LOCALE_NAMES, LOCALES, useLocale, type Locale } from '../i18n';
import { refreshIdentity, useIdentity } from '../lib/identity-session';

const ACCOUNT_LANGUAGE: Record<Exclude<Locale, 'en-XA'>, 'en' | 'nl' | 'zh'> = { en: 'en', nl: 'nl', 'zh-CN': 'zh' };

/**
 * The footer's choice of language, each named in itself. For a person signed in it is their account's language
 * (identity keeps it, and the mails follow it); for a visitor it holds in this tab. The words change at once.
 */
export const LanguageSwitch = () => {
  const current = useLocale();
  const who = useIdentity();
  const choose = async (l: Exclude<Locale, 'en-XA'>) => {
    let saved = false;
    await chooseLocale(l, async () => {
      // identity may not have said yet whether this browser is signed in (a page just loaded): ask first
      const now = who.status === 'unknown' ? await refreshIdentity() : who;
      if (now.status !== 'signed-in' || now.account.language === ACCOUNT_LANGUAGE[l]) return;
      saved = await identity.updateAccount({ language: ACCOUNT_LANGUAGE[l] }).then(
        () => true,
        () => false,
      );
    });
    // the answer of a refresh asked before the choice is set aside (i18n choiceStamp): ask once more after it
    if (saved) await refreshIdentity().then(() => refreshIdentity());
  };
  return (
    <ul className="languages plain">
      {(LOCALES as Exclude<Locale, 'en-XA'>[]).map((l) => (
        <li key={l}>
          <button
            type="button"
            className="button link"
            lang={l}
            aria-pressed={current === l}
            onClick={() => void choose(l)}
          >
            {LOCALE_NAMES[l]}
          </button>
        </li>
      ))}
    </ul>
  );
};
