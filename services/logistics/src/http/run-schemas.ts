import { AddressView, PageQuery, pageView } from '@ftt/kit';
import { IsoDate } from '@ftt/contracts';
import { z } from 'zod';

const Region = z.string().trim().min(1).max(60);
export const RunParams = z.strictObject({ runId: z.string().min(1).max(64) });
export const StopParams = RunParams.extend({ seq: z.coerce.number().int().min(0).max(999) });
export const PlanBody = z.strictObject({ region: Region, day: IsoDate });
export const RunsQuery = z.strictObject({ region: Region.optional(), day: IsoDate });
export const DropBody = z
  .strictObject({
    recipientName: z.string().trim().min(1).max(200),
    proofRef: z.string().trim().min(1).max(200).optional().describe('A signature or note code; optional with a photo'),
    photoId: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'a photo id')
      .optional()
      .describe('The photo taken at this drop (POST /runs/{runId}/stops/{seq}/photo): its buyers see it on their box'),
  })
  .superRefine((b, ctx) => {
    if (!b.proofRef && !b.photoId)
      ctx.addIssue({ code: 'custom', path: ['proofRef'], message: 'a proof reference or a photo is required' });
  });

const LocalPlace = z.object({ city: z.string(), postalCode: z.string(), country: z.string() });

const StopView = z.object({
  seq: z.number().int(),
  kind: z.enum(['pickup', 'drop']),
  label: z.string(),
  /** The full address for the run's partner; an open run shows city and postcode of home drops only. */
  address: z.union([AddressView, LocalPlace]),
  at: z.object({ lat: z.number(), lng: z.number() }),
  window: z.object({ opens: z.string(), closes: z.string() }).optional(),
  contact: z.string().optional(),
  eta: z.string(),
  boxes: z.number().int(),
  shipmentIds: z.array(z.string()),
  status: z.enum(['pending', 'done']),
  doneAt: z.string().optional(),
  skipped: z.array(z.object({ shipmentId: z.string(), reason: z.string() })),
});

export const RunView = z
  .object({
    runId: z.string(),
    region: z.string(),
    day: IsoDate,
    status: z.enum(['open', 'claimed', 'in_progress', 'completed']),
    partnerId: z.string().nullable(),
    next: z.number().int(),
    boxes: z.number().int(),
    stops: z.array(StopView),
    /** Route length in the planned order, and in the naive order (pickups then drops as the boxes arrived), km. */
    lengthKm: z.number(),
    naiveLengthKm: z.number(),
    /** Minutes past pickup points' closing in the planned order (0 = every window respected). */
    lateMinutes: z.number(),
    createdAt: z.string(),
    claimedAt: z.string().optional(),
    completedAt: z.string().optional(),
  })
  .meta({ id: 'Run' });

export const RunSheetPdf = z
  .string()
  .describe('The run sheet: stops in order with boxes, addresses and times, as a PDF (application/pdf)');

export const MyRunsQuery = z.strictObject({ ...PageQuery });
export const RunPage = pageView(RunView).meta({ id: 'RunPage' });
