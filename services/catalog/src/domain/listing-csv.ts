import { Unit, type Money } from '@ftt/contracts';
import type { Listing, ListingInput, StockLevels } from './listing';
import { PHOTO_PATH, PHOTOS_PER_LISTING } from './photo';

/**
 * A farm's catalog as a spreadsheet (issue #33): one row per listing and its lot, in these columns, in this order.
 * The header names them; a file may leave columns out (a listing keeps what a missing column would say) but may not
 * bring others. The price is a decimal in the currency the row states (3.49 EUR), never a float in minor units.
 */
export const CSV_COLUMNS = [
  'listing_id',
  'status',
  'title',
  'category',
  'description',
  'unit',
  'price',
  'currency',
  'available',
  'lot_code',
  'field',
  'harvest_date',
  'best_before',
  'lot_quantity',
  'min_c',
  'max_c',
  'photos',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
/** The cells of one row, by column: only the columns the file has. */
export type CsvCells = Partial<Record<CsvColumn, string>>;

export const CATEGORIES = ['vegetables', 'fruit', 'herbs', 'mushrooms', 'eggs', 'dairy', 'meat', 'honey', 'grains', 'flowers', 'tea', 'other'] as const;

/** Why a cell (or a row) is refused: a kind the web app words in the farmer's language, its parameters, and English. */
export interface RowProblem {
  column: CsvColumn | null;
  code: ProblemCode;
  message: string;
  params?: Record<string, string | number>;
}
export type ProblemCode =
  | 'required'
  | 'too_long'
  | 'invalid'
  | 'not_allowed'
  | 'out_of_range'
  | 'too_many_decimals'
  | 'in_future'
  | 'before_harvest'
  | 'min_above_max'
  | 'unknown_listing'
  | 'other_farm'
  | 'duplicate_id'
  | 'locked'
  | 'archived'
  | 'column_missing'
  | 'stock_conflict';

export const problem = (column: CsvColumn | null, code: ProblemCode, message: string, params?: RowProblem['params']): RowProblem => ({
  column,
  code,
  message,
  ...(params ? { params } : {}),
});

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
/** Digits after the decimal point of a currency's minor unit (EUR 2, JPY 0), from ISO 4217 as the runtime knows it. */
export const currencyDigits = (currency: string): number => {
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    // a number format is costly to make (tens of microseconds): once per currency, not per cell of 5,000 rows
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    DIGITS.set(currency, digits);
  }
  return digits;
};
const DIGITS = new Map<string, number>();

/** 349 EUR -> "3.49"; 1200 JPY -> "1200". */
export const formatAmount = (m: Money): string => {
  const digits = currencyDigits(m.currency);
  if (digits === 0) return String(m.amount);
  const s = String(m.amount).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
};

/** Spreadsheets run formulas in cells that begin like one: text that does is written with a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;
const guard = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
const unguard = (text: string) => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

/** A listing as a row (the export, and the canonical form the import compares cells in). */
export const rowOf = (l: Pick<Listing, 'id' | 'status' | keyof ListingInput> & { stock: Pick<StockLevels, 'available'> }): Record<CsvColumn, string> => ({
  listing_id: l.id,
  status: l.status,
  title: guard(l.title),
  category: l.category,
  description: guard(l.description),
  unit: l.unit,
  price: formatAmount(l.unitPrice),
  currency: l.unitPrice.currency,
  available: String(l.stock.available),
  lot_code: l.lot.lotCode,
  field: guard(l.lot.field),
  harvest_date: l.lot.harvestDate,
  best_before: l.lot.bestBefore ?? '',
  lot_quantity: String(l.lot.quantity),
  min_c: String(l.coldChain.minC),
  max_c: String(l.coldChain.maxC),
  photos: l.photos.join(' '),
});

