import type { OutgoingMail } from '@ftt/kit/mail';
import { accountMail, accountWords } from './messages';

/**
 * The invitation in the inviter's language (the invited person may have no account yet): what they are asked to
 * join and the link to the web app's page that accepts it after sign-up or sign-in with this address.
 */
export const inviteMail = (
  to: { email: string; language: string },
  what: { place: string; role: 'packer' | 'driver'; inviter: string },
  link: string,
): OutgoingMail => {
  const { t } = accountWords(to.language);
  return accountMail(to.email, t('invite.subject', what), {
    greeting: t('greetingNoName'),
    before: [t('invite.body', what), t('invite.accept')],
    link,
    after: t('invite.ignore'),
  });
};
