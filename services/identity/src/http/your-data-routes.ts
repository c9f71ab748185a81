import { DomainError, Reply, type Api } from '@ftt/kit';
import { z } from 'zod';
import type { PersonalData } from '../data/personal-data';
import type { AccountRoutesDeps } from './account-routes';
import { accountsFor } from './forward';

const DeleteAccountBody = z.strictObject({ password: z.string().min(1).max(128) });

const IdentityExport = z.object({
  personId: z.string(),
  account: z
    .object({
      name: z.string(),
      email: z.string(),
      emailVerified: z.boolean(),
      language: z.string().optional(),
      secondFactor: z.boolean(),
      createdAt: z.string().optional(),
      updatedAt: z.string().optional(),
    })
    .nullable(),
  signInMethods: z.array(z.object({ provider: z.string(), createdAt: z.string().optional() })),
  sessions: z.array(
    z.object({
      createdAt: z.string().optional(),
      expiresAt: z.string().optional(),
      userAgent: z.string().optional(),
      ipAddress: z.string().optional(),
    }),
  ),
  person: z
    .object({
      language: z.string(),
      memberships: z.array(z.unknown()),
      registeredAt: z.string(),
      erasedAt: z.string().optional(),
    })
    .nullable(),
});

/**
 * "Your data, your account": what identity holds about the signed-in person, and the deletion of their account. The
 * web app adds what the other services hold (their orders, their inbox) to the one download.
 */
export const yourDataRoutes = (api: Api, d: AccountRoutesDeps & { personalData: PersonalData }): void => {
  const toAccounts = accountsFor(d);
  const tags = ['accounts'];
  const signedIn = async (headers: Record<string, string | string[] | undefined>, ip: string | undefined) => {
    const r = await toAccounts('GET', '/get-session', { headers, ip });
    const id = (r.body as { user?: { id?: string } } | null)?.user?.id;
    if (!id) throw new DomainError('account.unauthenticated', 'not signed in');
    return id;
  };

  api.route({
    method: 'get',
    path: '/api/auth/export',
    summary:
      'What identity holds about me (account, sign-in methods, sessions, memberships): never a password hash, a session token or a secret',
    tags,
    auth: 'public',
    response: IdentityExport,
    errors: [401],
    handler: async ({ headers, ip }) => {
      const personId = await signedIn(headers, ip);
      return new Reply(200, await d.personalData.export(personId), { 'cache-control': 'no-store' });
    },
  });

  api.route({
    method: 'post',
    path: '/api/auth/delete-user',
    summary:
      'Delete my account (my password is needed): identity forgets me and announces person.erased.v1; the other services remove what they hold about me, and orders stay for accounting without my name, address and phone',
    tags,
    auth: 'public',
    body: DeleteAccountBody,
    status: 204,
    errors: [400, 401, 429],
    handler: async ({ body, headers, ip }) => {
      const r = await toAccounts('POST', '/delete-user', { headers, ip }, {
        body,
        fields: { INVALID_PASSWORD: 'body.password' },
        messages: { INVALID_PASSWORD: 'the password is wrong' },
      });
      return new Reply(204, undefined, r.cookies.length ? { 'set-cookie': r.cookies } : {});
    },
  });
};
