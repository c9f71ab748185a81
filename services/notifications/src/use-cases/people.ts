import type { EventData } from '@ftt/contracts';
import { LANGUAGES, type Language } from '../domain/notice';
import { defaultProfile } from '../domain/preferences';
import type { Context } from './context';

const languageOf = (l: string): Language => LANGUAGES.find((x) => x === l) ?? 'en';

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
  await ctx.profiles.introduce(d.personId, d.email, languageOf(d.language), placeholder);
};
