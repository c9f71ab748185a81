import type { EventData } from '@ftt/contracts';
import { isDomainErrorWith, type Cause, type EventSteps } from '@ftt/kit';
import { setFarmSuspended, type AdminDeps } from '../use-cases/admin';
import type { Context } from '../use-cases/context';

/**
 * identity's `place.suspension_changed` for a farm: the same suspension an operator sets in catalog's back office
 * (`setFarmSuspended`: the farm's new version, its listings out of search and not reservable, publishing refused),
 * audited here under identity's operator. Idempotent: the event id rides in the farm's write (a redelivery is a
 * duplicate), and a farm already in that state is left as it is. A farm never opened here has nothing to suspend.
 */
const applySuspension =
  (admin: Omit<AdminDeps, 'deps'>) =>
  async (deps: Context, d: EventData<'ftt.identity.place.suspension_changed.v1'>, cause: Cause) => {
    if (d.kind !== 'farm') return 'not a farm';
    const suspend = d.state === 'suspended';
    try {
      await setFarmSuspended({ ...admin, deps }, { userId: d.by, memberships: [{ kind: 'operator' }] }, d.placeId, suspend, d.reason, cause);
      return undefined;
    } catch (err) {
      if (isDomainErrorWith(err, 'conflict')) return `farm already ${d.state}`;
      if (isDomainErrorWith(err, 'not_found')) return 'farm not opened in catalog';
      throw err;
    }
  };

export const suspensionSteps = (admin: Omit<AdminDeps, 'deps'>): EventSteps<Context> => ({
  'ftt.identity.place.suspension_changed.v1': applySuspension(admin),
});
