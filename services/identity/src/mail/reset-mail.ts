import type { OutgoingMail } from './smtp-mailer';

/** The password reset mail in the person's language; the link opens the web app's reset page. */
export const resetMail = (
  to: { email: string; name: string; language: string },
  link: string,
): OutgoingMail =>
  to.language === 'nl'
    ? {
        to: to.email,
        subject: 'Stel een nieuw wachtwoord in voor FieldToTable',
        text: `Hallo ${to.name},\n\nKies een nieuw wachtwoord met deze link (hij werkt één keer, en maar een uur):\n${link}\n\nNa de wijziging ben je overal afgemeld. Heb je dit niet gevraagd? Dan kun je deze mail negeren; je wachtwoord blijft hetzelfde.\n`,
      }
    : {
        to: to.email,
        subject: 'Set a new password for FieldToTable',
        text: `Hello ${to.name},\n\nChoose a new password with this link (it works once, for an hour):\n${link}\n\nAfterwards you are signed out everywhere. If you did not ask for this, ignore this mail; your password stays as it is.\n`,
      };
