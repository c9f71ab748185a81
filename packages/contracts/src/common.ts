import { z } from 'zod';

/** Identifiers are opaque strings (UUIDs in practice); never parsed for meaning. */
export const Id = z.string().min(1).max(64);

/** Money is always integer minor units (cents) with an ISO 4217 code; never floats. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. EUR');
export const Money = z.object({ amount: z.number().int().nonnegative(), currency: Currency });
export type Money = z.infer<typeof Money>;

export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

export const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

export const Address = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  postalCode: z.string().min(1).max(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code'),
  geo: GeoPoint.optional(),
});
export type Address = z.infer<typeof Address>;

export const Unit = z.enum(['kg', 'g', 'bunch', 'dozen', 'crate', 'piece', 'litre', 'box']);
export type Unit = z.infer<typeof Unit>;

/** Storage / transport temperature range for the cold chain, in degrees Celsius. */
export const ColdChain = z
  .object({ minC: z.number().min(-40).max(40), maxC: z.number().min(-40).max(40) })
  .refine((r) => r.minC <= r.maxC, { message: 'minC must not exceed maxC', path: ['minC'] });
export type ColdChain = z.infer<typeof ColdChain>;

/** A traceability lot (FSMA 204 "traceability lot code" plus where and when it was harvested). */
export const Lot = z.object({
  lotCode: z.string().min(3).max(64),
  farmId: Id,
  field: z.string().min(1).max(100),
  harvestDate: IsoDate,
  bestBefore: IsoDate.optional(),
  quantity: z.number().positive(),
  unit: Unit,
});
export type Lot = z.infer<typeof Lot>;

export const Region = z.string().min(1).max(60);

/**
 * A market's code (issue #31): lower-case letters, e.g. `nl`, `cn`. Orders publishes markets (market.published);
 * an event or document without one belongs to `nl`, the one market before markets were data.
 */
export const MarketCode = z.string().regex(/^[a-z]{2,8}$/, 'lower-case letters, e.g. nl or cn');

/** The market of events and documents that carry none: everything written before markets were data was Dutch. */
export const LEGACY_MARKET = 'nl';
