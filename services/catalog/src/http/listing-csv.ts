import { DomainError } from '@ftt/kit';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, rowOf, type CsvCells, type CsvColumn } from '../domain/listing-csv';
import type { ImportRow } from '../domain/listing-import';
import type { ListingRecord } from '../use-cases/ports';

/**
 * The CSV file itself (RFC 4180, csv-parse and csv-stringify): UTF-8 with a byte order mark on the way out (so that a
 * spreadsheet opens Dutch and Chinese names as they are), UTF-8 with or without one on the way in; comma-separated,
 * or semicolon-separated as a Dutch spreadsheet saves it (told by the header line).
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
/** A cell of a listing is at most a 4,000-character description; a record far past that is not a catalog. */
const MAX_RECORD_CHARS = 64 * 1024;
/** What a browser or a spreadsheet calls a CSV file when it uploads one. */
export const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'] as const;

const BOM = '\ufeff';

export const writeCsv = (listings: ListingRecord[]): string =>
  BOM +
  stringify(
    listings.map((l) => {
      const row = rowOf(l);
      return CSV_COLUMNS.map((c) => row[c]);
    }),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' },
  );

const invalid = (message: string, field: string, detail = 'the file cannot be imported') =>
  new DomainError('import.invalid', `${detail}: ${message}`, [{ field, message }]);

/** The header's columns and every data row (a row of empty cells is skipped, but counts: numbers match the spreadsheet). */
export const readCsv = (bytes: Buffer): { columns: CsvColumn[]; rows: ImportRow[] } => {
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new DomainError('import.too_large', `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, [
      { field: 'body', message: `at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB` },
    ]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('not UTF-8 text: save the file as "CSV UTF-8"', 'body');
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true, max_record_size: MAX_RECORD_CHARS });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = Number((err as { lines?: number }).lines ?? 0);
    throw invalid(err.message, `body.row[${line}]`, `the CSV cannot be read at line ${line}`);
  }
  const header = records[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  if (header.length === 0 || header.every((h) => h === '')) throw invalid('the file is empty: the first row names the columns', 'body');
  const seen = new Set<string>();
  for (const name of header) {
    if (!(CSV_COLUMNS as readonly string[]).includes(name))
      throw invalid(`unknown column "${name.slice(0, 40)}": the columns are ${CSV_COLUMNS.join(', ')}`, `body.header.${name.slice(0, 40)}`);
    if (seen.has(name)) throw invalid(`the column ${name} is there twice`, `body.header.${name}`);
    seen.add(name);
  }
  const columns = header as CsvColumn[];
  const data = records.slice(1);
  if (data.length > MAX_IMPORT_ROWS)
    throw invalid(`${data.length} rows: at most ${MAX_IMPORT_ROWS} in one file`, 'body', 'the file has too many rows');
  const rows: ImportRow[] = [];
  data.forEach((record, i) => {
    const row = i + 2;
    if (record.every((c) => c.trim() === '')) return;
    if (record.length > columns.length)
      throw invalid(`${record.length} cells, but the header names ${columns.length} columns`, `body.row[${row}]`, `row ${row} cannot be read`);
    const cells: CsvCells = {};
    // a spreadsheet may leave a row's empty cells at its end out
    columns.forEach((c, j) => (cells[c] = record[j] ?? ''));
    rows.push({ row, cells });
  });
  return { columns, rows };
};
