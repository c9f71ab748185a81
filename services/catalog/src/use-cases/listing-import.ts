import { createHash } from 'node:crypto';
import {
  change,
  DomainError,
  ignore,
  isDomainError,
  reject,
  requireFarm,
  type BatchResult,
  type Cause,
  type Decide,
  type Loaded,
  type Principal,
} from '@ftt/kit';
import type { ListingEvent } from '../domain/listing';
import { farmSummary, type Farm } from '../domain/farm';
import { newListing, editListing } from '../domain/listing-decide';
import { CSV_COLUMNS, problem, type CsvColumn } from '../domain/listing-csv';
import {
  duplicateIds,
  LISTING_ID,
  planChange,
  planCreate,
  summaryOf,
  type ImportRow,
  type RowPlan,
} from '../domain/listing-import';
import type { Context } from './context';
import { StockMoved, type ListingRecord, type StockMove } from './ports';

export interface ImportRequest {
  mode: 'preview' | 'apply';
  /** The header's columns, in the file's order. */
  columns: CsvColumn[];
  rows: ImportRow[];
  /** SHA-256 of the file: a repeat under the same Idempotency-Key must be the same file. */
  fileHash: string;
  idempotencyKey?: string | undefined;
}

export type RowReport = Omit<RowPlan, 'values'>;

export interface ImportReport {
  mode: 'preview' | 'apply';
  /** A repeat under an Idempotency-Key already used for this file: the first import's answer, nothing applied again. */
  replayed: boolean;
  columns: CsvColumn[];
  summary: ReturnType<typeof summaryOf>;
  rows: RowReport[];
}

/**
 * New listings and field changes written in one round trip while applying (each row still its own single-document
 * write of its state and events): 5,000 new rows one write each took 14–40 s, most of it round trips.
 */
const APPLY_CHUNK = 500;
/** Rows written one by one at once while applying (stock changes, and rows a chunk could not write). */
const APPLY_CONCURRENCY = 16;
/** A row whose stock an order moved while it was written is decided again this many times. */
const ROW_ATTEMPTS = 5;

/** The farm's catalog as rows: its members who may read it (owners, and packers: the farm's membership rules). */
export const exportListings = async (d: Context, actor: Principal, farmId: string): Promise<{ farm: Farm; listings: ListingRecord[] }> => {
  requireFarm(actor, farmId, 'farm.read');
  const farm = await d.farms.get(farmId);
  if (!farm) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  return { farm, listings: await d.listings.allOfFarm(farmId) };
};

/** Importing changes listings, prices and stock: the farm's owners (and operators). Checked before the file is read. */
export const mayImport = (actor: Principal, farmId: string): void => {
  requireFarm(actor, farmId, 'listings.write', 'farm');
  requireFarm(actor, farmId, 'stock.write', 'farm');
};

/**
 * The id of the listing a row without an id creates: from the farm and what the row says (and how many identical rows
 * came before it in the file), so the same file imported again finds its listings there and creates nothing twice.
 * A UUID (version 8, RFC 9562) from SHA-256.
 */
export const createdIdOf = (farmId: string, r: ImportRow, occurrence: number): string => {
  const content = CSV_COLUMNS.filter((c) => c !== 'listing_id' && r.cells[c] !== undefined).map((c) => [c, r.cells[c]!.trim()]);
  const h = createHash('sha256').update(JSON.stringify(['ftt.catalog.listing-import', farmId, content, occurrence])).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};

