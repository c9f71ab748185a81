import { Reply, type Api } from '@ftt/kit';
import type { AccountRoutesDeps } from './account-routes';
import { accountsFor } from './forward';
import { DisableTotpBody, EnableTotpBody, SecondFactorPassed, TotpCodeBody, TotpEnrolment } from './schemas';

/** A second factor: TOTP from an authenticator app (better-auth's two-factor plugin). Operators must have one. */
export const secondFactorRoutes = (api: Api, d: AccountRoutesDeps): void => {
  const toAccounts = accountsFor(d);
  const tags = ['second factor'];
  api.route({
    method: 'post',
    path: '/api/auth/two-factor/enable',
    summary:
      'Start enrolling an authenticator app (my password is needed): its otpauth URI and backup codes. It counts once a code from it is verified.',
    tags,
    auth: 'public',
    body: EnableTotpBody,
    response: TotpEnrolment,
    errors: [400, 401, 429],
    handler: async ({ body, headers, ip }) => {
      const r = await toAccounts('POST', '/two-factor/enable', { headers, ip }, {
        body,
        fields: { INVALID_PASSWORD: 'body.password', TOTP_ALREADY_ENABLED: 'body.password' },
      });
      const { totpURI, backupCodes } = TotpEnrolment.parse(r.body);
      return new Reply(
        200,
        { totpURI, backupCodes },
        { 'cache-control': 'no-store', ...setCookies(r.cookies) },
      );
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/two-factor/verify-totp',
    summary:
      'A code from the authenticator app: completes the enrolment (signed in), or the sign-in that answered secondFactorRequired',
    tags,
    auth: 'public',
    body: TotpCodeBody,
    response: SecondFactorPassed,
    errors: [400, 401, 429],
    handler: async ({ body, headers, ip }) => {
      const r = await toAccounts('POST', '/two-factor/verify-totp', { headers, ip }, {
        body,
        fields: { INVALID_CODE: 'body.code' },
      });
      const user = (r.body as { user?: { id?: string } }).user;
      return new Reply(200, { personId: String(user?.id), secondFactor: 'totp' }, setCookies(r.cookies));
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/two-factor/disable',
    summary:
      'Turn the second factor off (my password is needed); an operator acts as one again only after enrolling anew',
    tags,
    auth: 'public',
    body: DisableTotpBody,
    status: 204,
    errors: [400, 401, 429],
    handler: async ({ body, headers, ip }) => {
      const r = await toAccounts('POST', '/two-factor/disable', { headers, ip }, {
        body,
        fields: { INVALID_PASSWORD: 'body.password' },
      });
      // The plugin replaces the session (its cookie says whether a second factor is on): the new cookie goes back.
      return new Reply(204, undefined, setCookies(r.cookies));
    },
  });
};

const setCookies = (cookies: string[]): Record<string, string[]> =>
  cookies.length ? { 'set-cookie': cookies } : {};
