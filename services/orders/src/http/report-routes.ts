import { IsoDate } from '@ftt/contracts';
import type { Api } from '@ftt/kit';
import { z } from 'zod';
import { addDays } from '../domain/delivery-day';
import { monthPeriod, type Period } from '../domain/reports/money-days';
import type { MarketTaxRates } from '../domain/receipts/tax-rates';
import type { Context } from '../use-cases/context';
import { farmReportOf, reconciliationOf } from '../use-cases/reports';
import { FARM_REPORT_PARTS, farmReportCsv, reconciliationCsv } from './report-csv';
import { farmReportPdf } from './report-pdf';
import { FarmParams } from './schemas';

/** The longest period a farm's report covers (a year and a day: a leap year's 366). */
const MAX_DAYS = 366;

/** Days and months of the years 2000 to 2999: the calendar arithmetic's range (and any business's records). */
const Day = IsoDate.refine((d) => d >= '2000-01-01' && d <= '2999-12-31', 'a day of the years 2000 to 2999');
const periodQuery = {
  month: z.string().regex(/^2\d{3}-(0[1-9]|1[0-2])$/, 'a month such as 2026-12').optional().describe('A calendar month (YYYY-MM); or from and to'),
  from: Day.optional().describe('First day of the period (YYYY-MM-DD), with to'),
  to: Day.optional().describe('Last day of the period, included'),
};

const toPeriod = <T extends { month?: string | undefined; from?: string | undefined; to?: string | undefined }>(q: T, ctx: z.RefinementCtx) => {
  if (q.month && (q.from || q.to)) ctx.addIssue({ code: 'custom', path: ['month'], message: 'give a month, or from and to, not both' });
  else if (!q.month && !(q.from && q.to))
    ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: 'give a month, or both from and to' });
  else if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
  else if (q.from && q.to && addDays(q.from, MAX_DAYS) <= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_DAYS} days` });
};
const period = (q: { month?: string | undefined; from?: string | undefined; to?: string | undefined }): Period =>
  q.month ? monthPeriod(q.month) : { from: q.from!, to: q.to! };

const FarmReportCsvQuery = z
  .strictObject({ ...periodQuery, part: z.enum(FARM_REPORT_PARTS).default('sales').describe('Which part: sales, tax per rate, or payouts') })
  .superRefine(toPeriod);
const FarmReportPdfQuery = z.strictObject(periodQuery).superRefine(toPeriod);
const DayQuery = z.strictObject({ day: Day.describe('The day (YYYY-MM-DD) in the market’s time zone') });

const MoneyKind = z.enum(['payment', 'refund', 'payout']);
const ReconciliationView = z
  .strictObject({
    day: z.string(),
    timeZone: z.string(),
    from: z.string(),
    to: z.string(),
    provider: z.string(),
    records: z.number().int(),
    transactions: z.number().int(),
    matched: z.number().int(),
    totals: z.array(
      z.strictObject({
        currency: z.string(),
        payments: z.number().int(),
        refunds: z.number().int(),
        payouts: z.number().int(),
        platformFees: z.number().int(),
        provider: z.strictObject({ payments: z.number().int(), refunds: z.number().int(), payouts: z.number().int(), other: z.number().int() }),
      }),
    ),
    mismatches: z.array(
      z.strictObject({
        problem: z.enum(['missing_at_provider', 'missing_in_records', 'amount_differs']),
        kind: MoneyKind,
        ref: z.string(),
        orderId: z.string().optional(),
        transactionId: z.string().optional(),
        ours: z.number().int().optional(),
        theirs: z.number().int().optional(),
        currency: z.string(),
      }),
    ),
  })
  .meta({ id: 'Reconciliation' });

/**
 * Reports (issue #33): a farm's sales, tax per rate and payouts of a period (CSV and PDF; the farm's owners), and the
 * operators' reconciliation of a day against the payment provider (JSON for the back office, CSV).
 */
export const reportRoutes = (api: Api, ctx: Context, rates: () => MarketTaxRates): Api =>
  api
    .route({
      method: 'get',
      path: '/farms/:farmId/report.csv',
      summary:
        "A farm's report of a month (or from/to, at most 366 days) as CSV: its sales (orders paid in the period), their tax per rate " +
        '(the receipts’ own tax lines), or its payouts with the fees kept. The farm’s owners only (403 for packers).',
      tags: ['reports'],
      auth: ['farm'],
      params: FarmParams,
      query: FarmReportCsvQuery,
      contentType: 'text/csv',
      response: z.string().describe('CSV with a header row'),
      errors: [403, 404],
      handler: async ({ principal, params, query }) =>
        farmReportCsv(await farmReportOf(ctx, rates(), principal, params.farmId, period(query)), query.part),
    })
    .route({
      method: 'get',
      path: '/farms/:farmId/report.pdf',
      summary: "A farm's report of a month (or from/to) as a PDF: totals, tax per rate, sales and payouts. The farm’s owners only.",
      tags: ['reports'],
      auth: ['farm'],
      params: FarmParams,
      query: FarmReportPdfQuery,
      contentType: 'application/pdf',
      response: z.string().describe('The report as a PDF (application/pdf)'),
      errors: [403, 404],
      handler: async ({ principal, params, query }) => farmReportPdf(await farmReportOf(ctx, rates(), principal, params.farmId, period(query))),
    })
    .route({
      method: 'get',
      path: '/admin/reconciliation',
      summary:
        'The reconciliation of one day (in the market’s time zone): payments captured, refunds, payouts and platform fees from our ' +
        'orders against the payment provider’s balance transactions, with every mismatch (missing on either side, amounts that differ). Operators only.',
      tags: ['back office'],
      auth: ['operator'],
      query: DayQuery,
      response: ReconciliationView,
      errors: [503],
      handler: async ({ query }) => reconciliationOf(ctx, rates(), query.day),
    })
    .route({
      method: 'get',
      path: '/admin/reconciliation.csv',
      summary: 'The reconciliation of one day as CSV: the totals, ours beside the provider’s, then one row per mismatch. Operators only.',
      tags: ['back office'],
      auth: ['operator'],
      query: DayQuery,
      contentType: 'text/csv',
      response: z.string().describe('CSV with a header row'),
      errors: [503],
      handler: async ({ query }) => reconciliationCsv(await reconciliationOf(ctx, rates(), query.day)),
    });
