import { randomUUID } from 'node:crypto';
import type { EventData } from '@ftt/contracts';
import { AuditLog, DomainError, type Cause, type PageRequest, type Principal } from '@ftt/kit';
import { grantedMembership, type Application, type ApplicationDetails, type ApplicationState } from '../domain/application';
import { decide, submit } from '../domain/application-decide';
import type { Context } from './context';
import { grant } from '../domain/person-decide';
import { grantMembership } from './people';

/** A signed-in person applies to sell (a farm) or to deliver (a partner). The farm or partner id is chosen now. */
export const submitApplication = async (
  ctx: Context,
  actor: Principal,
  details: ApplicationDetails,
  cause: Cause = {},
): Promise<Application> => {
  const applicationId = randomUUID();
  const r = await ctx.handleApplication.create(
    applicationId,
    (current, now) => submit(current, { applicationId, personId: actor.userId, placeId: randomUUID(), details }, now),
    cause,
  );
  if (!r.state) throw new DomainError('application.conflict', 'the application was not stored; try again');
  ctx.log.info({ applicationId, kind: details.kind }, 'application submitted');
  return r.state;
};

/**
 * An operator approves or rejects, with a reason (audited in the decision's own write). An approval then grants the
 * applicant the membership (owner of the new farm, manager of the new partner): the grant is idempotent and is made
 * again when the same decision is asked for again, so an operator who retries after a failure finishes the job.
 */
export const decideApplication = async (
  ctx: Context,
  actor: Principal,
  applicationId: string,
  cmd: { decision: 'approved' | 'rejected'; reason: string },
  cause: Cause = {},
): Promise<Application> => {
  const audit = AuditLog.entry(
    actor,
    {
      action: cmd.decision === 'approved' ? 'application.approve' : 'application.reject',
      target: { type: 'application', id: applicationId },
      reason: cmd.reason,
    },
    ctx.clock(),
  );
  const r = await ctx.handleApplication(
    applicationId,
    (current, now) => decide(current, { ...cmd, by: actor.userId }, now),
    { ...cause, audit },
  );
  if (r.result === 'written') await ctx.settleApplicationAudit(applicationId);
  const application = r.state;
  if (!application) throw new DomainError('application.not_found', 'no such application');
  if (application.state === 'approved') {
    await grantMembership(
      ctx,
      application.personId,
      { membership: grantedMembership(application), by: actor.userId },
      { causationid: cause.causationid, correlationid: applicationId },
    );
  }
  ctx.log.info({ applicationId, decision: application.state }, 'application decided');
  return application;
};

export const applicationsPage = (ctx: Context, q: { state?: ApplicationState | undefined } & PageRequest) =>
  ctx.applications.page(q);

export const myApplications = (ctx: Context, personId: string, page: PageRequest) =>
  ctx.applications.mine(personId, page);

/** The membership an announced approval grants (identity's own consumer: see messaging/event-handler.ts). */
export const grantApprovedMembership = async (
  ctx: Context,
  data: EventData<'ftt.identity.application.decided.v1'>,
  cause: Cause,
) => {
  const membership = data.farm
    ? ({ kind: 'farm', farmId: data.farm.farmId, role: 'owner' } as const)
    : data.partner
      ? ({ kind: 'partner', partnerId: data.partner.partnerId, role: 'manager', regions: data.partner.regions } as const)
      : undefined;
  if (data.decision !== 'approved' || !membership) return { result: 'ignored' as const, reason: 'not an approval' };
  return ctx.handlePerson(
    data.personId,
    (current, now) => grant(current, { membership, by: data.decidedBy }, now),
    cause,
  );
};
