import { LEGACY_MARKET } from '@ftt/contracts';
import { AddressView, ColdChainView, MoneyView, nameSchemas, UnitView } from '@ftt/kit';
import { z } from 'zod';
import { isCertified, type Farm } from '../domain/farm';
import type { StockAdjustment } from '../domain/listing';
import type { ListingRecord } from '../use-cases/ports';

/** Response shapes: documented in OpenAPI from these schemas, built by the functions below. */
const CertificationView = z.object({
  type: z.string(),
  name: z.string().optional(),
  certifier: z.string(),
  certificateNumber: z.string().optional(),
  validUntil: z.string(),
});

export const FarmView = z.object({
  id: z.string(),
  farmerId: z.string(),
  name: z.string(),
  description: z.string(),
  address: AddressView,
  region: z.string(),
  market: z.string().describe("the farm's market (issue #31): nl for farms opened before markets"),
  certifications: z.array(CertificationView),
  certified: z.boolean(),
  payoutAccountId: z.string().optional(),
  photo: z.string().optional().describe("The farm's own photo: /farm-photos/<id>, each width at <path>/<width>.webp"),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

export const Stock = z.object({ available: z.number(), reserved: z.number(), sold: z.number() });

export const ListingView = z.object({
  id: z.string(),
  farmId: z.string(),
  farmerId: z.string(),
  status: z.enum(['draft', 'published', 'paused', 'archived']),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  unit: UnitView,
  unitPrice: MoneyView,
  photos: z.array(z.string()),
  lot: z.object({
    lotCode: z.string(),
    field: z.string(),
    harvestDate: z.string(),
    bestBefore: z.string().optional(),
    quantity: z.number(),
  }),
  coldChain: ColdChainView,
  farm: z.object({ name: z.string(), region: z.string(), market: z.string(), certified: z.boolean(), certifications: z.array(z.string()) }),
  available: z.number(),
  /** Only for the listing's farmer (and admins). */
  stock: Stock.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  version: z.number(),
});

export const AdjustmentView = z.object({
  id: z.string(),
  kind: z.enum(['restock', 'write_off']),
  quantity: z.number(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});

export const FarmPage = z.object({ farm: FarmView, listings: z.array(ListingView) });
export const SearchPage = z.object({ items: z.array(ListingView), nextCursor: z.string().nullable() });

nameSchemas({
  Certification: CertificationView,
  Farm: FarmView,
  Stock,
  Listing: ListingView,
  StockAdjustment: AdjustmentView,
  FarmPage,
  SearchPage,
});

const today = () => new Date().toISOString().slice(0, 10);

export const farmView = (f: Farm): z.infer<typeof FarmView> => ({
  id: f.id,
  farmerId: f.farmerId,
  name: f.name,
  description: f.description,
  address: f.address,
  region: f.region,
  market: f.market ?? LEGACY_MARKET,
  certifications: f.certifications,
  certified: f.certifications.some((c) => c.validUntil >= today()),
  ...(f.payoutAccountId ? { payoutAccountId: f.payoutAccountId } : {}),
  ...(f.photo ? { photo: f.photo } : {}),
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
  version: f.version,
});

export const listingView = (l: ListingRecord, owner = false): z.infer<typeof ListingView> => ({
  id: l.id,
  farmId: l.farmId,
  farmerId: l.farmerId,
  status: l.status,
  category: l.category,
  title: l.title,
  description: l.description,
  unit: l.unit,
  unitPrice: l.unitPrice,
  photos: l.photos,
  lot: l.lot,
  coldChain: l.coldChain,
  farm: {
    name: l.farm.name,
    region: l.farm.region,
    market: l.farm.market ?? LEGACY_MARKET,
    certified: isCertified(l.farm, today()),
    certifications: l.farm.certifications,
  },
  available: l.stock.available,
  ...(owner ? { stock: l.stock } : {}),
  createdAt: l.createdAt,
  updatedAt: l.updatedAt,
  publishedAt: l.publishedAt,
  version: l.version,
});

export const adjustmentView = (a: StockAdjustment): z.infer<typeof AdjustmentView> => a;
