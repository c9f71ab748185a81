import { requireOperator, type Api } from '@ftt/kit';
import type { Invite } from '../domain/invite';
import { applicationsPage, decideApplication, myApplications, submitApplication } from '../use-cases/applications';
import type { Context } from '../use-cases/context';
import { acceptInvite, inviteMember } from '../use-cases/invites';
import {
  ApplicationPage,
  ApplicationsQuery,
  ApplicationView,
  FarmApplicationBody,
  FarmInviteBody,
  FarmParams,
  InviteParams,
  InviteView,
  MyApplicationsQuery,
  PartnerApplicationBody,
  PartnerInviteBody,
  PartnerParams,
} from './onboarding-schemas';
import { PersonView } from './schemas';
import type { OwnTokens } from './session-bearer';
import { applicationActionRoute, applicationView, callerOf } from './application-actions';

const inviteView = (i: Invite) => ({ inviteId: i.inviteId, email: i.email, state: i.state, expiresAt: i.expiresAt });

/**
 * Onboarding: applications to sell or deliver (a signed-in person applies, an operator decides: audited) and
 * invitations (a farm's owner invites packers, a partner's manager drivers; the invited person accepts).
 */
export const onboardingRoutes = (api: Api, ctx: Context, d: { ownTokens: OwnTokens }): void => {
  const caller = callerOf(d);
  const tags = ['onboarding'];

  api.route({
    method: 'post',
    path: '/applications/farm',
    summary: 'Sell on FieldToTable: apply with the farm profile (an operator approves; then you own the farm)',
    tags,
    auth: caller,
    body: FarmApplicationBody,
    response: ApplicationView,
    status: 201,
    errors: [400, 401],
    handler: async ({ body, principal, requestId }) =>
      applicationView(await submitApplication(ctx, principal, { kind: 'farm', farm: body }, { causationid: requestId })),
  });

  api.route({
    method: 'post',
    path: '/applications/partner',
    summary: 'Deliver for FieldToTable: apply with the partner name and service regions (an operator approves)',
    tags,
    auth: caller,
    body: PartnerApplicationBody,
    response: ApplicationView,
    status: 201,
    errors: [400, 401],
    handler: async ({ body, principal, requestId }) =>
      applicationView(await submitApplication(ctx, principal, { kind: 'partner', partner: body }, { causationid: requestId })),
  });

  api.route({
    method: 'get',
    path: '/applications/mine',
    summary: 'My applications, newest first, with their decisions',
    tags,
    auth: caller,
    query: MyApplicationsQuery,
    response: ApplicationPage,
    errors: [400, 401],
    handler: async ({ query, principal }) => {
      const page = await myApplications(ctx, principal.userId, query);
      return { items: page.items.map(applicationView), nextCursor: page.nextCursor };
    },
  });

  api.route({
    method: 'get',
    path: '/admin/applications',
    summary: 'Applications to sell or deliver, newest first, all or in one state. Operators only.',
    tags,
    auth: caller,
    query: ApplicationsQuery,
    response: ApplicationPage,
    errors: [400, 401, 403],
    handler: async ({ query, principal }) => {
      requireOperator(principal);
      const page = await applicationsPage(ctx, query);
      return { items: page.items.map(applicationView), nextCursor: page.nextCursor };
    },
  });

  for (const [verb, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    applicationActionRoute(
      api,
      d,
      verb,
      verb === 'approve'
        ? 'Approve an application (audited): the applicant becomes owner of the new farm or manager of the new partner'
        : 'Reject an application with a reason the applicant sees (audited)',
      (principal, applicationId, reason, cause) => decideApplication(ctx, principal, applicationId, { decision, reason }, cause),
    );
  }

  api.route({
    method: 'post',
    path: '/farms/:farmId/invites',
    summary: "Invite a person by email to pack for the farm (the farm's owner): a mail with a link to accept",
    tags,
    auth: caller,
    params: FarmParams,
    body: FarmInviteBody,
    response: InviteView,
    status: 201,
    errors: [400, 401, 403, 503],
    handler: async ({ params, body, principal, requestId }) =>
      inviteView(
        await inviteMember(ctx, principal, { kind: 'farm', farmId: params.farmId }, body, { causationid: requestId }),
      ),
  });

  api.route({
    method: 'post',
    path: '/partners/:partnerId/invites',
    summary: "Invite a person by email to drive for the partner (the partner's manager): a mail with a link to accept",
    tags,
    auth: caller,
    params: PartnerParams,
    body: PartnerInviteBody,
    response: InviteView,
    status: 201,
    errors: [400, 401, 403, 503],
    handler: async ({ params, body, principal, requestId }) =>
      inviteView(
        await inviteMember(
          ctx,
          principal,
          { kind: 'partner', partnerId: params.partnerId, regions: body.regions },
          body,
          { causationid: requestId },
        ),
      ),
  });

  api.route({
    method: 'post',
    path: '/invites/:inviteId/accept',
    summary:
      'Accept an invitation, signed in with the invited (verified) email: the membership is granted and the next token carries it',
    tags,
    auth: caller,
    params: InviteParams,
    response: PersonView,
    errors: [401, 403, 404, 409],
    handler: async ({ params, principal, requestId }) => {
      const { person } = await acceptInvite(ctx, principal, params.inviteId, { causationid: requestId });
      return { personId: person.personId, memberships: person.memberships };
    },
  });
};
