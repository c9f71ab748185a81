import { ignore, type Cause, type Principal } from '@ftt/kit';
import { farmSummary, type Farm, type FarmInput, type FarmPatch } from '../domain/farm';
import { editFarm, openFarm } from '../domain/farm-decide';
import { applyFarm } from '../domain/listing-decide';
import { asOwner, written, type Deps } from './context';
import { withStock } from './listings';

export const createFarm = async (d: Deps, actor: Principal, input: FarmInput): Promise<Farm> => {
  const id = d.newId();
  const farm = written(
    await d.farm(id, async (_new, now) => openFarm(await d.farms.byFarmer(actor.userId), { id, farmerId: actor.userId, input }, now)),
  );
  d.log.info({ farmId: farm.id }, 'farm created');
  return farm;
};

export const updateFarm = async (d: Deps, actor: Principal, farmId: string, patch: FarmPatch, cause: Cause): Promise<Farm> => {
  const farm = written(await d.farm(farmId, asOwner('farm', farmId, actor, (f: Farm, now) => editFarm(f, patch, now)), cause));
  await syncFarmListings(d, farm, cause);
  d.log.info({ farmId }, 'farm updated');
  return farm;
};

/**
 * Copy the farm's details onto its listings (search needs them on the listing document) and tell
 * the other services through each live listing's own outbox. Runs after the farm write; the farm
 * stays marked unsynced until every listing has the version, so a sweeper finishes it after a crash.
 */
export const syncFarmListings = async (d: Deps, farm: Farm, cause: Cause): Promise<void> => {
  const summary = farmSummary(farm);
  for (const listing of await d.listings.byFarm(farm.id)) {
    await d.listing(
      listing.id,
      (current, now) => (current ? withStock((l, at) => applyFarm(l, summary, at))(current, now) : ignore('no listing')),
      cause,
    );
  }
  await d.farms.markSynced(farm.id, farm.version);
};
