import { describe, expect, it } from 'vitest';
import { farmSummary } from './farm';
import { newFarm } from './farm-decide';
import { toSnapshot, type Listing } from './listing';
import { applyFarm, archiveListing, decideAdjustment, editListing, newListing, pauseListing, publishListing, stockDelta, type ListingOutcome } from './listing-decide';

const now = new Date('2026-06-10T08:00:00Z');
const later = new Date('2026-06-10T09:00:00Z');

const farm = newFarm(
  'farm-1',
  'user-farmer-anna',
  {
    name: 'De Groene Hoeve',
    description: '',
    address: { line1: 'Bosweg 12', city: 'Ede', postalCode: '6711 AB', country: 'NL', geo: { lat: 52, lng: 5.6 } },
    region: 'Gelderland',
    certifications: [{ type: 'organic', certifier: 'SKAL', validUntil: '2027-01-01' }],
    payoutAccountId: 'acct_1Anna',
  },
  now,
);

const draft = (): Listing =>
  newListing('listing-1', farm.id, farmSummary(farm), {
    category: 'vegetables',
    title: 'Carrots',
    description: '',
    unit: 'kg',
    unitPrice: { amount: 300, currency: 'EUR' },
    photos: [],
    lot: { lotCode: 'LOT-1', field: 'North', harvestDate: '2026-06-08', bestBefore: '2026-06-30', quantity: 200 },
    coldChain: { minC: 1, maxC: 6 },
  }, now);

/** The change an outcome makes; anything else fails the test. */
const changed = (o: ListingOutcome) => {
  if (o.kind !== 'change') throw new Error(`expected a change, got ${JSON.stringify(o)}`);
  return o;
};
const published = (at = now) => changed(publishListing(draft(), at)).state;

describe('listing transitions', () => {
  it('when a draft is published, then it emits listing.published with a snapshot of the new version', () => {
    const { state, events } = changed(publishListing(draft(), later));
    expect(state).toMatchObject({ status: 'published', version: 2, publishedAt: later.toISOString() });
    expect(events).toEqual([{ type: 'ftt.catalog.listing.published.v1', data: toSnapshot(state) }]);
    expect(events[0]!.data).toMatchObject({ farmName: 'De Groene Hoeve', payoutAccountId: 'acct_1Anna', lot: { farmId: 'farm-1', unit: 'kg' }, version: 2 });
  });

  it('when a paused listing is published again, then it emits listing.updated and keeps its first publication time', () => {
    const paused = changed(pauseListing(published(), later)).state;
    const { state, events } = changed(publishListing(paused, later));
    expect(state.publishedAt).toBe(now.toISOString());
    expect(events.map((e) => e.type)).toEqual(['ftt.catalog.listing.updated.v1']);
  });

  it('when a draft is edited, then no event is emitted; when a live one is, then listing.updated', () => {
    expect(changed(editListing(draft(), { title: 'Big carrots' }, later)).events).toEqual([]);
    const { state, events } = changed(editListing(published(), { title: 'Big carrots', description: undefined }, later));
    expect(state).toMatchObject({ title: 'Big carrots', description: '', version: 3 });
    expect(events).toEqual([{ type: 'ftt.catalog.listing.updated.v1', data: toSnapshot(state) }]);
  });

  it('when the unit of a once-published listing changes, then it is a conflict naming the field; on a draft it is allowed', () => {
    expect(changed(editListing(draft(), { unit: 'crate' }, later)).state.unit).toBe('crate');
    expect(editListing(published(), { unit: 'crate' }, later)).toEqual({
      kind: 'reject',
      code: 'listing.conflict',
      message: 'the unit cannot change once the listing was published',
      issues: [{ field: 'body.unit', message: 'locked after publishing' }],
    });
  });

  it('when a lot is past its best-before date, then publishing is unprocessable', () => {
    const old = { ...draft(), lot: { ...draft().lot, bestBefore: '2026-06-09' } };
    expect(publishListing(old, now)).toMatchObject({ kind: 'reject', code: 'listing.unprocessable', issues: [{ field: 'lot.bestBefore' }] });
  });

  it('when a published listing is archived, then listing.archived; a never-published draft archives silently', () => {
    expect(changed(archiveListing(published(), later)).events).toEqual([
      { type: 'ftt.catalog.listing.archived.v1', data: { listingId: 'listing-1', farmId: 'farm-1', version: 3, archivedAt: later.toISOString() } },
    ]);
    expect(changed(archiveListing(draft(), later)).events).toEqual([]);
  });

  it.each([
    ['publish', (l: Listing) => publishListing(l, later)],
    ['pause', (l: Listing) => pauseListing(l, later)],
    ['edit', (l: Listing) => editListing(l, { title: 'x' }, later)],
    ['archive', (l: Listing) => archiveListing(l, later)],
  ])('when an archived listing is asked to %s, then it is an invalid transition', (name, act) => {
    const archived = changed(archiveListing(draft(), now)).state;
    expect(act(archived)).toEqual({
      kind: 'reject',
      code: 'listing.invalid_transition',
      message: `cannot ${name} a listing that is archived`,
    });
  });

  it('when a draft is paused, then it is an invalid transition', () => {
    expect(pauseListing(draft(), later)).toMatchObject({ kind: 'reject', code: 'listing.invalid_transition' });
  });

  it('when the farm changes, then a live listing takes the new details with listing.updated, and an older farm version is ignored', () => {
    const renamed = farmSummary({ ...farm, name: 'Hoeve Anna', version: 2 });
    const { state, events } = changed(applyFarm(published(), renamed, later));
    expect(state.farm.name).toBe('Hoeve Anna');
    expect(events[0]).toMatchObject({ type: 'ftt.catalog.listing.updated.v1', data: { farmName: 'Hoeve Anna' } });
    expect(applyFarm(state, renamed, later)).toMatchObject({ kind: 'ignore' });
    expect(applyFarm(state, farmSummary(farm), later)).toMatchObject({ kind: 'ignore' });
  });
});

describe('stock adjustments', () => {
  const input = { id: 'adj-1', quantity: 5, reason: 'frost', by: 'user-farmer-anna' };

  it('when a farmer restocks, then the delta is positive; when writing off, then negative', () => {
    const restock = decideAdjustment('published', { ...input, kind: 'restock' }, now);
    expect(restock).toEqual({ kind: 'change', state: { ...input, kind: 'restock', at: now.toISOString() }, events: [] });
    expect(stockDelta({ ...input, kind: 'restock', at: '' })).toBe(5);
    expect(stockDelta({ ...input, kind: 'write_off', at: '' })).toBe(-5);
    expect(decideAdjustment('paused', { ...input, kind: 'write_off' }, now).kind).toBe('change');
  });

  it('when the listing is archived, then its stock cannot change', () => {
    expect(decideAdjustment('archived', { ...input, kind: 'restock' }, now)).toMatchObject({
      kind: 'reject',
      code: 'listing.invalid_transition',
    });
  });

  it('when the quantity is not a positive integer, then it is invalid, naming the field', () => {
    expect(decideAdjustment('draft', { ...input, kind: 'restock', quantity: 1.5 }, now)).toMatchObject({
      kind: 'reject',
      code: 'stock.invalid',
      issues: [{ field: 'body.quantity', message: 'positive integer' }],
    });
  });
});