/** The currency most of the farm's listings are priced in (a farm sells in one), or null for a farm with none. */
const currencyOf = (listings: ListingRecord[]): string | null => {
  const counts = new Map<string, number>();
  for (const l of listings) counts.set(l.unitPrice.currency, (counts.get(l.unitPrice.currency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
};

const tomorrow = (now: Date) => new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);

const report = (mode: ImportReport['mode'], columns: CsvColumn[], plans: RowPlan[]): ImportReport => ({
  mode,
  replayed: false,
  columns,
  summary: summaryOf(plans),
  rows: plans.map(({ values: _v, ...r }) => r),
});

/**
 * A farm owner's CSV import (issue #33): `preview` answers what each row would do and writes nothing; `apply` writes
 * each row that creates or changes a listing, each atomic: its fields and events in one write through the outbox (and
 * its stock, when it changes too, in the same transaction). New listings and changes that keep the stock go in chunks
 * (one round trip each, decided on the listings read for the plan); what a chunk cannot write, and stock moves, are
 * decided again on the listing as it is then, one by one. A refused row writes nothing. Rows that change nothing write
 * nothing, so the same file twice is a no-op.
 */
export const importListings = async (d: Context, actor: Principal, farmId: string, req: ImportRequest, cause: Cause): Promise<ImportReport> => {
  mayImport(actor, farmId);
  const farm = await d.farms.get(farmId);
  if (!farm) throw new DomainError('farm.not_found', `no farm ${farmId}`);
  const recordId = req.idempotencyKey !== undefined ? `${farmId}:${req.idempotencyKey}` : undefined;
  if (req.mode === 'apply' && recordId) {
    const earlier = await d.imports.get(recordId);
    if (earlier) {
      if (earlier.fileHash !== req.fileHash)
        throw new DomainError('idempotency.unprocessable', 'this Idempotency-Key was already used with a different file', [
          { field: 'headers.idempotency-key', message: 'used before with a different file' },
        ]);
      return { ...(earlier.report as ImportReport), replayed: true };
    }
  }

  const mine = new Map((await d.listings.allOfFarm(farmId)).map((l) => [l.id, l]));
  const named = req.rows.map((r) => r.cells.listing_id?.trim() ?? '').filter((id) => id && LISTING_ID.test(id) && !mine.has(id));
  const elsewhere = await d.listings.farmsOf([...new Set(named)]);
  const duplicates = duplicateIds(req.rows);
  const farmCurrency = currencyOf([...mine.values()]);
  const latestDay = tomorrow(d.clock());
  const seen = new Map<string, number>();

  const plan = (r: ImportRow): RowPlan => {
    const id = r.cells.listing_id?.trim() ?? '';
    const refused = (p: ReturnType<typeof problem>): RowPlan => ({ row: r.row, listingId: id || null, title: null, action: 'refused', changes: [], problems: [p] });
    const dup = duplicates.get(r.row);
    if (dup) return refused(dup);
    if (id) {
      if (!LISTING_ID.test(id)) return refused(problem('listing_id', 'invalid', 'a listing id as the export writes it, or empty for a new listing'));
      const current = mine.get(id);
      if (current) return planChange(r, current, latestDay);
      if (elsewhere.has(id)) return refused(problem('listing_id', 'other_farm', 'this listing belongs to another farm'));
      return refused(problem('listing_id', 'unknown_listing', 'no listing has this id: leave it empty to create one'));
    }
    const content = JSON.stringify(CSV_COLUMNS.map((c) => r.cells[c]?.trim() ?? null));
    const n = seen.get(content) ?? 0;
    seen.set(content, n + 1);
    const created = createdIdOf(farmId, r, n);
    return planCreate(r, { id: created, exists: mine.has(created), farmCurrency, latestDay });
  };

  const plans = req.rows.map(plan);
  if (req.mode === 'preview') return report('preview', req.columns, plans);

  const rowsByNumber = new Map(req.rows.map((r) => [r.row, r]));
  const applied = [...plans];
  // new listings and changes that leave the stock as it is, in chunks; stock moves one by one (a conditional $inc)
  const inChunks = plans.flatMap((p, n) => (p.action === 'create' || keepsStock(p, mine.get(p.listingId!)) ? [n] : []));
  for (let i = 0; i < inChunks.length; i += APPLY_CHUNK) {
    const chunk = inChunks.slice(i, i + APPLY_CHUNK);
    const rows = chunk.map((n) => ({ n, ...rowCommand(d, actor, farm, plans[n]!, rowsByNumber.get(plans[n]!.row)!, mine, latestDay) }));
    const results = await d.handleListing.many(rows, cause);
    rows.forEach((r, k) => (applied[r.n] = r.outcome(results[k]!)));
  }
  const one = new Set(inChunks);
  await inPool(
    plans.flatMap((p, n) => (p.action === 'change' && !one.has(n) ? [n] : [])),
    APPLY_CONCURRENCY,
    async (n) => {
      const p = plans[n]!;
      applied[n] = await changeRow(d, actor, farmId, rowsByNumber.get(p.row)!, mine.get(p.listingId!)!, latestDay, cause);
    },
  );
  const done = report('apply', req.columns, applied);
  d.log.info({ farmId, ...done.summary }, 'listings imported');
  if (recordId) await d.imports.save({ id: recordId, farmId, fileHash: req.fileHash, at: d.clock().toISOString(), report: done });
  return done;
};

/** A change of the listing's fields that leaves its stock as it is (written in a chunk; a stock move is not). */
const keepsStock = (p: RowPlan, current: ListingRecord | undefined): boolean =>
  p.action === 'change' && current !== undefined && p.values!.available === current.stock.available;

/**
 * A row of a chunk: its command for the listing handler's batch (on the listing as loaded for the plan) and how its
 * result reads as the row's report.
 */
const rowCommand = (
  d: Context,
  actor: Principal,
  farm: Farm,
  p: RowPlan,
  row: ImportRow,
  mine: ReadonlyMap<string, ListingRecord>,
  latestDay: string,
): { id: string; decision: Decide<ListingRecord, ListingEvent>; loaded: Loaded<ListingRecord> | null; outcome: (r: BatchResult<ListingRecord>) => RowPlan } => {
  const id = p.listingId!;
  if (p.action === 'create') {
    const { input, available } = p.values!;
    return {
      id,
      // a listing this row created before is left as it is
      decision: (current, now) =>
        current
          ? ignore('created by an earlier import of this row')
          : change({ ...newListing(id, farm.id, farmSummary(farm), input, now), stock: { available, reserved: 0, sold: 0 } }),
      loaded: null,
      outcome: (r) =>
        r.result === 'written' ? p : r.result === 'rejected' ? refusedBy(p, r.error.message) : { ...p, action: 'unchanged', values: undefined },
    };
  }
  const loaded = mine.get(id)!;
  const edit = editOf(d, actor, row, latestDay);
  return { id, decision: edit.decide, loaded: { state: loaded, version: loaded.version }, outcome: (r) => edit.outcome(r) };
};

const refusedBy = (p: RowPlan, reason: string): RowPlan => ({ ...p, action: 'refused', changes: [], problems: [problem(null, 'invalid', reason)], values: undefined });

/**
 * A row that changes a listing's fields (and maybe its stock), decided again on the listing as it is when written, and
 * how the handler's result reads as the row's report (the plan made inside the write: TypeScript cannot see a closure
 * set it, hence the one place that reads it).
 */
const editOf = (d: Context, actor: Principal, row: ImportRow, latestDay: string) => {
  let decided: RowPlan | undefined;
  const decide: Decide<ListingRecord, ListingEvent> = (now, at) => {
    if (!now) return reject('listing.not_found', `no listing ${row.cells.listing_id?.trim() ?? ''}`);
    decided = planChange(row, now, latestDay);
    if (decided.action === 'unchanged') return ignore('nothing to change');
    if (decided.action === 'refused') return reject('listing.invalid', 'refused');
    const { stock, stockMove: _m, ...listing } = now;
    const edited = editListing(listing, decided.values!.input, at);
    if (edited.kind !== 'change') return edited;
    const move = stockMoveOf(d, actor, now, decided.values!.available);
    return change(
      { ...edited.state, stock: move ? { ...stock, available: decided.values!.available } : stock, ...(move ? { stockMove: move } : {}) },
      edited.events,
    );
  };
  const outcome = (r: BatchResult<ListingRecord>): RowPlan => {
    const last = decided!;
    if (r.result === 'written') return last;
    if (r.result !== 'rejected') return { ...last, action: 'unchanged', changes: [] };
    if (last.action === 'refused') return last;
    return refusedBy(last, r.error.message);
  };
  return { decide, outcome };
};

const stockMoveOf = (d: Context, actor: Principal, l: ListingRecord, target: number): StockMove | undefined => {
  const delta = target - l.stock.available;
  if (delta === 0) return undefined;
  return {
    expected: l.stock.available,
    delta,
    adjustment: {
      id: d.newId(),
      kind: delta > 0 ? 'restock' : 'write_off',
      quantity: Math.abs(delta),
      reason: 'CSV import',
      by: actor.userId,
      at: d.clock().toISOString(),
    },
  };
};

/**
 * A row that changes a listing, decided again on the listing as it is when written. Only stock: one conditional update
 * (as a stock adjustment). Fields (and maybe stock): the listing's write with its events, and the stock in the same
 * transaction; an order that moved the stock meanwhile makes it decide again.
 */
const changeRow = async (
  d: Context,
  actor: Principal,
  farmId: string,
  row: ImportRow,
  loaded: ListingRecord,
  latestDay: string,
  cause: Cause,
): Promise<RowPlan> => {
  let current: ListingRecord | null = loaded;
  for (let attempt = 0; attempt < ROW_ATTEMPTS; attempt++) {
    if (attempt > 0) current = await d.listings.get(loaded.id);
    if (!current || current.farmId !== farmId)
      return { row: row.row, listingId: loaded.id, title: null, action: 'refused', changes: [], problems: [problem('listing_id', 'unknown_listing', 'the listing is gone')] };
    const decided = planChange(row, current, latestDay);
    if (decided.action !== 'change') return decided;
    if (decided.changes.every((c) => c.column === 'available')) {
      const r = await d.listings.setStock(current.id, stockMoveOf(d, actor, current, decided.values!.available)!);
      if (r === 'applied') return decided;
      if (r === 'moved') continue;
      return { ...decided, action: 'refused', changes: [], problems: [problem('status', 'archived', 'an archived listing does not change')] };
    }
    const edit = editOf(d, actor, row, latestDay);
    try {
      return edit.outcome(await d.handleListing(current.id, edit.decide, cause));
    } catch (err) {
      if (err instanceof StockMoved) continue;
      if (!isDomainError(err)) throw err;
      return edit.outcome({ result: 'rejected', error: err });
    }
  }
  return {
    row: row.row,
    listingId: loaded.id,
    title: loaded.title,
    action: 'refused',
    changes: [],
    problems: [problem('available', 'stock_conflict', 'orders kept moving the stock while importing: import again')],
  };
};

/** Runs `work` over the items, at most `n` at once, keeping their order. */
const inPool = async <T, R>(items: T[], n: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
};
