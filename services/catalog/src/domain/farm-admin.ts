import { change, reject } from '@ftt/kit/domain';
import type { Farm } from './farm';
import type { FarmOutcome } from './farm-decide';

/** An operator suspends a farm: a new farm version, which its listings take on (out of search, not reservable). */
export const suspendFarm = (farm: Farm, input: { by: string; reason: string }, now: Date): FarmOutcome =>
  farm.suspended
    ? reject('farm.conflict', `the farm is suspended already (since ${farm.suspended.at})`)
    : change({
        ...farm,
        suspended: { at: now.toISOString(), by: input.by, reason: input.reason },
        updatedAt: now.toISOString(),
      });

/** Reinstated: its published listings are back in search and reservable. */
export const reinstateFarm = (farm: Farm, now: Date): FarmOutcome =>
  farm.suspended
    ? change({ ...farm, suspended: null, updatedAt: now.toISOString() })
    : reject('farm.conflict', 'the farm is not suspended');
