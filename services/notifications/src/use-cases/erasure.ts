import type { Context } from './context';

/**
 * identity's person.erased.v1: the person deleted their account. Their profile (email address, language,
 * preferences) becomes a marker that nothing is sent to them any more, and their inbox, their emails (with the
 * address they went to) and their waiting digest items go. Deleting and replacing are idempotent: a redelivered
 * event changes nothing.
 */
export const forgetPerson = async (ctx: Context, d: { personId: string; at: string }): Promise<void> => {
  await ctx.profiles.forget(d.personId, d.at);
  const messages = await ctx.deliveries.forgetRecipient(d.personId);
  const digestItems = await ctx.digests.forgetRecipient(d.personId);
  ctx.log.info({ personId: d.personId, messages, digestItems }, 'person forgotten');
};
