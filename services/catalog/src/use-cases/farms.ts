import { assertOwner, type Principal } from '@ftt/kit';
import { DomainError } from '../domain/errors';
import { editFarm, farmSummary, newFarm, type Farm, type FarmInput, type FarmPatch } from '../domain/farm';
import { applyFarm } from '../domain/listing';
import type { ListingRecord } from '../data/listing-repo';
import { MAX_ATTEMPTS, toEvents, type Cause, type CatalogDeps } from './context';

const notFound = (farmId: string) => new DomainError('farm.not_found', `no farm ${farmId}`);

export const createFarm = async (d: CatalogDeps, actor: Principal, input: FarmInput): Promise<Farm> => {
  const farm = newFarm(d.newId(), actor.userId, input, d.clock());
  if ((await d.farms.insert(farm)) === 'duplicate') {
    throw new DomainError('farm.conflict', 'you already have a farm; edit it instead');
  }
  d.log.info({ farmId: farm.id }, 'farm created');
  return farm;
};

export const updateFarm = async (d: CatalogDeps, actor: Principal, farmId: string, patch: FarmPatch, cause: Cause): Promise<Farm> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const farm = await d.farms.get(farmId);
    if (!farm) throw notFound(farmId);
    assertOwner(actor, farm.farmerId, 'farm');
    const next = editFarm(farm, patch, d.clock());
    if ((await d.farms.update(next, farm.version)) !== 'written') continue;
    await syncFarmListings(d, next, cause);
    d.log.info({ farmId }, 'farm updated');
    return next;
  }
  throw new DomainError('farm.conflict', 'the farm changed concurrently; try again');
};

/**
 * Copy the farm's details onto its listings (search needs them on the listing document) and tell
 * the other services through each live listing's own outbox. Runs after the farm write; the farm
 * stays marked unsynced until every listing has the version, so a sweeper finishes it after a crash.
 */
export const syncFarmListings = async (d: CatalogDeps, farm: Farm, cause: Cause): Promise<void> => {
  const summary = farmSummary(farm);
  for (const listing of await d.listings.byFarm(farm.id)) {
    let current: ListingRecord | null = listing;
    for (let attempt = 0; current && attempt < MAX_ATTEMPTS; attempt++) {
      const now = d.clock();
      const decision = applyFarm(current, summary, now);
      if (!decision) break;
      const written = await d.listings.save(decision.listing, current.version, toEvents(decision.events, cause, now));
      if (written === 'written') {
        d.kick('listings', current.id);
        break;
      }
      current = await d.listings.get(listing.id);
    }
  }
  await d.farms.markSynced(farm.id, farm.version);
};

export const getFarm = async (d: CatalogDeps, farmId: string): Promise<{ farm: Farm; listings: ListingRecord[] }> => {
  const farm = await d.farms.get(farmId);
  if (!farm) throw notFound(farmId);
  return { farm, listings: await d.listings.byFarm(farmId, ['published']) };
};

/** The farmer's own view: every listing, drafts and archived included. */
export const myFarm = async (d: CatalogDeps, actor: Principal): Promise<{ farm: Farm; listings: ListingRecord[] }> => {
  const farm = await d.farms.byFarmer(actor.userId);
  if (!farm) throw new DomainError('farm.not_found', 'you have no farm yet');
  return { farm, listings: await d.listings.byFarm(farm.id) };
};
