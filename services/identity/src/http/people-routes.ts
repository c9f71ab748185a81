import type { Api } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { grantMembership, membershipsOf, revokeMembership } from '../use-cases/people';
import { MembershipBody, PersonParams, PersonView } from './schemas';

const EVERYONE = ['buyer', 'farmer', 'logistics', 'admin'] as const;

/** People and their memberships. Granting and revoking is an operator's (admin's) until farms and partners invite. */
export const peopleRoutes = (api: Api, ctx: Context): void => {
  const tags = ['people'];
  api.route({
    method: 'get',
    path: '/people/me',
    summary: 'Who I am to FieldToTable: my memberships',
    tags,
    auth: EVERYONE,
    response: PersonView,
    handler: async ({ principal }) => ({
      personId: principal.userId,
      memberships: await membershipsOf(ctx, principal.userId),
    }),
  });

  api.route({
    method: 'post',
    path: '/people/:personId/memberships',
    summary: 'Grant a membership (farm owner/packer, partner manager/driver with regions, operator)',
    tags,
    auth: ['admin'],
    params: PersonParams,
    body: MembershipBody,
    response: PersonView,
    errors: [400, 401, 403, 404],
    handler: async ({ params, body, principal, requestId }) => {
      const person = await grantMembership(
        ctx,
        params.personId,
        { membership: body.membership, by: principal.userId },
        {
          causationid: requestId,
        },
      );
      return { personId: person.personId, memberships: person.memberships };
    },
  });

  api.route({
    method: 'post',
    path: '/people/:personId/memberships/revoke',
    summary: 'Revoke a membership; tokens already issued carry it until they expire (minutes)',
    tags,
    auth: ['admin'],
    params: PersonParams,
    body: MembershipBody,
    response: PersonView,
    errors: [400, 401, 403, 404],
    handler: async ({ params, body, principal, requestId }) => {
      const person = await revokeMembership(
        ctx,
        params.personId,
        { membership: body.membership, by: principal.userId },
        {
          causationid: requestId,
        },
      );
      return { personId: person.personId, memberships: person.memberships };
    },
  });
};
