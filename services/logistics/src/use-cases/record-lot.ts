import type { EventData } from '@ftt/contracts';
import type { LotRecord } from '../domain/trace/lot';
import type { Context } from './context';

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

/** listing.published/updated -> the lot's record; the newest listing version wins. */
export const recordLot = (ctx: Context, l: Listing, listedAt: string) =>
  ctx.lots.record(lotFromListing(l, listedAt), l.version);
