import type { OutgoingMail } from './smtp-mailer';

/** The verification mail in the person's language (English unless they chose Dutch). */
export const verificationMail = (
  to: { email: string; name: string; language: string },
  link: string,
): OutgoingMail =>
  to.language === 'nl'
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
