import type { OutgoingMail } from '@ftt/kit/mail';
import { mailCatalogs, mailLanguage, type Catalogs, type MailWords } from '@ftt/kit/mail-intl';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import zhCN from './i18n/zh-CN.json';

/** identity's account mails in ICU MessageFormat, one catalog per language identity offers (en, nl, zh-CN). */
export type MessageKey = keyof typeof en;
export const CATALOGS: Catalogs<MessageKey> = { en, nl, zh: zhCN };
const wordsFor = mailCatalogs(CATALOGS);

/** The words of the person's language (English for one identity does not offer). */
export const accountWords = (language: string): MailWords<MessageKey> => wordsFor(mailLanguage(language));

/** An account mail as plain text: a greeting, what to do, the link on its own line, and what to do if unexpected. */
export const accountMail = (
  to: string,
  subject: string,
  letter: { greeting: string; before: string[]; link: string; after: string },
): OutgoingMail => ({
  to,
  subject,
  text: `${letter.greeting}\n\n${[...letter.before, letter.link].join('\n')}\n\n${letter.after}\n`,
});
