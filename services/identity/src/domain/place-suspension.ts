import { change, reject, type Outcome } from '@ftt/kit/domain';
import type { Application, ApplicationEvent } from './application';

/**
 * An operator suspends an approved farm or partner, or reinstates it, with a reason. The state rides on the
 * application that made the place (one document: its decision, its suspension and their events). Suspending what is
 * suspended, or reinstating what is not, is a conflict (two operators acting on the same state: one wins).
 */
export const setSuspension = (
  current: Application | null,
  cmd: { suspend: boolean; by: string; reason: string },
  now: Date,
): Outcome<Application, ApplicationEvent> => {
  if (!current) return reject('application.not_found', 'no such application');
  if (current.state !== 'approved')
    return reject('application.invalid_transition', `only an approved farm or partner is suspended; this application is ${current.state}`);
  if (cmd.suspend && current.suspended)
    return reject('application.conflict', `suspended already (since ${current.suspended.at})`);
  if (!cmd.suspend && !current.suspended) return reject('application.conflict', 'not suspended');
  const at = now.toISOString();
  return change(
    { ...current, suspended: cmd.suspend ? { at, by: cmd.by, reason: cmd.reason } : null },
    [
      {
        type: 'ftt.identity.place.suspension_changed.v1',
        data: {
          applicationId: current.applicationId,
          personId: current.personId,
          kind: current.kind,
          placeId: current.placeId,
          state: cmd.suspend ? 'suspended' : 'reinstated',
          reason: cmd.reason,
          by: cmd.by,
          at,
        },
      },
    ],
  );
};
