import { Address, MarketCode, Region } from '@ftt/contracts';
import { z } from 'zod';

export type CertificationType = 'organic' | 'biodynamic' | 'fairtrade' | 'globalgap' | 'other';

export interface Certification {
  type: CertificationType;
  /** Free name for 'other' (e.g. "Demeter", "On the way to PlanetProof"). */
  name?: string | undefined;
  certifier: string;
  certificateNumber?: string | undefined;
  /** Expiry (YYYY-MM-DD); an expired certificate no longer makes the farm "certified". */
  validUntil: string;
}

export interface Farm {
  id: string;
  farmerId: string;
  name: string;
  description: string;
  address: Address;
  region: z.infer<typeof Region>;
  /** The market the farm sells in (issue #31; absent on farms opened before markets: `nl`). Its listings are its market's. */
  market?: string | undefined;
  certifications: Certification[];
  /** Stripe connected account (acct_...) the farmer's share is transferred to. */
  payoutAccountId?: string | undefined;
  /** The farm's own photo (/farm-photos/<id>), uploaded by the farmer (use-cases/farm-photos.ts). */
  photo?: string | undefined;
  /** Set by an operator (domain/farm-admin.ts): its listings leave search and cannot be reserved. null once reinstated. */
  suspended?: FarmSuspension | null | undefined;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface FarmSuspension {
  at: string;
  by: string;
  reason: string;
}

export type FarmInput = Pick<Farm, 'name' | 'description' | 'address' | 'region' | 'market' | 'certifications' | 'payoutAccountId'>;
/** What an edit may change: the farmer's fields, and the photo (set only by an upload, never by the PATCH body). */
export type FarmPatch = Partial<FarmInput & Pick<Farm, 'photo'>>;

/** What every listing of the farm carries, so that search and the listing snapshot need no second read. */
export interface FarmSummary {
  name: string;
  farmerId: string;
  region: string;
  /** The farm's market (absent: `nl`). */
  market?: string | undefined;
  pickupAddress: Address;
  payoutAccountId?: string | undefined;
  certifications: CertificationType[];
  /**
   * The latest expiry among the certificates (null when none). Stored as a date rather than a
   * boolean so "certified" stays true to the calendar without rewriting listings when a date passes.
   */
  certifiedUntil: string | null;
  /** The farm version these fields were copied from; a newer farm version means listings are behind. */
  farmVersion: number;
  /** An operator suspended the farm: its listings are out of search and cannot be reserved. */
  suspended?: boolean | undefined;
}

export const farmSummary = (farm: Farm): FarmSummary => {
  const until = farm.certifications.map((c) => c.validUntil).sort();
  return {
    name: farm.name,
    farmerId: farm.farmerId,
    region: farm.region,
    ...(farm.market ? { market: farm.market } : {}),
    pickupAddress: farm.address,
    ...(farm.payoutAccountId ? { payoutAccountId: farm.payoutAccountId } : {}),
    certifications: [...new Set(farm.certifications.map((c) => c.type))],
    certifiedUntil: until.at(-1) ?? null,
    farmVersion: farm.version,
    // Stored as false rather than absent, so that a reinstated farm's listings really lose the flag ($set).
    suspended: Boolean(farm.suspended),
  };
};

/** Certified on a given day: at least one certificate that has not expired. */
export const isCertified = (summary: Pick<FarmSummary, 'certifiedUntil'>, today: string): boolean =>
  summary.certifiedUntil !== null && summary.certifiedUntil >= today;

/** What every listing of a farm carries (part of a listing's state: see ListingState). */
export const FarmSummaryState: z.ZodType<FarmSummary> = z.strictObject({
  name: z.string(),
  farmerId: z.string().min(1),
  region: z.string(),
  market: MarketCode.optional(),
  pickupAddress: Address,
  payoutAccountId: z.string().optional(),
  certifications: z.array(z.enum(['organic', 'biodynamic', 'fairtrade', 'globalgap', 'other'])),
  certifiedUntil: z.string().nullable(),
  farmVersion: z.number().int().min(0),
  suspended: z.boolean().optional(),
});

/** What a farm document holds (the aggregate's state schema: the decider tests parse every state with it). */
export const FarmState: z.ZodType<Farm> = z.strictObject({
  id: z.string().min(1),
  farmerId: z.string().min(1),
  name: z.string(),
  description: z.string(),
  address: Address,
  region: Region,
  market: MarketCode.optional(),
  certifications: z.array(
    z.strictObject({
      type: z.enum(['organic', 'biodynamic', 'fairtrade', 'globalgap', 'other']),
      name: z.string().optional(),
      certifier: z.string(),
      certificateNumber: z.string().optional(),
      validUntil: z.string(),
    }),
  ),
  payoutAccountId: z.string().optional(),
  photo: z.string().optional(),
  suspended: z.strictObject({ at: z.string(), by: z.string(), reason: z.string() }).nullish(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().min(0),
});
