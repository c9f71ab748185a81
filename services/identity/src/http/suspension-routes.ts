import { requireOperator, type Api } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { suspendPlace } from '../use-cases/suspensions';
import { ApplicationParams, ApplicationView, DecisionBody } from './onboarding-schemas';
import { sessionBearer, type OwnTokens } from './session-bearer';

/** Operators suspend and reinstate an approved farm or partner, by the application that made it (audited). */
export const suspensionRoutes = (api: Api, ctx: Context, d: { ownTokens: OwnTokens }): void => {
  // looked up per request: documenting the API (gen:api) registers routes without a running service
  const caller = (headers: Record<string, string | string[] | undefined>) => sessionBearer(d.ownTokens)(headers);
  for (const [verb, suspend] of [
    ['suspend', true],
    ['reinstate', false],
  ] as const) {
    api.route({
      method: 'post',
      path: `/admin/applications/:applicationId/${verb}`,
      summary: suspend
        ? 'Suspend the approved farm or partner of this application, with a reason (audited, announced): a farm sells nothing, a partner claims and picks up nothing'
        : 'Reinstate a suspended farm or partner, with a reason (audited, announced)',
      tags: ['onboarding'],
      auth: caller,
      params: ApplicationParams,
      body: DecisionBody,
      response: ApplicationView,
      errors: [400, 401, 403, 404, 409],
      handler: async ({ params, body, principal, requestId }) => {
        requireOperator(principal);
        const { traceparent: _t, ...view } = await suspendPlace(
          ctx,
          principal,
          params.applicationId,
          { suspend, reason: body.reason },
          { causationid: requestId },
        );
        return view;
      },
    });
  }
};
