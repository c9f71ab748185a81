import { DomainError, farmsOf, ignore, requireFarm, type Cause, type Principal } from '@ftt/kit';
import { farmSummary, type Farm, type FarmInput, type FarmPatch } from '../domain/farm';
import { editFarm, openFarm } from '../domain/farm-decide';
import { applyFarm } from '../domain/listing-decide';
import { asOwner, written, type Context } from './context';
import { withStock } from './listings';

/**
 * Which farm a person opens: a farm exists in identity first (an owner membership, granted by an operator), and its
 * owner opens its page here under the membership's farm id. With several farms not open yet, they name one.
 */
const farmToOpen = async (d: Context, actor: Principal, asked: string | undefined): Promise<string> => {
  if (asked !== undefined) {
    requireFarm(actor, asked, 'farm.edit');
    return asked;
  }
  const owned = farmsOf(actor, 'farm.edit');
  if (owned.length === 0) {
    throw new DomainError('farm.forbidden', 'you are not the owner of a farm (an operator makes you one)');
  }
  if (owned.length === 1) return owned[0]!;
  const closed = [];
  for (const id of owned) if (!(await d.farms.get(id))) closed.push(id);
  if (closed.length === 1) return closed[0]!;
  throw new DomainError('farm.invalid', 'you own several farms: say which one you open', [
    { field: 'body.farmId', message: `one of ${owned.join(', ')}` },
  ]);
};

export const createFarm = async (d: Context, actor: Principal, input: FarmInput, farmId?: string): Promise<Farm> => {
  const id = await farmToOpen(d, actor, farmId);
  const farm = written(
    await d.handleFarm(id, async (current, now) => openFarm(current, { id, farmerId: actor.userId, input }, now)),
  );
  d.log.info({ farmId: farm.id }, 'farm created');
  return farm;
};

export const updateFarm = async (d: Context, actor: Principal, farmId: string, patch: FarmPatch, cause: Cause): Promise<Farm> => {
  const farm = written(await d.handleFarm(farmId, asOwner('farm', farmId, actor, 'farm.edit', (f: Farm, now) => editFarm(f, patch, now)), cause));
  await syncFarmListings(d, farm, cause);
  d.log.info({ farmId }, 'farm updated');
  return farm;
};

/**
 * Copy the farm's details onto its listings (search needs them on the listing document) and tell
 * the other services through each live listing's own outbox. Runs after the farm write; the farm
 * stays marked unsynced until every listing has the version, so a sweeper finishes it after a crash.
 */
export const syncFarmListings = async (d: Context, farm: Farm, cause: Cause): Promise<void> => {
  const summary = farmSummary(farm);
  for (const listing of await d.listings.byFarm(farm.id)) {
    await d.handleListing(
      listing.id,
      (current, now) => (current ? withStock((l, at) => applyFarm(l, summary, at))(current, now) : ignore('no listing')),
      cause,
    );
  }
  await d.farms.markSynced(farm.id, farm.version);
};

/**
 * The farm's payout account from Stripe Connect onboarding (never typed in): the first call creates the connected
 * account and stores its id on the farm (its listings take it on, so orders pays out to it); every call returns a
 * fresh onboarding link for that account (a link works once and expires).
 */
export const startPayoutOnboarding = async (d: Context, actor: Principal, farmId: string, cause: Cause) => {
  const farm = await d.farms.get(farmId);
  if (!farm) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  requireFarm(actor, farmId, 'farm.edit');
  const onboarding = await d.payouts.start({
    farmId,
    accountId: farm.payoutAccountId,
    country: farm.address.country,
  });
  if (farm.payoutAccountId !== onboarding.accountId) {
    const updated = written(
      await d.handleFarm(
        farmId,
        asOwner('farm', farmId, actor, 'farm.edit', (f: Farm, now) => editFarm(f, { payoutAccountId: onboarding.accountId }, now)),
        cause,
      ),
    );
    await syncFarmListings(d, updated, cause);
  }
  d.log.info({ farmId, provider: d.payouts.name }, 'payout onboarding started');
  return { ...onboarding, provider: d.payouts.name };
};
