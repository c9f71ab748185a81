import type { EventData } from '@ftt/contracts';
import { mailLanguage } from '@ftt/kit/mail-intl';
import { defaultProfile } from '../domain/preferences';
import type { Context } from './context';

/**
 * identity's person.registered.v1 with the person's address: mails to them go there, in the language they signed
 * up in (a language notifications does not write falls back to English). Idempotent: a redelivery finds the profile.
 */
export const introducePerson = async (
  ctx: Context,
  d: EventData<'ftt.identity.person.registered.v1'>,
): Promise<void> => {
  if (!d.email) return;
  const placeholder = defaultProfile(d.personId, ctx.settings.emailDomain).email;
  await ctx.profiles.introduce(d.personId, d.email, mailLanguage(d.language), placeholder);
};
