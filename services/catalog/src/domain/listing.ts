import { ColdChain, Money, Unit, type ListingSnapshot } from '@ftt/contracts';
import { z } from 'zod';
import { FarmSummaryState, type FarmSummary } from './farm';

export type ListingStatus = 'draft' | 'published' | 'paused' | 'archived';

export interface LotDetails {
  /** Traceability lot code (FSMA 204 TLC); follows the produce through order and shipment. */
  lotCode: string;
  field: string;
  harvestDate: string;
  bestBefore?: string | undefined;
  /** Harvested quantity of the lot, in the listing's unit. */
  quantity: number;
}

/** A listing's own state. Stock (available/reserved/sold) is deliberately not part of it: it only moves by $inc. */
export interface Listing {
  id: string;
  farmId: string;
  farmerId: string;
  status: ListingStatus;
  category: string;
  title: string;
  description: string;
  unit: Unit;
  unitPrice: Money;
  photos: string[];
  lot: LotDetails;
  coldChain: ColdChain;
  farm: FarmSummary;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  archivedAt: string | null;
  version: number;
}

export type ListingInput = Pick<
  Listing,
  'category' | 'title' | 'description' | 'unit' | 'unitPrice' | 'photos' | 'lot' | 'coldChain'
>;
export type ListingPatch = Partial<ListingInput>;

export type ListingEvent =
  | { type: 'ftt.catalog.listing.published.v1'; data: ListingSnapshot }
  | { type: 'ftt.catalog.listing.updated.v1'; data: ListingSnapshot }
  | {
      type: 'ftt.catalog.listing.archived.v1';
      data: { listingId: string; farmId: string; version: number; archivedAt: string };
    };

export interface StockLevels {
  available: number;
  reserved: number;
  sold: number;
}

export type AdjustmentKind = 'restock' | 'write_off';

/** A farmer's own stock movement; kept on the listing as its history. */
export interface StockAdjustment {
  id: string;
  kind: AdjustmentKind;
  quantity: number;
  reason: string;
  by: string;
  at: string;
}

/** Visible to buyers and to the other services (orders keeps a copy from the snapshots). */
export const isLive = (s: ListingStatus): s is 'published' | 'paused' => s === 'published' || s === 'paused';

export const toSnapshot = (l: Listing): ListingSnapshot => {
  if (!isLive(l.status)) throw new Error(`no snapshot of a ${l.status} listing`);
  return {
    listingId: l.id,
    farmId: l.farmId,
    farmName: l.farm.name,
    farmerId: l.farmerId,
    ...(l.farm.payoutAccountId ? { payoutAccountId: l.farm.payoutAccountId } : {}),
    region: l.farm.region,
    ...(l.farm.market ? { market: l.farm.market } : {}),
    pickupAddress: l.farm.pickupAddress,
    title: l.title,
    category: l.category,
    unit: l.unit,
    unitPrice: l.unitPrice,
    // A suspended farm's listings are paused for the other services (orders refuses them at once).
    status: l.farm.suspended && l.status === 'published' ? 'paused' : l.status,
    lot: { ...l.lot, farmId: l.farmId, unit: l.unit },
    coldChain: l.coldChain,
    version: l.version,
  };
};

const StockAdjustmentState: z.ZodType<StockAdjustment> = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(['restock', 'write_off']),
  quantity: z.number(),
  reason: z.string(),
  by: z.string().min(1),
  at: z.iso.datetime(),
});

/**
 * What a listing's state holds: its own fields, and the stock that rides along (deciders never change it; only
 * conditional $inc moves it) with a CSV import row's stock move. The aggregate's state schema: the decider tests parse
 * every state with it.
 */
export const ListingState = z.strictObject({
  id: z.string().min(1),
  farmId: z.string().min(1),
  farmerId: z.string().min(1),
  status: z.enum(['draft', 'published', 'paused', 'archived']),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  unit: Unit,
  unitPrice: Money,
  photos: z.array(z.string()),
  lot: z.strictObject({
    lotCode: z.string().min(1),
    field: z.string(),
    harvestDate: z.string(),
    bestBefore: z.string().optional(),
    quantity: z.number(),
  }),
  coldChain: ColdChain,
  farm: FarmSummaryState,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
  archivedAt: z.iso.datetime().nullable(),
  version: z.number().int().min(0),
  stock: z.strictObject({ available: z.number(), reserved: z.number(), sold: z.number() }),
  stockMove: z.strictObject({ adjustment: StockAdjustmentState, expected: z.number(), delta: z.number() }).optional(),
}) satisfies z.ZodType<Listing & { stock: StockLevels }>;
