import { requireOperator, type Api, type Cause, type Principal } from '@ftt/kit';
import type { Application } from '../domain/application';
import { ApplicationParams, ApplicationView, DecisionBody } from './onboarding-schemas';
import { sessionBearer, type OwnTokens } from './session-bearer';

/** What clients see of an application (the stored one, without its trace). */
export const applicationView = (a: Application) => {
  const { traceparent: _t, ...rest } = a;
  return rest;
};

/** The signed-in caller, looked up per request: documenting the API (gen:api) registers routes without a running service. */
export const callerOf = (d: { ownTokens: OwnTokens }) => (headers: Record<string, string | string[] | undefined>) =>
  sessionBearer(d.ownTokens)(headers);

/**
 * An operator's audited action on an application, with a reason the applicant may read (approve, reject, suspend,
 * reinstate): `POST /admin/applications/:applicationId/<verb>` answers the application as it is after.
 */
export const applicationActionRoute = (
  api: Api,
  d: { ownTokens: OwnTokens },
  verb: string,
  summary: string,
  act: (principal: Principal, applicationId: string, reason: string, cause: Cause) => Promise<Application>,
): void => {
  api.route({
    method: 'post',
    path: `/admin/applications/:applicationId/${verb}`,
    summary,
    tags: ['onboarding'],
    auth: callerOf(d),
    params: ApplicationParams,
    body: DecisionBody,
    response: ApplicationView,
    errors: [400, 401, 403, 404, 409],
    handler: async ({ params, body, principal, requestId }) => {
      requireOperator(principal);
      return applicationView(await act(principal, params.applicationId, body.reason, { causationid: requestId }));
    },
  });
};
