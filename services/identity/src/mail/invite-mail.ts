import type { OutgoingMail } from './smtp-mailer';

/**
 * The invitation in the inviter's language (the invited person may have no account yet): what they are asked to
 * join and the link to the web app's page that accepts it after sign-up or sign-in with this address.
 */
export const inviteMail = (
  to: { email: string; language: string },
  what: { place: string; role: 'packer' | 'driver'; inviter: string },
  link: string,
): OutgoingMail =>
  to.language === 'nl'
    ? {
        to: to.email,
        subject: `Uitnodiging: ${what.role === 'packer' ? 'inpakker' : 'bezorger'} bij ${what.place} op FieldToTable`,
        text: `Hallo,\n\n${what.inviter} nodigt je uit als ${what.role === 'packer' ? 'inpakker' : 'bezorger'} bij ${what.place} op FieldToTable.\nMaak een account aan of meld je aan met dit e-mailadres en neem de uitnodiging aan met deze link:\n${link}\n\nVerwachtte je dit niet? Dan kun je deze mail negeren.\n`,
      }
    : {
        to: to.email,
        subject: `Invitation: ${what.role} at ${what.place} on FieldToTable`,
        text: `Hello,\n\n${what.inviter} invites you to join ${what.place} on FieldToTable as ${what.role}.\nSign up or sign in with this email address and accept the invitation with this link:\n${link}\n\nIf you did not expect this, you can ignore this mail.\n`,
      };
