import type { Api } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { myProfile, updateMyProfile } from '../use-cases/profile';
import { EVERYONE } from './roles';
import { ProfileBody, ProfileView } from './schemas';
import { profileView } from './views';

export const profileRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'get',
    path: '/me/profile',
    summary:
      "The caller's notification profile: email (default `<sub>@EMAIL_DOMAIN`), language (en, nl, zh) and, per kind this role " +
      'receives, which channels are on. Created on first use with the role and region of the token.',
    tags: ['profile'],
    auth: EVERYONE,
    response: ProfileView,
    handler: async ({ principal }) => profileView(await myProfile(ctx, principal)),
  });
  api.route({
    method: 'patch',
    path: '/me/profile',
    summary:
      'Changes the email, the language or, per kind and channel, whether the caller receives it. Kinds and channels not named keep their value.',
    tags: ['profile'],
    auth: EVERYONE,
    body: ProfileBody,
    response: ProfileView,
    handler: async ({ body, principal }) => profileView(await updateMyProfile(ctx, principal, body)),
  });
};
