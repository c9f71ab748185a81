import { Reply, type Api } from '@ftt/kit';
import { accountsFor } from './forward';
import type { AccountRoutesDeps } from './account-routes';
import { AccessToken, Jwks } from './schemas';

/** Access tokens for the other services, and the keys that verify them. */
export const tokenRoutes = (api: Api, d: AccountRoutesDeps & { accessTokenTtlSeconds: number }): void => {
  const toAccounts = accountsFor(d);
  api.route({
    method: 'get',
    path: '/api/auth/token',
    summary: 'A short-lived access token (EdDSA/ES256) for the other services, from my session',
    tags: ['tokens'],
    auth: 'public',
    response: AccessToken,
    errors: [401],
    handler: async ({ headers, ip }) => {
      const r = await toAccounts('GET', '/token', { headers, ip });
      const token = (r.body as { token: string }).token;
      return new Reply(
        200,
        { token, expiresInSeconds: d.accessTokenTtlSeconds },
        { 'cache-control': 'no-store' },
      );
    },
  });

  api.route({
    method: 'get',
    path: '/.well-known/jwks.json',
    summary:
      'The public keys that verify access tokens (the current one, and the previous one until its tokens expire)',
    tags: ['tokens'],
    auth: 'public',
    response: Jwks,
    handler: async ({ headers, ip }) => {
      const r = await toAccounts('GET', '/jwks', { headers, ip });
      // Verifiers fetch again on an unknown kid, so a short cache costs nothing at rotation.
      return new Reply(200, r.body, { 'cache-control': 'public, max-age=60' });
    },
  });
};
