import { change, reject, ignore, type Outcome } from '@ftt/kit/domain';
import type { Application, ApplicationDetails, ApplicationEvent } from './application';

type ApplicationOutcome = Outcome<Application, ApplicationEvent>;

/** A new application, waiting for an operator. It announces nothing yet: only a decision is news to others. */
export const submit = (
  current: Application | null,
  cmd: { applicationId: string; personId: string; placeId: string; details: ApplicationDetails },
  now: Date,
): ApplicationOutcome => {
  if (current) return ignore('already submitted');
  return change(
    {
      ...cmd.details,
      applicationId: cmd.applicationId,
      personId: cmd.personId,
      placeId: cmd.placeId,
      state: 'submitted',
      submittedAt: now.toISOString(),
    } as Application,
    [],
  );
};

/**
 * An operator's decision. Deciding again the way it was decided is ignored (a retried click; the caller still makes
 * sure the approval's membership exists); deciding the other way is refused: a decided application stays decided.
 */
export const decide = (
  current: Application | null,
  cmd: { decision: 'approved' | 'rejected'; by: string; reason: string },
  now: Date,
): ApplicationOutcome => {
  if (!current) return reject('application.not_found', 'no such application');
  if (current.state === cmd.decision) return ignore(`already ${cmd.decision}`);
  if (current.state !== 'submitted')
    return reject('application.invalid_transition', `the application was ${current.state} already`);
  if (cmd.by === current.personId)
    return reject('application.forbidden', 'an operator does not decide their own application');
  const at = now.toISOString();
  const place =
    current.kind === 'farm'
      ? { farm: { farmId: current.placeId, name: current.farm.name, region: current.farm.region } }
      : { partner: { partnerId: current.placeId, name: current.partner.name, regions: current.partner.regions } };
  return change({ ...current, state: cmd.decision, decision: { at, by: cmd.by, reason: cmd.reason } }, [
    {
      type: 'ftt.identity.application.decided.v1',
      data: {
        applicationId: current.applicationId,
        personId: current.personId,
        at,
        kind: current.kind,
        decision: cmd.decision,
        reason: cmd.reason,
        decidedBy: cmd.by,
        ...(cmd.decision === 'approved' ? place : {}),
      },
    },
  ]);
};
