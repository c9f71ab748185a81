import { DomainError, Reply, type Api } from '@ftt/kit';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { accountsFor, type AuthHandler } from './forward';
import {
  SessionList,
  SignedIn,
  SignInBody,
  SignUpAccepted,
  SignUpBody,
  Verified,
  VerifyQuery,
} from './schemas';

export interface AccountRoutesDeps {
  accounts: AuthHandler;
  baseUrl: string;
  /** Records a verification link's use; false when it was used before (data/account-reads.ts usedLinks). */
  firstUse: (link: string, expiresAt: Date) => Promise<boolean>;
}

const StoredSession = z.object({
  id: z.string(),
  token: z.string(),
  createdAt: z.coerce.date(),
  expiresAt: z.coerce.date(),
  userAgent: z.string().nullish(),
});

/** The session cookies better-auth set, sent on as they are; the reply's body is ours. */
const withCookies = (status: number, body: unknown, cookies: string[]) =>
  new Reply(status, body, cookies.length ? { 'set-cookie': cookies } : {});

/**
 * The paths are better-auth's own (under /api/auth), so its browser client works against identity as it is; each
 * is opened here deliberately, with its body checked first. better-auth endpoints not listed here are not served.
 */
export const accountRoutes = (api: Api, d: AccountRoutesDeps): void => {
  const toAccounts = accountsFor(d);
  const tags = ['accounts'];
  api.route({
    method: 'post',
    path: '/api/auth/sign-up/email',
    summary:
      'Sign up with email and password; a verification mail follows. A known email gets the same answer.',
    tags,
    auth: 'public',
    body: SignUpBody,
    status: 202,
    response: SignUpAccepted,
    errors: [400, 429],
    handler: async ({ body, headers, ip }) => {
      await toAccounts('POST', '/sign-up/email', { headers, ip }, { body });
      return { status: 'check-your-mail' as const };
    },
  });

  api.route({
    method: 'get',
    path: '/api/auth/verify-email',
    summary: 'Confirm an email address with the link from the verification mail',
    tags,
    auth: 'public',
    query: VerifyQuery,
    response: Verified,
    errors: [400, 401],
    handler: async ({ query, headers, ip }) => {
      // Without a callbackURL better-auth answers in JSON instead of redirecting (the web app will pass one).
      await toAccounts('GET', '/verify-email', { headers, ip }, { query: { token: query.token } });
      // better-auth checked the signature and expiry; a second use would answer "verified" again, so the first
      // use is recorded and any other refused.
      const claims = decodeJwt(query.token);
      if (!(await d.firstUse(query.token, new Date((claims.exp ?? 0) * 1000)))) {
        throw new DomainError('account.unauthenticated', 'the link was already used');
      }
      const purpose = claims.requestType === 'change-email-verification' ? 'email-change' : 'sign-up';
      return { verified: true as const, purpose };
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/sign-in/email',
    summary:
      'Sign in; the session is a cookie. A wrong password and an unknown email get the same answer. With a second factor, the code comes next.',
    tags,
    auth: 'public',
    body: SignInBody,
    response: SignedIn,
    errors: [400, 401, 403, 429],
    handler: async ({ body, headers, ip }) => {
      const r = await toAccounts('POST', '/sign-in/email', { headers, ip }, { body });
      // The two-factor plugin answers a right password with a challenge (and its cookie) instead of a session.
      if ((r.body as { twoFactorRedirect?: boolean }).twoFactorRedirect) {
        return withCookies(200, { secondFactorRequired: true as const }, r.cookies);
      }
      const user = (r.body as { user?: { id?: string } }).user;
      return withCookies(200, { personId: String(user?.id) }, r.cookies);
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/sign-out',
    summary: 'End this session',
    tags,
    auth: 'public',
    status: 204,
    errors: [401],
    handler: async ({ headers, ip }) => {
      const r = await toAccounts('POST', '/sign-out', { headers, ip }, { body: {} });
      return new Reply(204, undefined, { 'set-cookie': r.cookies });
    },
  });

  api.route({
    method: 'get',
    path: '/api/auth/list-sessions',
    summary: 'My sessions (where I am signed in)',
    tags,
    auth: 'public',
    response: SessionList,
    errors: [401],
    handler: async ({ headers, ip }) => {
      const current = await toAccounts('GET', '/get-session', { headers, ip });
      if (!current.body) return signInFirst();
      const currentId = (current.body as { session?: { id?: string } }).session?.id;
      const r = await toAccounts('GET', '/list-sessions', { headers, ip });
      const sessions = z.array(StoredSession).parse(r.body);
      return {
        sessions: sessions.map((s) => ({
          id: s.id,
          createdAt: s.createdAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          userAgent: s.userAgent ?? null,
          current: s.id === currentId,
        })),
      };
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/revoke-sessions',
    summary: 'Sign out everywhere: every session of mine ends, this one too',
    tags,
    auth: 'public',
    status: 204,
    errors: [401],
    handler: async ({ headers, ip }) => {
      await toAccounts('POST', '/revoke-sessions', { headers, ip }, { body: {} });
      return undefined;
    },
  });
};

const signInFirst = (): never => {
  throw new DomainError('account.unauthenticated', 'sign in first');
};
