import type { EventData } from '@ftt/contracts';
import { AuditLog, isDomainErrorWith, type Cause, type EventSteps } from '@ftt/kit';
import { setPartnerSuspended } from '../use-cases/admin';
import type { Context } from '../use-cases/context';
import { erasePersonalData, type PersonalDataStore } from '../use-cases/erasure';
import type { PartnerStore } from '../use-cases/ports-admin';

/**
 * identity's `place.suspension_changed` for a partner: the same suspension an operator sets in logistics' back
 * office (claims and pickups refused, 403), audited here under identity's operator. A partner that never claimed
 * gets its record first. Idempotent: a partner already in that state is left as it is (a redelivery).
 */
const applySuspension =
  (partners: PartnerStore, audit: AuditLog) =>
  async (ctx: Context, d: EventData<'ftt.identity.place.suspension_changed.v1'>, _cause: Cause) => {
    if (d.kind !== 'partner') return 'not a partner';
    await partners.ensure(d.placeId, ctx.clock());
    const actor = { userId: d.by, memberships: [{ kind: 'operator' as const }] };
    try {
      await setPartnerSuspended({ ctx, partners, audit }, actor, d.placeId, d.state === 'suspended', d.reason);
      return undefined;
    } catch (err) {
      if (isDomainErrorWith(err, 'conflict')) return `partner already ${d.state}`;
      throw err;
    }
  };

/** What logistics does with identity's people topic: a deleted account's personal data goes; suspensions apply. */
export const peopleSteps = (
  personalData: PersonalDataStore,
  partners: PartnerStore,
  audit: AuditLog,
): EventSteps<Context> => ({
  'ftt.identity.person.erased.v1': (ctx, data, cause) => erasePersonalData(ctx, personalData, data, cause),
  'ftt.identity.place.suspension_changed.v1': applySuspension(partners, audit),
});
