import type { OutgoingMail } from '@ftt/kit/mail';
import { accountMail, accountWords } from './messages';

/**
 * The password reset mail in the person's language; the link opens the web app's reset page and works once, for
 * `ttlSeconds` (RESET_TTL_SECONDS): the mail says how long.
 */
export const resetMail = (
  to: { email: string; name: string; language: string },
  link: string,
  ttlSeconds: number,
): OutgoingMail => {
  const { t } = accountWords(to.language);
  return accountMail(to.email, t('reset.subject'), {
    greeting: t('greeting', { name: to.name }),
    before: [t('reset.body', { minutes: Math.round(ttlSeconds / 60) })],
    link,
    after: t('reset.after'),
  });
};
