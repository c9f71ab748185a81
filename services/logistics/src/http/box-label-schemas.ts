import { IsoDate } from '@ftt/contracts';
import { nameSchemas } from '@ftt/kit';
import { z } from 'zod';
import { LABEL_FORMATS } from './box-labels-pdf';
import { ShipmentCurve } from './cold-chain-schemas';
import { SHIPMENT_STATUSES } from '../domain/shipment';

export const FarmDayParams = z.strictObject({ farmId: z.string().min(1).max(64) });
export const BoxLabelsQuery = z.strictObject({
  day: IsoDate,
  format: z
    .enum(LABEL_FORMATS)
    .default('label')
    .describe('`label`: 100 × 150 mm, one per page; `a4`: four A6 labels per A4 sheet'),
});
export const BoxLabelsPdf = z
  .string()
  .describe(
    "A farm's box labels for one delivery day, one per box with its QR code, as a PDF (application/pdf)",
  );

/** The three GS1 Digital Link keys of a box label's address: product (01), lot (10), serial (21). */
export const BoxKeyParams = z.strictObject({
  product: z
    .string()
    .min(1)
    .max(64)
    .describe('The listing id (or a GTIN-14 once the product has one): AI 01'),
  lot: z.string().min(1).max(64).describe('The lot code: AI 10'),
  serial: z
    .string()
    .regex(/^FTT-[0-9A-Z]{12}$/, "a box serial looks like 'FTT-' + 12 letters/digits")
    .describe("The box's serial, its tracking code: AI 21"),
});

const Step = z.object({
  step: z.string(),
  time: z.string(),
  place: z.string().optional(),
  temperatureC: z.number().optional(),
});

export const BoxTraceView = z.object({
  serial: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  farmName: z.string(),
  /** The line the QR code names (the box's first product and lot). */
  scanned: z.object({ listingId: z.string(), title: z.string(), lotCode: z.string() }),
  contents: z.array(
    z.object({
      listingId: z.string(),
      title: z.string(),
      quantity: z.number(),
      unit: z.string(),
      lotCode: z.string(),
      field: z.string().optional(),
      harvestDate: z.string().optional(),
      bestBefore: z.string().optional(),
    }),
  ),
  coldChain: z.object({ minC: z.number(), maxC: z.number() }),
  /** Carried by a logistics partner (from its claim on); partners are not named to the public. */
  carried: z.boolean(),
  temperatureExcursion: z.boolean(),
  steps: z.array(Step),
  temperatures: ShipmentCurve.omit({ shipmentId: true }),
});

nameSchemas({ BoxTraceView });
