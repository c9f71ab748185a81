import { Address, Currency, GeoPoint, Id, IsoDate, MarketCode, Region, Unit } from '@ftt/contracts';
import { nameSchemas } from '@ftt/kit';
import { z } from 'zod';
import { CATEGORIES } from '../domain/listing-csv';
import { PHOTO_PATH, PHOTO_WIDTHS } from '../domain/photo';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const Category = z.enum(CATEGORIES);

const CertificationType = z.enum(['organic', 'biodynamic', 'fairtrade', 'globalgap', 'other']);

/** Amounts in minor units (cents); a listing at zero or an absurd price is a typo, not a price. */
export const PriceBody = z.strictObject({ amount: z.number().int().min(1).max(10_000_000), currency: Currency });

export const CertificationBody = z.strictObject({
  type: CertificationType,
  name: Text(100).optional(),
  certifier: Text(120),
  certificateNumber: Text(60).optional(),
  validUntil: IsoDate,
});

/** The farm is the pickup point: its coordinates are required (logistics routes by them). */
export const FarmAddressBody = z.strictObject({ ...Address.shape, geo: GeoPoint.strict() });

const farmFields = {
  name: Text(120),
  description: z.string().trim().max(4000),
  address: FarmAddressBody,
  region: Region,
  market: MarketCode.optional().describe('the market the farm sells in (its currency, postcodes, payment methods); nl without one'),
  certifications: z.array(CertificationBody).max(20),
  // no payoutAccountId: the payout account comes only from Connect onboarding (POST /farms/:id/payout-onboarding);
  // a typed one is an unknown key, a 400 naming body.payoutAccountId (issue #28)
};

export const FarmBody = z.strictObject({
  ...farmFields,
  description: farmFields.description.default(''),
  certifications: farmFields.certifications.default([]),
  /** Which of the caller's farms (owner memberships) this is; needed only with several farms not open yet. */
  farmId: Id.optional(),
});

export const FarmPatchBody = z
  .strictObject(farmFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

export const LotBody = z
  .strictObject({
    lotCode: z.string().regex(/^[A-Za-z0-9._/-]{3,64}$/, '3-64 letters, digits or . _ / -'),
    field: Text(100),
    harvestDate: IsoDate,
    bestBefore: IsoDate.optional(),
    quantity: z.number().positive().max(1_000_000),
  })
  .superRefine((lot, ctx) => {
    // One day of slack: a farmer east of UTC may already live in tomorrow.
    if (lot.harvestDate > tomorrow()) ctx.addIssue({ code: 'custom', path: ['harvestDate'], message: 'cannot be in the future' });
    if (lot.bestBefore !== undefined && lot.bestBefore < lot.harvestDate) {
      ctx.addIssue({ code: 'custom', path: ['bestBefore'], message: 'cannot be before the harvest date' });
    }
  });

export const ColdChainBody = z
  .strictObject({ minC: z.number().min(-40).max(40), maxC: z.number().min(-40).max(40) })
  .refine((r) => r.minC <= r.maxC, { message: 'minC must not exceed maxC', path: ['minC'] });

/** Photos are the web app's own /photos/<name>.svg, a photo uploaded to catalog (/listing-photos/<id>) or an https URL. */
export const PhotoParams = z.strictObject({
  photoId: z.string().regex(/^[0-9a-f]{32}$/, 'a photo id'),
  file: z.enum(PHOTO_WIDTHS.map((w) => `${w}.webp`) as [string, ...string[]]),
});

export const PhotoUrl = z
  .string()
  .max(500)
  .refine(
    (s) => /^\/photos\/[\w.-]+$/.test(s) || PHOTO_PATH.test(s) || /^https:\/\/[^\s]+$/.test(s),
    'a /photos/... or /listing-photos/... path or an https:// URL',
  );

const listingFields = {
  category: Category,
  title: Text(120),
  description: z.string().trim().max(4000),
  unit: Unit,
  unitPrice: PriceBody,
  photos: z.array(PhotoUrl).max(10),
  lot: LotBody,
  coldChain: ColdChainBody,
};

export const ListingBody = z.strictObject({
  ...listingFields,
  description: listingFields.description.default(''),
  photos: listingFields.photos.default([]),
  /** Initial stock; later it moves only through stock adjustments and orders. */
  available: z.number().int().min(0).max(1_000_000),
});

export const ListingPatchBody = z
  .strictObject(listingFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });

/** Optional Idempotency-Key of a stock adjustment: the same key applies once. */
export const AdjustmentKey = z.string().regex(/^[\w.:-]{1,64}$/, '1-64 letters, digits or . _ : -');

export const AdjustmentBody = z.strictObject({
  kind: z.enum(['restock', 'write_off']),
  quantity: z.number().int().min(1).max(1_000_000),
  reason: Text(200),
});

const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const Amount = z
  .string()
  .regex(/^\d{1,9}$/, 'an amount in minor units')
  .transform(Number);

export const SearchQuery = z
  .strictObject({
    category: Category.optional(),
    farmId: Id.optional(),
    region: Region.optional(),
    minPrice: Amount.optional(),
    maxPrice: Amount.optional(),
    currency: Currency.optional(),
    certified: Bool.optional(),
    harvestedSince: IsoDate.optional(),
    inStock: Bool.optional(),
    q: z.string().trim().min(1).max(100).optional(),
    sort: z.enum(['newest', 'price', '-price', 'freshness']).default('newest'),
    limit: z
      .string()
      .regex(/^\d{1,3}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(100))
      .optional(),
    cursor: z.string().min(1).max(500).optional(),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    message: 'must not be below minPrice',
    path: ['maxPrice'],
  });

export const FarmsQuery = z.strictObject({ region: Region.optional() });
export const FarmParams = z.strictObject({ farmId: Id });
/** Which of my farms (a person may be a member of several); the first one that is open when absent. */
export const MyFarmQuery = z.strictObject({ farmId: Id.optional() });
export const ListingParams = z.strictObject({ listingId: Id });


/** The request shapes (and choices) the web app sends, named in the OpenAPI document. */
nameSchemas({ Category, CertificationType, FarmInput: FarmBody, ListingInput: ListingBody });
