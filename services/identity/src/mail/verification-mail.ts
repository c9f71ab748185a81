import type { OutgoingMail } from './smtp-mailer';

/**
 * The verification mail in the person's language (English unless they chose Dutch): for a new account, or for a
 * new address (`changing`), which becomes the account's only once this link is used.
 */
export const verificationMail = (
  to: { email: string; name: string; language: string },
  link: string,
  changing = false,
): OutgoingMail => {
  const nl = to.language === 'nl';
  if (changing)
    return nl
      ? {
          to: to.email,
          subject: 'Bevestig je nieuwe e-mailadres voor FieldToTable',
          text: `Hallo ${to.name},\n\nBevestig je nieuwe e-mailadres met deze link; pas dan wordt het je adres bij FieldToTable:\n${link}\n\nHeb je dit niet gevraagd? Dan kun je deze mail negeren.\n`,
        }
      : {
          to: to.email,
          subject: 'Confirm your new email address for FieldToTable',
          text: `Hello ${to.name},\n\nConfirm your new email address with this link; only then does it become your address at FieldToTable:\n${link}\n\nIf you did not ask for this, you can ignore this mail.\n`,
        };
  return nl
    ? {
        to: to.email,
        subject: 'Bevestig je e-mailadres voor FieldToTable',
        text: `Hallo ${to.name},\n\nBevestig je e-mailadres met deze link:\n${link}\n\nHeb je geen account aangemaakt? Dan kun je deze mail negeren.\n`,
      }
    : {
        to: to.email,
        subject: 'Confirm your email address for FieldToTable',
        text: `Hello ${to.name},\n\nConfirm your email address with this link:\n${link}\n\nIf you did not sign up, you can ignore this mail.\n`,
      };
};
