import { createHash } from 'node:crypto';
import { DomainError, nameSchemas, Reply, type Api } from '@ftt/kit';
import { z } from 'zod';
import { CSV_COLUMNS } from '../domain/listing-csv';
import type { Context } from '../use-cases/context';
import { exportListings, importListings, mayImport } from '../use-cases/listing-import';
import { causeOf } from './cause';
import { CSV_TYPES, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readCsv, writeCsv } from './listing-csv';
import { AdjustmentKey, FarmParams } from './schemas';

const Column = z.enum(CSV_COLUMNS);

const ImportRowView = z.object({
  /** The row as a spreadsheet numbers it (the header is row 1). */
  row: z.number().int(),
  listingId: z.string().nullable(),
  title: z.string().nullable(),
  action: z.enum(['create', 'change', 'unchanged', 'refused']),
  changes: z.array(z.object({ column: Column, from: z.string(), to: z.string() })),
  problems: z.array(
    z.object({
      column: Column.nullable(),
      code: z.string().describe('a kind the web app words: required, too_long, invalid, not_allowed, out_of_range, …'),
      message: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
});

const ImportReportView = z.object({
  mode: z.enum(['preview', 'apply']),
  replayed: z.boolean(),
  columns: z.array(Column),
  summary: z.object({
    rows: z.number().int(),
    create: z.number().int(),
    change: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
  }),
  rows: z.array(ImportRowView),
});

const ImportQuery = z.strictObject({ mode: z.enum(['preview', 'apply']).default('preview') });

nameSchemas({ ListingImportRow: ImportRowView, ListingImport: ImportReportView, CsvColumn: Column });

const fileName = (name: string, day: string) =>
  `listings-${
    name
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'farm'
  }-${day}.csv`;

export const importRoutes = (api: Api, d: Context): void => {
  api.route({
    method: 'get',
    path: '/farms/:farmId/listings.csv',
    summary:
      "Your farm's listings and lots as a CSV file (one row per listing and its lot; UTF-8; the price a decimal in the " +
      `row's currency). Columns: ${CSV_COLUMNS.join(', ')}. Owners and packers.`,
    tags: ['listings'],
    auth: ['farm'],
    params: FarmParams,
    contentType: 'text/csv',
    response: z.string(),
    errors: [404],
    handler: async ({ params, principal }) => {
      const { farm, listings } = await exportListings(d, principal, params.farmId);
      return new Reply(200, Buffer.from(writeCsv(listings), 'utf8'), {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName(farm.name, d.clock().toISOString().slice(0, 10))}"`,
        'cache-control': 'no-store',
      });
    },
  });

  api.route({
    method: 'post',
    path: '/farms/:farmId/listings/import',
    summary:
      'Import a CSV file of listings (the export\'s columns; a row with a listing id changes that listing, one without ' +
      'creates a draft). `mode=preview` (the default) answers what each row would do and applies nothing; ' +
      '`mode=apply` applies every row that is not refused, each row in one write with its events. The same file ' +
      `again changes nothing. At most ${MAX_IMPORT_BYTES / 1024 / 1024} MB (413) and ${MAX_IMPORT_ROWS} rows (400). Owners.`,
    tags: ['listings'],
    auth: ['farm'],
    params: FarmParams,
    query: ImportQuery,
    // a little above the limit, so that a file just past it gets the service's own problem naming the body
    raw: { types: CSV_TYPES, limit: `${MAX_IMPORT_BYTES / 1024 / 1024 + 1}mb` },
    headers: {
      'idempotency-key': {
        required: false,
        description: 'repeat-safe: an apply repeated with the same key and file answers what the first did',
        schema: AdjustmentKey,
      },
    },
    response: ImportReportView,
    errors: [404, 413, 415, 422],
    handler: async (input) => {
      mayImport(input.principal, input.params.farmId);
      const type = String(input.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (!(CSV_TYPES as readonly string[]).includes(type))
        throw new DomainError('import.unsupported', 'send the file as text/csv', [{ field: 'headers.content-type', message: 'text/csv' }]);
      const given = input.headers['idempotency-key'];
      const key = given === undefined ? undefined : AdjustmentKey.safeParse(given);
      if (key && !key.success)
        throw new DomainError('header.invalid', 'invalid header', [{ field: 'headers.idempotency-key', message: '1-64 letters, digits or . _ : -' }]);
      const bytes = input.rawBody ?? Buffer.alloc(0);
      const { columns, rows } = readCsv(bytes);
      return importListings(
        d,
        input.principal,
        input.params.farmId,
        {
          mode: input.query.mode,
          columns,
          rows,
          fileHash: createHash('sha256').update(bytes).digest('hex'),
          idempotencyKey: key?.data,
        },
        causeOf(input),
      );
    },
  });
};
