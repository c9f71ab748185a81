import type { Api } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { suspendPlace } from '../use-cases/suspensions';
import { applicationActionRoute } from './application-actions';
import type { OwnTokens } from './session-bearer';

/** Operators suspend and reinstate an approved farm or partner, by the application that made it (audited). */
export const suspensionRoutes = (api: Api, ctx: Context, d: { ownTokens: OwnTokens }): void => {
  for (const [verb, suspend] of [
    ['suspend', true],
    ['reinstate', false],
  ] as const) {
    applicationActionRoute(
      api,
      d,
      verb,
      suspend
        ? 'Suspend the approved farm or partner of this application, with a reason (audited, announced): a farm sells nothing, a partner claims and picks up nothing'
        : 'Reinstate a suspended farm or partner, with a reason (audited, announced)',
      (principal, applicationId, reason, cause) => suspendPlace(ctx, principal, applicationId, { suspend, reason }, cause),
    );
  }
};
