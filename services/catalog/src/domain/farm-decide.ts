import { change, reject, type Outcome } from '@ftt/kit/domain';
import type { Farm, FarmInput, FarmPatch } from './farm';

/** A farm emits no events of its own: its listings tell the other services (listing.updated). */
export type FarmOutcome = Outcome<Farm, never>;

export const newFarm = (id: string, farmerId: string, input: FarmInput, now: Date): Farm => ({
  id,
  farmerId,
  ...input,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  // Not stored yet: the store sets the version it is written as.
  version: 0,
});

/**
 * A farm opens once: `farmersFarm` is the farm of that id if it is open already. (Its id is the document's `_id`:
 * of two requests racing, the loser decides again and sees the winner's farm.) `farmerId` is the owner who opened it.
 */
export const openFarm = (
  farmersFarm: Farm | null,
  command: { id: string; farmerId: string; input: FarmInput },
  now: Date,
): FarmOutcome =>
  farmersFarm
    ? reject('farm.conflict', 'you already have a farm; edit it instead')
    : change(newFarm(command.id, command.farmerId, command.input, now));

export const editFarm = (farm: Farm, patch: FarmPatch, now: Date): FarmOutcome => {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as FarmPatch;
  return change({ ...farm, ...defined, updatedAt: now.toISOString() });
};
