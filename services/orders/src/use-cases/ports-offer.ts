import type { AuditLog, CommandStore, Loaded } from '@ftt/kit';
import { Address } from '@ftt/contracts';
import { z } from 'zod';
import type { RegionOffer } from '../domain/region-offer';

export interface OfferRecord extends RegionOffer {
  updatedAt: string;
  updatedBy: string;
}

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** What a region's offer document holds, less the kit's fields (the offer aggregate's state schema). */
export const OfferState: z.ZodType<OfferRecord> = z.strictObject({
  region: z.string().min(1),
  market: z.string().regex(/^[a-z]{2,8}$/).optional(),
  timeZone: z.string().min(1),
  rules: z.array(z.strictObject({ weekday: z.number().int().min(1).max(7), cutoffDaysBefore: z.number().int(), cutoffTime: LocalTime })),
  pickupPoints: z.array(
    z.strictObject({
      pickupPointId: z.string().min(1),
      name: z.string(),
      kind: z.enum(['farm_shop', 'market_stall', 'locker']),
      address: Address,
      opens: LocalTime,
      closes: LocalTime,
      feeMinor: z.number().int(),
    }),
  ),
  zones: z.array(
    z.strictObject({
      zoneId: z.string().min(1),
      name: z.string(),
      postcodes: z.array(z.tuple([z.number().int(), z.number().int()])),
      feeMinor: z.number().int(),
    }),
  ),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().min(1),
});

export interface StoredOffer {
  offer: OfferRecord;
  version: number;
}

/** The published offer: one versioned document per region (data/offer-repo.ts). */
export interface OfferStore extends CommandStore<OfferRecord> {
  load(region: string): Promise<Loaded<OfferRecord> | null>;
  all(): Promise<StoredOffer[]>;
  settleAudit(audit: AuditLog, region: string): Promise<void>;
}
