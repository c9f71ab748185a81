import { Address, Id, IsoDateTime, MarketCode } from '@ftt/contracts';
import { AdminReason, nameSchemas } from '@ftt/kit';
import { z } from 'zod';

/* A region's delivery offer as operators publish it (strict, so an unknown field is a 400 naming it). */

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour, local time of the region');
const Fee = z.number().int().max(100_000).describe('in minor units (cents)');

export const RegionParams = z.strictObject({
  region: z.string().trim().min(2).max(60).regex(/^[\p{L}][\p{L} .'-]*$/u, 'letters, spaces, . \' and -'),
});

export const DeliveryRuleInput = z.strictObject({
  weekday: z.number().int().min(1).max(7).describe('ISO weekday of the delivery: 1 = Monday ... 7 = Sunday'),
  cutoffDaysBefore: z.number().int().describe('orders close this many days before the delivery day (1..14)'),
  cutoffTime: Time.describe('orders close at this local time'),
});

export const PickupPointInput = z.strictObject({
  pickupPointId: Id,
  name: z.string().trim().min(1).max(120),
  kind: z.enum(['farm_shop', 'market_stall', 'locker']),
  address: z.strictObject({ ...Address.shape, geo: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional() }),
  opens: Time,
  closes: Time,
  feeMinor: Fee,
});

const Postcode = z.number().int().min(0).max(999_999);
export const HomeZoneInput = z.strictObject({
  zoneId: Id,
  name: z.string().trim().min(1).max(120),
  // the kit's OpenAPI closes tuples (prefixItems, items: false, min/maxItems), which Schemathesis reads
  postcodes: z
    .array(z.tuple([Postcode, Postcode]))
    .max(50)
    .describe("inclusive ranges of the number the market's postcodes lead with (4 digits in nl, 6 in cn), each [from, to]"),
  feeMinor: Fee,
});

export const RegionOfferBody = z.strictObject({
  /** The version this edit started from (0 for a region without an offer): a stale one is a 409. */
  version: z.number().int().min(0),
  /** The market the region belongs to: its time zone, postcodes and country are the market's. */
  market: MarketCode.optional().describe("the region's market; without one the region stays in its market (nl for a new one)"),
  timeZone: z.string().min(1).max(64).optional().describe("the market's time zone (set from the market; another is a 400)"),
  rules: z.array(DeliveryRuleInput).max(7),
  pickupPoints: z.array(PickupPointInput).max(100),
  zones: z.array(HomeZoneInput).max(100),
  reason: AdminReason,
});

export const RegionOfferView = z.object({
  region: z.string(),
  market: MarketCode,
  version: z.number().int(),
  timeZone: z.string(),
  rules: z.array(DeliveryRuleInput),
  pickupPoints: z.array(PickupPointInput),
  zones: z.array(HomeZoneInput),
  updatedAt: IsoDateTime,
  updatedBy: z.string(),
});

export const RegionOfferList = z.object({
  regions: z.array(
    z.object({
      region: z.string(),
      version: z.number().int(),
      days: z.number().int(),
      pickupPoints: z.number().int(),
      zones: z.number().int(),
      updatedAt: IsoDateTime,
      updatedBy: z.string(),
    }),
  ),
});

nameSchemas({ RegionOfferInput: RegionOfferBody, RegionOffer: RegionOfferView, RegionOfferList });
