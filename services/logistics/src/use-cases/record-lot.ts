import type { EventData } from '@ftt/contracts';
import type { LotRecord } from '../domain/trace/lot';
import type { LotRepo } from './ports';

type Listing = EventData<'ftt.catalog.listing.published.v1'>;

/** A lot as the trace needs it, from catalog's listing snapshot (state transfer: no call to catalog). */
export const lotFromListing = (l: Listing, listedAt: string): LotRecord => ({
  lotCode: l.lot.lotCode,
  listingId: l.listingId,
  product: l.title,
  category: l.category,
  farmId: l.farmId,
  farmName: l.farmName,
  farmerId: l.farmerId,
  region: l.region,
  field: l.lot.field,
  harvestDate: l.lot.harvestDate,
  ...(l.lot.bestBefore ? { bestBefore: l.lot.bestBefore } : {}),
  quantity: l.lot.quantity,
  unit: l.lot.unit,
  pickupAddress: l.pickupAddress,
  coldChain: { minC: l.coldChain.minC, maxC: l.coldChain.maxC },
  firstListedAt: listedAt,
});

export const makeRecordLot = (d: { lots: LotRepo }) => ({
  record: (l: Listing, listedAt: string) => d.lots.record(lotFromListing(l, listedAt), l.version),
});
