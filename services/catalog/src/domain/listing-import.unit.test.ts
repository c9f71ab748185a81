import { describe, expect, it } from 'vitest';
import type { Listing } from './listing';
import { formatAmount, readRow, rowOf, type CsvCells } from './listing-csv';
import { duplicateIds, planChange, planCreate, valuesOf } from './listing-import';

const listing = (over: Partial<Listing> = {}): Listing & { stock: { available: number } } => ({
  id: 'l-1',
  farmId: 'f-1',
  farmerId: 'u-1',
  status: 'published',
  category: 'vegetables',
  title: '=Peen “één”',
  description: 'Zoet; gewassen',
  unit: 'kg',
  unitPrice: { amount: 349, currency: 'EUR' },
  photos: ['/photos/carrots.svg'],
  lot: { lotCode: 'LOT-1', field: 'Veld 3', harvestDate: '2026-12-01', bestBefore: '2026-12-20', quantity: 400 },
  coldChain: { minC: 1, maxC: 6 },
  farm: { name: 'F', farmerId: 'u-1', region: 'G', pickupAddress: { line1: 'a', city: 'b', postalCode: 'c', country: 'NL' }, certifications: [], certifiedUntil: null, farmVersion: 1 },
  createdAt: '',
  updatedAt: '',
  publishedAt: '2026-12-01T00:00:00Z',
  archivedAt: null,
  version: 2,
  stock: { available: 100 },
  ...over,
});
const LATEST = '2026-12-08';
const cellsOf = (l: ReturnType<typeof listing>): CsvCells => rowOf(l);

describe('money in the CSV', () => {
  it('when an amount is written, then it is a decimal with the currency’s own decimals', () => {
    expect(formatAmount({ amount: 349, currency: 'EUR' })).toBe('3.49');
    expect(formatAmount({ amount: 5, currency: 'EUR' })).toBe('0.05');
    expect(formatAmount({ amount: 1200, currency: 'JPY' })).toBe('1200');
  });

  it('when a price is read, then "3.5", "3,50" and "3.500" are 350 cents and "3.505" is refused', () => {
    const l = listing();
    for (const price of ['3.5', '3,50', '3.500']) expect(readRow({ price }, valuesOf(l), LATEST).values?.input.unitPrice.amount).toBe(350);
    expect(readRow({ price: '3.505' }, valuesOf(l), LATEST).problems).toEqual([expect.objectContaining({ column: 'price', code: 'too_many_decimals' })]);
    expect(readRow({ price: '1200', currency: 'JPY' }, valuesOf(l), LATEST).values?.input.unitPrice).toEqual({ amount: 1200, currency: 'JPY' });
  });
});

describe('planning a row', () => {
  it('when a listing’s own row comes back, then it is unchanged (a formula-like title round-trips through its apostrophe)', () => {
    const l = listing();
    expect(cellsOf(l).title).toBe("'=Peen “één”");
    expect(planChange({ row: 2, cells: cellsOf(l) }, l, LATEST)).toMatchObject({ action: 'unchanged', changes: [] });
  });

  it('when a row changes the price and clears the best-before, then both are named from -> to', () => {
    const l = listing();
    const plan = planChange({ row: 2, cells: { ...cellsOf(l), price: '3.99', best_before: '' } }, l, LATEST);
    expect(plan).toMatchObject({
      action: 'change',
      changes: [
        { column: 'price', from: '3.49', to: '3.99' },
        { column: 'best_before', from: '2026-12-20', to: '' },
      ],
    });
    expect(plan.values?.input.lot.bestBefore).toBeUndefined();
  });

  it('when a file leaves columns out, then the listing keeps what they would say', () => {
    const l = listing();
    expect(planChange({ row: 2, cells: { listing_id: 'l-1', available: '80' } }, l, LATEST)).toMatchObject({
      action: 'change',
      changes: [{ column: 'available', from: '100', to: '80' }],
    });
  });

  it('when an archived listing would change, then the row is refused; unchanged it is fine', () => {
    const l = listing({ status: 'archived' });
    expect(planChange({ row: 2, cells: cellsOf(l) }, l, LATEST).action).toBe('unchanged');
    expect(planChange({ row: 2, cells: { ...cellsOf(l), price: '1.00' } }, l, LATEST).problems).toEqual([expect.objectContaining({ code: 'archived' })]);
  });

  it('when a new row lacks a needed column, then it is refused naming the column; with all of them it creates', () => {
    const { listing_id: _id, status: _s, ...cells } = cellsOf(listing());
    const { field: _f, ...without } = cells;
    expect(planCreate({ row: 3, cells: without }, { id: 'n', exists: false, farmCurrency: 'EUR', latestDay: LATEST }).problems).toEqual([
      expect.objectContaining({ column: 'field', code: 'column_missing' }),
    ]);
    expect(planCreate({ row: 3, cells }, { id: 'n', exists: false, farmCurrency: 'EUR', latestDay: LATEST })).toMatchObject({ action: 'create', listingId: 'n' });
    expect(planCreate({ row: 3, cells }, { id: 'n', exists: true, farmCurrency: 'EUR', latestDay: LATEST }).action).toBe('unchanged');
  });

  it('when two rows name one listing, then both are refused naming the other', () => {
    const d = duplicateIds([
      { row: 2, cells: { listing_id: 'a' } },
      { row: 3, cells: { listing_id: 'b' } },
      { row: 4, cells: { listing_id: 'a' } },
    ]);
    expect([...d.keys()]).toEqual([2, 4]);
    expect(d.get(4)).toMatchObject({ column: 'listing_id', code: 'duplicate_id', params: { rows: '2, 4' } });
  });
});
