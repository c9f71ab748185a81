import { DomainError, Reply, type Api } from '@ftt/kit';
import { z } from 'zod';
import { effectiveMemberships, needsSecondFactor } from '../domain/person';
import type { Context } from '../use-cases/context';
import { membershipsOf } from '../use-cases/people';
import type { AccountRoutesDeps } from './account-routes';
import { accountsFor } from './forward';
import {
  AccountChangeBody,
  AccountState,
  Language,
  ResendVerificationBody,
  RevokeSessionBody,
  SignUpAccepted,
} from './schemas';

/** better-auth's user as its get-session returns it (with the two-factor plugin's flag and our language). */
const SessionUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  language: z.string().nullish(),
  twoFactorEnabled: z.boolean().nullish(),
  createdAt: z.coerce.date(),
});

/** better-auth's sessions of the signed-in user: their tokens stay here, the page names a session by its id. */
const OwnSessions = z.array(z.object({ id: z.string(), token: z.string() }));

/**
 * The account page's routes: who this browser is signed in as, changes of name and language, and a new verification
 * link. Paths are better-auth's; the replies are ours (no session tokens, memberships as the tokens carry them).
 */
export const profileRoutes = (api: Api, ctx: Context, d: AccountRoutesDeps): void => {
  const toAccounts = accountsFor(d);
  const tags = ['accounts'];
  api.route({
    method: 'get',
    path: '/api/auth/get-session',
    summary:
      'The account this browser is signed in to (name, email, language, second factor, memberships), or null: never a 401, so a page can ask before it knows',
    tags,
    auth: 'public',
    response: AccountState,
    handler: async ({ headers, ip }) => {
      const r = await toAccounts('GET', '/get-session', { headers, ip });
      const found = (r.body as { user?: unknown } | null)?.user;
      const reply = (body: z.infer<typeof AccountState>) =>
        new Reply(200, body, { 'cache-control': 'no-store' });
      if (!found) return reply({ account: null });
      const user = SessionUser.parse(found);
      const language = Language.catch('en').parse(user.language);
      const all = await membershipsOf(ctx, user.id, language);
      const account = { secondFactor: user.twoFactorEnabled === true };
      return reply({
        account: {
          personId: user.id,
          name: user.name,
          email: user.email,
          emailVerified: user.emailVerified,
          language,
          secondFactor: account.secondFactor,
          secondFactorNeeded: needsSecondFactor(all, account),
          memberships: effectiveMemberships(all, account),
          createdAt: user.createdAt.toISOString(),
        },
      });
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/update-user',
    summary: 'Change my name or language (the language of the mails I get)',
    tags,
    auth: 'public',
    body: AccountChangeBody,
    status: 204,
    errors: [400, 401],
    handler: async ({ body, headers, ip }) => {
      const r = await toAccounts('POST', '/update-user', { headers, ip }, { body });
      return new Reply(204, undefined, r.cookies.length ? { 'set-cookie': r.cookies } : {});
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/send-verification-email',
    summary:
      'Send a new verification link to an address that signed up and is not confirmed yet. Any other address (unknown, already confirmed) gets the same answer and no mail.',
    tags,
    auth: 'public',
    body: ResendVerificationBody,
    status: 202,
    response: SignUpAccepted,
    errors: [400, 429],
    handler: async ({ body, headers, ip }) => {
      // Without the session cookie better-auth answers every address alike (and in at least the same time); with
      // one it would tell a signed-in person's own address apart.
      const { cookie: _cookie, ...rest } = headers;
      await toAccounts('POST', '/send-verification-email', { headers: rest, ip }, { body });
      return { status: 'check-your-mail' as const };
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/revoke-session',
    summary: 'Sign out one of my sessions (another device), named by its id from list-sessions',
    tags,
    auth: 'public',
    body: RevokeSessionBody,
    status: 204,
    errors: [400, 401, 404],
    handler: async ({ body, headers, ip }) => {
      const r = await toAccounts('GET', '/list-sessions', { headers, ip });
      // Only a session of the signed-in person is found here: another person's id names nothing.
      const session = OwnSessions.parse(r.body).find((s) => s.id === body.id);
      if (!session) throw new DomainError('session.not_found', 'no such session of yours');
      await toAccounts('POST', '/revoke-session', { headers, ip }, { body: { token: session.token } });
      return undefined;
    },
  });
};
