import { requireOperator, type Api } from '@ftt/kit';
import { effectiveMemberships, needsSecondFactor } from '../domain/person';
import type { Context } from '../use-cases/context';
import { grantMembership, membershipsOf, revokeMembership } from '../use-cases/people';
import { MembershipBody, MeView, PersonParams, PersonView } from './schemas';
import { sessionBearer, type OwnTokens } from './session-bearer';

/**
 * People and their memberships. Granting and revoking is an operator's (with a second factor: an operator without
 * one carries no operator membership in their tokens) until farms and partners invite.
 * The caller is checked by sessionBearer: identity's own tokens die with their session here.
 */
export const peopleRoutes = (
  api: Api,
  ctx: Context,
  d: { ownTokens: OwnTokens; secondFactor: (personId: string) => Promise<boolean> },
): void => {
  const tags = ['people'];
  // read when a request comes (the OpenAPI document is built without a running service)
  const caller = (headers: Record<string, string | string[] | undefined>) =>
    sessionBearer(d.ownTokens)(headers);
  api.route({
    method: 'get',
    path: '/people/me',
    summary: 'Who I am to FieldToTable: my memberships',
    tags,
    auth: caller,
    response: MeView,
    errors: [401],
    handler: async ({ principal }) => {
      const all = await membershipsOf(ctx, principal.userId);
      const account = { secondFactor: await d.secondFactor(principal.userId) };
      return {
        personId: principal.userId,
        memberships: effectiveMemberships(all, account),
        secondFactorNeeded: needsSecondFactor(all, account),
      };
    },
  });

  /** Grant or revoke: an operator's change of one membership, answered with the person's memberships now. */
  const membershipRoute = (path: string, summary: string, change: typeof grantMembership) =>
    api.route({
      method: 'post',
      path,
      summary,
      tags,
      auth: caller,
      params: PersonParams,
      body: MembershipBody,
      response: PersonView,
      errors: [400, 401, 403, 404],
      handler: async ({ params, body, principal, requestId }) => {
        requireOperator(principal);
        const person = await change(ctx, params.personId, { membership: body.membership, by: principal.userId }, { causationid: requestId });
        return { personId: person.personId, memberships: person.memberships };
      },
    });
  membershipRoute(
    '/people/:personId/memberships',
    'Grant a membership (farm owner/packer, partner manager/driver with regions, operator)',
    grantMembership,
  );
  membershipRoute(
    '/people/:personId/memberships/revoke',
    'Revoke a membership; tokens already issued carry it until they expire (minutes)',
    revokeMembership,
  );
};
