import { IsoDateTime, MarketCode, MarketPublishedV1, PaymentMethod, Unit } from '@ftt/contracts';
import { AdminReason, nameSchemas } from '@ftt/kit';
import { z } from 'zod';

/* A market as operators publish it (strict, so an unknown field is a 400 naming it). */

const Bps = z.number().int().min(0).max(10_000).describe('basis points of the net price (900 = 9 %)');

export const MarketParams = z.strictObject({ code: MarketCode });

export const MarketBody = z.strictObject({
  /** The version this edit started from (0 for a new market): a stale one is a 409. */
  version: z.number().int().min(0),
  name: z.string().trim().min(1).max(120),
  currency: z.strictObject({
    code: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY').describe('ISO 4217'),
    minorDigits: z.number().int().min(0).max(4).describe('digits of the minor unit: 2 for EUR and CNY (cents, fen)'),
  }),
  languages: z.array(z.string().min(2).max(35)).min(1).max(10).describe('BCP 47 tags, the first is the default'),
  timeZone: z.string().min(1).max(64).describe('IANA time zone, such as Asia/Shanghai'),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code').describe("the addresses' country"),
  postcodePattern: z.string().min(1).max(200).describe('a regular expression a whole postcode matches, such as \\d{6}'),
  regions: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(60), cities: z.array(z.string().trim().min(1).max(60)).max(200) }))
    .max(100),
  taxRates: z.strictObject({
    goods: z
      .record(z.string().min(1).max(40), Bps)
      .refine((g) => g.default !== undefined, { message: 'needs a default rate', path: ['default'] })
      .describe('per listing category, with a `default`'),
    delivery: Bps,
    platformFee: Bps,
  }),
  units: z.array(Unit).min(1).max(20),
  paymentMethods: z.array(PaymentMethod).min(1).max(10).describe('what buyers may pay with, in the order offered'),
  reason: AdminReason,
});

const { version: _v, publishedAt: _p, ...marketShape } = MarketPublishedV1.schema.shape;
export const MarketView = z.object({ ...marketShape, version: z.number().int(), updatedAt: IsoDateTime, updatedBy: z.string() });

/** What the shop and checkout need of each market (public). */
export const PublicMarketView = MarketPublishedV1.schema.omit({ publishedAt: true });
export const MarketList = z.object({ markets: z.array(PublicMarketView) });

nameSchemas({ MarketInput: MarketBody, Market: MarketView, PublicMarket: PublicMarketView, MarketList });
