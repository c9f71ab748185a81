import { Api, type AuthSettings } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { accountRoutes, type AccountRoutesDeps } from './account-routes';
import { peopleRoutes } from './people-routes';
import { tokenRoutes } from './token-routes';

/** identity's API: accounts (better-auth underneath), access tokens and their keys, people and memberships. */
export const identityApi = (
  auth: AuthSettings,
  ctx: Context,
  d: AccountRoutesDeps & { accessTokenTtlSeconds: number },
) => {
  const api = new Api(
    {
      title: 'FieldToTable identity',
      version: '0.1.0',
      description: 'Accounts, access tokens and memberships',
    },
    auth,
  );
  accountRoutes(api, d);
  tokenRoutes(api, d);
  peopleRoutes(api, ctx);
  return api;
};
