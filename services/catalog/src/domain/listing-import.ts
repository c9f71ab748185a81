import type { Listing, StockLevels } from './listing';
import { CSV_COLUMNS, problem, readRow, rowOf, type CsvCells, type CsvColumn, type RowProblem, type RowValues } from './listing-csv';

/**
 * What importing one row does (issue #33), decided on the listing as it is: the preview shows it, the apply decides
 * it again on the listing as it is when written. Pure: the use case loads, derives ids and writes.
 */
export type RowAction = 'create' | 'change' | 'unchanged' | 'refused';

export interface ColumnChange {
  column: CsvColumn;
  from: string;
  to: string;
}

export interface ImportRow {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  cells: CsvCells;
}

export interface RowPlan {
  row: number;
  listingId: string | null;
  title: string | null;
  action: RowAction;
  changes: ColumnChange[];
  problems: RowProblem[];
  /** What a create or change writes. */
  values?: RowValues | undefined;
}

type Current = Listing & { stock: Pick<StockLevels, 'available'> };

export const valuesOf = (l: Current): RowValues => ({
  available: l.stock.available,
  input: {
    title: l.title,
    description: l.description,
    category: l.category,
    unit: l.unit,
    unitPrice: l.unitPrice,
    photos: l.photos,
    lot: l.lot,
    coldChain: l.coldChain,
  },
});

/** Compared as the export writes them, so that "3.5" and "3.50" are the same price. */
const changesBetween = (before: Current, v: RowValues): ColumnChange[] => {
  const was = rowOf(before);
  const now = rowOf({ ...before, ...v.input, stock: { available: v.available } });
  return CSV_COLUMNS.filter((c) => c !== 'listing_id' && c !== 'status' && was[c] !== now[c]).map((column) => ({
    column,
    from: was[column],
    to: now[column],
  }));
};

const refused = (r: ImportRow, listingId: string | null, title: string | null, problems: RowProblem[]): RowPlan => ({
  row: r.row,
  listingId,
  title,
  action: 'refused',
  changes: [],
  problems,
});

/** A row naming a listing of this farm. */
export const planChange = (r: ImportRow, current: Current, latestDay: string): RowPlan => {
  const status = r.cells.status?.trim();
  if (status && status !== current.status)
    return refused(r, current.id, current.title, [
      problem('status', 'locked', `the status is ${current.status}: publish, pause or archive on the listing's page`, { status: current.status }),
    ]);
  const read = readRow(r.cells, valuesOf(current), latestDay);
  if (!read.values) return refused(r, current.id, current.title, read.problems);
  const changes = changesBetween(current, read.values);
  const base = { row: r.row, listingId: current.id, title: read.values.input.title };
  if (changes.length === 0) return { ...base, action: 'unchanged', changes, problems: [] };
  if (current.status === 'archived')
    return refused(r, current.id, current.title, [problem('status', 'archived', 'an archived listing does not change')]);
  const changed = new Set(changes.map((c) => c.column));
  // Orders and reservations hold quantities in the old unit, and prices in the old currency.
  if (changed.has('unit') && current.publishedAt !== null)
    return refused(r, current.id, current.title, [problem('unit', 'locked', 'the unit cannot change once the listing was published')]);
  if (changed.has('currency'))
    return refused(r, current.id, current.title, [
      problem('currency', 'locked', `the listing is priced in ${current.unitPrice.currency}`, { currency: current.unitPrice.currency }),
    ]);
  return { ...base, action: 'change', changes, problems: [], values: read.values };
};

/**
 * A row without a listing id: a new listing (a draft), in the farm's currency when it has one. `exists`: the listing
 * this row creates is there already (its id comes from the row: the same file imported again).
 */
export const planCreate = (r: ImportRow, o: { id: string; exists: boolean; farmCurrency: string | null; latestDay: string }): RowPlan => {
  const status = r.cells.status?.trim();
  if (status && status !== 'draft')
    return refused(r, null, null, [problem('status', 'locked', 'a new listing starts as a draft: leave status empty or write draft')]);
  const read = readRow(r.cells, null, o.latestDay);
  if (!read.values) return refused(r, null, r.cells.title?.trim() || null, read.problems);
  const { input } = read.values;
  if (o.farmCurrency !== null && input.unitPrice.currency !== o.farmCurrency)
    return refused(r, null, input.title, [
      problem('currency', 'not_allowed', `the farm sells in ${o.farmCurrency}`, { allowed: o.farmCurrency }),
    ]);
  if (o.exists) return { row: r.row, listingId: o.id, title: input.title, action: 'unchanged', changes: [], problems: [] };
  return { row: r.row, listingId: o.id, title: input.title, action: 'create', changes: [], problems: [], values: read.values };
};

/** Every row whose listing id another row of the file names too: which one should win is the farmer's to say. */
export const duplicateIds = (rows: ImportRow[]): Map<number, RowProblem> => {
  const byId = new Map<string, number[]>();
  for (const r of rows) {
    const id = r.cells.listing_id?.trim();
    if (id) byId.set(id, [...(byId.get(id) ?? []), r.row]);
  }
  const out = new Map<number, RowProblem>();
  for (const rowsOfId of byId.values()) {
    if (rowsOfId.length < 2) continue;
    for (const row of rowsOfId)
      out.set(row, problem('listing_id', 'duplicate_id', `the same listing is in rows ${rowsOfId.join(', ')}`, { rows: rowsOfId.join(', ') }));
  }
  return out;
};

/** A listing id as the catalog makes them (a UUID) or as anyone could have written one: letters, digits, . _ : - */
export const LISTING_ID = /^[\w.:-]{1,64}$/;

export const summaryOf = (plans: RowPlan[]) => {
  const count = (a: RowAction) => plans.filter((p) => p.action === a).length;
  return { rows: plans.length, create: count('create'), change: count('change'), unchanged: count('unchanged'), refused: count('refused') };
};
