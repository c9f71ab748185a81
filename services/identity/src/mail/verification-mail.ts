import type { OutgoingMail } from '@ftt/kit/mail';
import { accountMail, accountWords } from './messages';

/**
 * The verification mail in the person's language: for a new account, or for a new address (`changing`), which
 * becomes the account's only once this link is used.
 */
export const verificationMail = (
  to: { email: string; name: string; language: string },
  link: string,
  changing = false,
): OutgoingMail => {
  const { t } = accountWords(to.language);
  const greeting = t('greeting', { name: to.name });
  return changing
    ? accountMail(to.email, t('change.subject'), {
        greeting,
        before: [t('change.body')],
        link,
        after: t('notAsked'),
      })
    : accountMail(to.email, t('verify.subject'), {
        greeting,
        before: [t('verify.body')],
        link,
        after: t('verify.ignore'),
      });
};
