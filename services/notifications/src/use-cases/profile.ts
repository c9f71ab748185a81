import type { Principal } from '@ftt/kit';
import type { Language } from '../domain/notice';
import { defaultProfile, type Preferences, type Profile } from '../domain/preferences';
import type { Context } from './context';

/**
 * The caller's profile, created on first use with `<sub>@EMAIL_DOMAIN`, English and everything on. It keeps the
 * token's role and region: that is how a partner comes to hear of open shipments in their region, and an admin
 * of dead letters and stuck orders.
 */
export const myProfile = (ctx: Context, caller: Principal): Promise<Profile> =>
  ctx.profiles.touch(
    caller.userId,
    caller.role,
    caller.role === 'logistics' ? caller.region : undefined,
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
