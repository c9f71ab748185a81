import type { EventData, ListingSnapshot } from '@ftt/contracts';
import type { Deps } from './context';

/*
 * orders' read model of catalog's listings, fed by catalog's events. Writes are conditional on the
 * listing's version, so a redelivered or out-of-order event never rolls a listing back.
 */

export const onListingChanged = async (deps: Deps, snapshot: ListingSnapshot) => {
  const result = await deps.listings.upsertSnapshot(snapshot);
  deps.log.debug({ listingId: snapshot.listingId, version: snapshot.version, result }, 'listing snapshot');
};

export const onListingArchived = async (deps: Deps, d: EventData<'ftt.catalog.listing.archived.v1'>) => {
  await deps.listings.markArchived(d.listingId, d.version);
};
