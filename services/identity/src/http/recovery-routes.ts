import { Reply, type Api } from '@ftt/kit';
import type { AccountRoutesDeps } from './account-routes';
import { accountsFor } from './forward';
import { ChangeEmailBody, ChangePasswordBody, RequestResetBody, ResetBody, SignUpAccepted } from './schemas';

const LINK_REFUSED = 'the link is invalid, used or has expired';

/** A forgotten password, and changes of password and email (better-auth's endpoints, opened one by one). */
export const recoveryRoutes = (api: Api, d: AccountRoutesDeps): void => {
  const toAccounts = accountsFor(d);
  const tags = ['accounts'];
  api.route({
    method: 'post',
    path: '/api/auth/request-password-reset',
    summary: 'Ask for a password reset mail. A known and an unknown email get the same answer.',
    tags,
    auth: 'public',
    body: RequestResetBody,
    status: 202,
    response: SignUpAccepted,
    errors: [400, 429],
    handler: async ({ body, headers, ip }) => {
      await toAccounts('POST', '/request-password-reset', { headers, ip }, { body });
      return { status: 'check-your-mail' as const };
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/reset-password',
    summary:
      'Set a new password with the token from the reset mail (once, before it expires); every session ends',
    tags,
    auth: 'public',
    body: ResetBody,
    status: 204,
    errors: [400],
    handler: async ({ body, headers, ip }) => {
      await toAccounts('POST', '/reset-password', { headers, ip }, {
        body,
        messages: { INVALID_TOKEN: LINK_REFUSED, USER_NOT_FOUND: LINK_REFUSED },
      });
      return undefined;
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/change-password',
    summary: 'Change my password (the current one is needed); every other session of mine ends',
    tags,
    auth: 'public',
    body: ChangePasswordBody,
    status: 204,
    errors: [400, 401],
    handler: async ({ body, headers, ip }) => {
      const r = await toAccounts('POST', '/change-password', { headers, ip }, {
        body: { ...body, revokeOtherSessions: true },
        messages: { INVALID_PASSWORD: 'the current password is wrong' },
        fields: { INVALID_PASSWORD: 'body.currentPassword' },
      });
      // better-auth replaced this browser's session too: its new cookie goes back.
      return new Reply(204, undefined, r.cookies.length ? { 'set-cookie': r.cookies } : {});
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/change-email',
    summary:
      'Change my email: a link goes to the new address, which becomes mine when it is used. A taken address gets the same answer.',
    tags,
    auth: 'public',
    body: ChangeEmailBody,
    status: 202,
    response: SignUpAccepted,
    errors: [400, 401],
    handler: async ({ body, headers, ip }) => {
      await toAccounts('POST', '/change-email', { headers, ip }, { body });
      return { status: 'check-your-mail' as const };
    },
  });
};
