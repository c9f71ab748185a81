import { AuditLog, DomainError, type Cause, type Principal } from '@ftt/kit';
import type { Application } from '../domain/application';
import { setSuspension } from '../domain/place-suspension';
import type { Context } from './context';

/**
 * An operator suspends or reinstates an approved farm or partner (audited in the same write as the state and its
 * `place.suspension_changed.v1`, outbox): catalog stops selling a suspended farm, logistics stops a suspended
 * partner claiming and picking up; reinstating restores both.
 */
export const suspendPlace = async (
  ctx: Context,
  actor: Principal,
  applicationId: string,
  cmd: { suspend: boolean; reason: string },
  cause: Cause = {},
): Promise<Application> => {
  const audit = AuditLog.entry(
    actor,
    {
      action: cmd.suspend ? 'place.suspend' : 'place.reinstate',
      target: { type: 'application', id: applicationId },
      reason: cmd.reason,
    },
    ctx.clock(),
  );
  const r = await ctx.handleApplication(
    applicationId,
    (current, now) => setSuspension(current, { ...cmd, by: actor.userId }, now),
    { ...cause, audit },
  );
  if (r.result === 'written') await ctx.settleApplicationAudit(applicationId);
  if (!r.state) throw new DomainError('application.not_found', 'no such application');
  ctx.log.info({ applicationId, placeId: r.state.placeId, suspended: cmd.suspend }, cmd.suspend ? 'place suspended' : 'place reinstated');
  return r.state;
};