/** A listing's fields and stock as a row says them. */
export interface RowValues {
  input: ListingInput;
  available: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const NUMBER = /^-?\d{1,9}([.,]\d{1,6})?$/;
const toNumber = (s: string) => Number(s.replace(',', '.'));
const LOT_CODE = /^[A-Za-z0-9._/-]{3,64}$/;
const PHOTO = (s: string) => s.length <= 500 && (/^\/photos\/[\w.-]+$/.test(s) || PHOTO_PATH.test(s) || /^https:\/\/\S+$/.test(s));

/**
 * Reads a row's cells into a listing's fields and stock, with `base` for the columns the file does not have (the
 * listing a row changes; null for a new one). Every refused cell is named; none is guessed. `latestDay`: the latest
 * harvest date there can be (tomorrow in UTC: east of it, a farmer may live in tomorrow already).
 */
export const readRow = (
  cells: CsvCells,
  base: RowValues | null,
  latestDay: string,
): { values: RowValues; problems: RowProblem[] } | { values: null; problems: RowProblem[] } => {
  const problems: RowProblem[] = [];
  const cell = (c: CsvColumn): string | undefined => (cells[c] === undefined ? undefined : unguard(cells[c]!.trim()));
  const refuse = (c: CsvColumn, code: ProblemCode, message: string, params?: RowProblem['params']) => {
    problems.push(problem(c, code, message, params));
    return undefined;
  };
  const text = (c: CsvColumn, max: number, required: boolean, was: string | undefined) => {
    const v = cell(c);
    if (v === undefined) return base ? was : required ? refuse(c, 'column_missing', `the file has no ${c} column`) : '';
    if (required && v === '') return refuse(c, 'required', `${c} is required`);
    if (v.length > max) return refuse(c, 'too_long', `at most ${max} characters`, { max });
    return v;
  };
  const oneOf = <T extends string>(c: CsvColumn, allowed: readonly T[], was: T | undefined): T | undefined => {
    const v = cell(c);
    if (v === undefined) return base ? was : refuse(c, 'column_missing', `the file has no ${c} column`);
    if (v === '') return refuse(c, 'required', `${c} is required`);
    if (!allowed.includes(v as T)) return refuse(c, 'not_allowed', `one of ${allowed.join(', ')}`, { allowed: allowed.join(', ') });
    return v as T;
  };
  const number = (c: CsvColumn, min: number, max: number, was: number | undefined, integer = false, positive = false) => {
    const v = cell(c);
    if (v === undefined) return base ? was : refuse(c, 'column_missing', `the file has no ${c} column`);
    if (v === '') return refuse(c, 'required', `${c} is required`);
    if (!NUMBER.test(v)) return refuse(c, 'invalid', 'a number, such as 12 or 2.5');
    const n = toNumber(v);
    if (integer && !Number.isInteger(n)) return refuse(c, 'invalid', 'a whole number');
    if (n < min || n > max || (positive && n <= 0))
      return refuse(c, 'out_of_range', `from ${positive ? `more than ${min}` : min} to ${max}`, { min, max });
    return n;
  };
  const date = (c: CsvColumn, required: boolean, was: string | undefined) => {
    const v = cell(c);
    if (v === undefined) return base ? was : required ? refuse(c, 'column_missing', `the file has no ${c} column`) : undefined;
    if (v === '') return required ? refuse(c, 'required', `${c} is required`) : undefined;
    if (!isDate(v)) return refuse(c, 'invalid', 'a date as YYYY-MM-DD');
    return v;
  };

  const b = base?.input;
  const title = text('title', 120, true, b?.title);
  const description = text('description', 4000, false, b?.description);
  const category = oneOf('category', CATEGORIES, b?.category as (typeof CATEGORIES)[number] | undefined);
  const unit = oneOf('unit', Unit.options, b?.unit);
  const available = number('available', 0, 1_000_000, base?.available, true);
  const lotCodeCell = cell('lot_code');
  const lotCode =
    lotCodeCell === undefined
      ? base
        ? b!.lot.lotCode
        : refuse('lot_code', 'column_missing', 'the file has no lot_code column')
      : lotCodeCell === ''
        ? refuse('lot_code', 'required', 'lot_code is required')
        : LOT_CODE.test(lotCodeCell)
          ? lotCodeCell
          : refuse('lot_code', 'invalid', '3-64 letters, digits or . _ / -');
  const field = text('field', 100, true, b?.lot.field);
  const harvestDate = date('harvest_date', true, b?.lot.harvestDate);
  // a date the listing has already is not judged again (an export of yesterday's listing imports unchanged)
  if (harvestDate !== undefined && harvestDate !== b?.lot.harvestDate && harvestDate > latestDay)
    refuse('harvest_date', 'in_future', 'cannot be in the future');
  const bestBefore = date('best_before', false, b?.lot.bestBefore);
  if (bestBefore !== undefined && harvestDate !== undefined && bestBefore < harvestDate)
    refuse('best_before', 'before_harvest', 'cannot be before the harvest date');
  const quantity = number('lot_quantity', 0, 1_000_000, b?.lot.quantity, false, true);
  const minC = number('min_c', -40, 40, b?.coldChain.minC);
  const maxC = number('max_c', -40, 40, b?.coldChain.maxC);
  if (minC !== undefined && maxC !== undefined && minC > maxC) refuse('min_c', 'min_above_max', 'must not be above max_c');

  const currencyCell = cell('currency');
  let currency: string | undefined = b?.unitPrice.currency;
  if (currencyCell !== undefined) {
    if (currencyCell === '') currency = refuse('currency', 'required', 'currency is required');
    else if (!/^[A-Z]{3}$/.test(currencyCell) || !KNOWN_CURRENCIES.has(currencyCell))
      currency = refuse('currency', 'invalid', 'an ISO 4217 code, such as EUR', { given: currencyCell });
    else currency = currencyCell;
  } else if (!base) refuse('currency', 'column_missing', 'the file has no currency column');
  let amount: number | undefined = b?.unitPrice.amount;
  const priceCell = cell('price');
  if (priceCell === undefined) {
    if (!base) refuse('price', 'column_missing', 'the file has no price column');
  } else if (priceCell === '') amount = refuse('price', 'required', 'price is required');
  else if (currency !== undefined) amount = readAmount(priceCell, currency, refuse);

  const photosCell = cell('photos');
  let photos = b?.photos ?? [];
  if (photosCell !== undefined) {
    photos = photosCell.split(/\s+/).filter(Boolean);
    if (photos.length > PHOTOS_PER_LISTING) refuse('photos', 'too_long', `at most ${PHOTOS_PER_LISTING} photos`, { max: PHOTOS_PER_LISTING });
    const bad = photos.find((p) => !PHOTO(p));
    if (bad) refuse('photos', 'invalid', 'each a /photos/... or /listing-photos/... path or an https:// URL, separated by spaces', { given: bad.slice(0, 80) });
  }

  if (problems.length) return { values: null, problems };
  return {
    values: {
      available: available!,
      input: {
        title: title!,
        description: description ?? '',
        category: category!,
        unit: unit!,
        unitPrice: { amount: amount!, currency: currency! },
        photos,
        lot: { lotCode: lotCode!, field: field!, harvestDate: harvestDate!, ...(bestBefore ? { bestBefore } : {}), quantity: quantity! },
        coldChain: { minC: minC!, maxC: maxC! },
      },
    },
    problems,
  };
};

/** "3.49" (or "3,49") in EUR -> 349; more decimals than the currency has, or a price of nothing, is refused. */
const readAmount = (
  text: string,
  currency: string,
  refuse: (c: CsvColumn, code: ProblemCode, message: string, params?: RowProblem['params']) => undefined,
): number | undefined => {
  const m = /^(\d{1,9})(?:[.,](\d+))?$/.exec(text);
  if (!m) return refuse('price', 'invalid', `a price such as 3.49, in ${currency}`, { currency });
  const digits = currencyDigits(currency);
  const decimals = m[2] ?? '';
  if (decimals.replace(/0+$/, '').length > digits)
    return refuse('price', 'too_many_decimals', `${currency} has ${digits} decimals`, { currency, digits });
  const amount = Number(m[1]) * 10 ** digits + Number(decimals.padEnd(digits, '0').slice(0, digits) || 0);
  if (amount < 1 || amount > 10_000_000) return refuse('price', 'out_of_range', `more than 0 and at most ${formatAmount({ amount: 10_000_000, currency })}`, { currency });
  return amount;
};
