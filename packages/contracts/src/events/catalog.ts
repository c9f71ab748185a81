import { z } from 'zod';
import { Address, ColdChain, Id, IsoDateTime, Lot, MarketCode, Money, Region, Unit } from '../common';
import { defineEvent } from '../define';
import { Topics } from '../topics';

/** Full state of a listing as other services need it (state transfer, so consumers never call catalog). */
export const ListingSnapshot = z.object({
  listingId: Id,
  farmId: Id,
  farmName: z.string().min(1),
  farmerId: Id,
  payoutAccountId: z.string().optional(),
  region: Region,
  pickupAddress: Address,
  title: z.string().min(1),
  category: z.string().min(1),
  unit: Unit,
  unitPrice: Money,
  status: z.enum(['published', 'paused']),
  lot: Lot,
  coldChain: ColdChain,
  /** The farm's market (issue #31; optional: absent on listings published before markets, which are `nl`). */
  market: MarketCode.optional(),
  /** Increases with every change of the listing; consumers ignore snapshots older than what they hold. */
  version: z.number().int().positive(),
});
export type ListingSnapshot = z.infer<typeof ListingSnapshot>;

export const ListingPublishedV1 = defineEvent({
  type: 'ftt.catalog.listing.published.v1',
  topic: Topics.listings,
  schema: ListingSnapshot,
  key: (d) => d.listingId,
  subject: (d) => `listing/${d.listingId}`,
  description: 'A farmer published a listing; it can be ordered.',
});

export const ListingUpdatedV1 = defineEvent({
  type: 'ftt.catalog.listing.updated.v1',
  topic: Topics.listings,
  schema: ListingSnapshot,
  key: (d) => d.listingId,
  subject: (d) => `listing/${d.listingId}`,
  description: 'A published listing changed (price, lot, status paused/published, farm details).',
});

export const ListingArchivedV1 = defineEvent({
  type: 'ftt.catalog.listing.archived.v1',
  topic: Topics.listings,
  schema: z.object({ listingId: Id, farmId: Id, version: z.number().int().positive(), archivedAt: IsoDateTime }),
  key: (d) => d.listingId,
  subject: (d) => `listing/${d.listingId}`,
  description: 'A listing was archived; it can no longer be ordered.',
});

const StockLine = z.object({ listingId: Id, quantity: z.number().int().positive() });

export const StockReservedV1 = defineEvent({
  type: 'ftt.catalog.stock.reserved.v1',
  topic: Topics.stock,
  schema: z.object({ orderId: Id, lines: z.array(StockLine).min(1), expiresAt: IsoDateTime }),
  key: (d) => d.orderId,
  subject: (d) => `order/${d.orderId}`,
  description: 'Every line of the order is reserved until expiresAt.',
});

export const StockRejectionReason = z.enum(['insufficient_stock', 'listing_unavailable', 'unknown_listing']);

export const StockRejectedV1 = defineEvent({
  type: 'ftt.catalog.stock.rejected.v1',
  topic: Topics.stock,
  schema: z.object({
    orderId: Id,
    listingId: Id,
    lineIndex: z.number().int().nonnegative(),
    reason: StockRejectionReason,
    requested: z.number().int().positive(),
    available: z.number().int().nonnegative(),
  }),
  key: (d) => d.orderId,
  subject: (d) => `order/${d.orderId}`,
  description: 'The order could not be reserved; nothing of it is held.',
});

export const StockReleasedV1 = defineEvent({
  type: 'ftt.catalog.stock.released.v1',
  topic: Topics.stock,
  schema: z.object({
    orderId: Id,
    lines: z.array(StockLine).min(1),
    reason: z.enum(['cancelled', 'expired', 'refunded']),
  }),
  key: (d) => d.orderId,
  subject: (d) => `order/${d.orderId}`,
  description: 'A reservation was given back to available stock.',
});

export const StockCommittedV1 = defineEvent({
  type: 'ftt.catalog.stock.committed.v1',
  topic: Topics.stock,
  schema: z.object({ orderId: Id, lines: z.array(StockLine).min(1) }),
  key: (d) => d.orderId,
  subject: (d) => `order/${d.orderId}`,
  description: 'A paid order: its reserved stock is sold and no longer expires.',
});
