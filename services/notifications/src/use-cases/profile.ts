import { isOperator, regionsOf, type Principal } from '@ftt/kit';
import type { Language } from '../domain/notice';
import { defaultProfile, type Preferences, type Profile, type ProfileRole } from '../domain/preferences';
import type { Context } from './context';

/** What a person's memberships make them, in the profile's words. */
export const rolesOf = (caller: Principal): ProfileRole[] => {
  const roles = new Set<ProfileRole>();
  for (const m of caller.memberships) {
    if (m.kind === 'buyer') roles.add('buyer');
    else if (m.kind === 'farm') roles.add('farmer');
    else if (m.kind === 'partner') roles.add('logistics');
  }
  if (isOperator(caller)) roles.add('admin');
  return [...roles];
};

/**
 * The caller's profile, created on first use with `<sub>@EMAIL_DOMAIN`, English and everything on. It keeps what the
 * token's memberships make them and their partners' regions: that is how a partner's member comes to hear of open
 * shipments in their regions, and an operator of dead letters and stuck orders.
 */
export const myProfile = (ctx: Context, caller: Principal): Promise<Profile> =>
  ctx.profiles.touch(
    caller.userId,
    rolesOf(caller),
    regionsOf(caller),
    defaultProfile(caller.userId, ctx.settings.emailDomain),
  );

export const updateMyProfile = async (
  ctx: Context,
  caller: Principal,
  change: {
    email?: string | undefined;
    language?: Language | undefined;
    preferences?: Preferences | undefined;
  },
): Promise<Profile> => {
  await myProfile(ctx, caller);
  await ctx.profiles.update(caller.userId, change);
  return (await ctx.profiles.get(caller.userId))!;
};
