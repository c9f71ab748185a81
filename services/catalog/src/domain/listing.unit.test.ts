import { describe, expect, it } from 'vitest';
import { farmSummary, newFarm, type Farm } from './farm';
import { applyFarm, archiveListing, editListing, newListing, pauseListing, publishListing, toSnapshot, type Listing } from './listing';

const now = new Date('2026-06-10T08:00:00Z');
const later = new Date('2026-06-10T09:00:00Z');

const farm: Farm = newFarm(
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

describe('listing transitions', () => {
  it('when a draft is published, then it emits listing.published with a snapshot of the new version', () => {
    const { listing, events } = publishListing(draft(), later);
    expect(listing).toMatchObject({ status: 'published', version: 2, publishedAt: later.toISOString() });
    expect(events).toEqual([{ type: 'ftt.catalog.listing.published.v1', data: toSnapshot(listing) }]);
    expect(events[0]!.data).toMatchObject({ farmName: 'De Groene Hoeve', payoutAccountId: 'acct_1Anna', lot: { farmId: 'farm-1', unit: 'kg' }, version: 2 });
  });

  it('when a paused listing is published again, then it emits listing.updated and keeps its first publication time', () => {
    const published = publishListing(draft(), now).listing;
    const paused = pauseListing(published, later).listing;
    const { listing, events } = publishListing(paused, later);
    expect(listing.publishedAt).toBe(now.toISOString());
    expect(events.map((e) => e.type)).toEqual(['ftt.catalog.listing.updated.v1']);
  });

  it('when a draft is edited, then no event is emitted; when a live one is, then listing.updated', () => {
    expect(editListing(draft(), { title: 'Big carrots' }, later).events).toEqual([]);
    const live = publishListing(draft(), now).listing;
    const { listing, events } = editListing(live, { title: 'Big carrots', description: undefined }, later);
    expect(listing).toMatchObject({ title: 'Big carrots', description: '', version: 3 });
    expect(events).toEqual([{ type: 'ftt.catalog.listing.updated.v1', data: toSnapshot(listing) }]);
  });

  it('when the unit of a once-published listing changes, then it is a conflict; on a draft it is allowed', () => {
    expect(editListing(draft(), { unit: 'crate' }, later).listing.unit).toBe('crate');
    const live = publishListing(draft(), now).listing;
    expect(() => editListing(live, { unit: 'crate' }, later)).toThrow(expect.objectContaining({ code: 'listing.conflict' }));
  });

  it('when a lot is past its best-before date, then publishing is unprocessable', () => {
    const old = { ...draft(), lot: { ...draft().lot, bestBefore: '2026-06-09' } };
    expect(() => publishListing(old, now)).toThrow(expect.objectContaining({ code: 'listing.unprocessable' }));
  });

  it('when a published listing is archived, then listing.archived; a never-published draft archives silently', () => {
    const live = publishListing(draft(), now).listing;
    expect(archiveListing(live, later).events).toEqual([
      { type: 'ftt.catalog.listing.archived.v1', data: { listingId: 'listing-1', farmId: 'farm-1', version: 3, archivedAt: later.toISOString() } },
    ]);
    expect(archiveListing(draft(), later).events).toEqual([]);
  });

  it.each([
    ['publish', (l: Listing) => publishListing(l, later)],
    ['pause', (l: Listing) => pauseListing(l, later)],
    ['edit', (l: Listing) => editListing(l, { title: 'x' }, later)],
    ['archive', (l: Listing) => archiveListing(l, later)],
  ])('when an archived listing is asked to %s, then it is an invalid transition', (_name, act) => {
    const archived = archiveListing(draft(), now).listing;
    expect(() => act(archived)).toThrow(expect.objectContaining({ code: 'listing.invalid_transition' }));
  });

  it('when a draft is paused, then it is an invalid transition', () => {
    expect(() => pauseListing(draft(), later)).toThrow(expect.objectContaining({ code: 'listing.invalid_transition' }));
  });

  it('when the farm changes, then a live listing takes the new details with listing.updated, and an older farm version changes nothing', () => {
    const live = publishListing(draft(), now).listing;
    const renamed = farmSummary({ ...farm, name: 'Hoeve Anna', version: 2 });
    const decision = applyFarm(live, renamed, later);
    expect(decision?.listing.farm.name).toBe('Hoeve Anna');
    expect(decision?.events[0]).toMatchObject({ type: 'ftt.catalog.listing.updated.v1', data: { farmName: 'Hoeve Anna' } });
    expect(applyFarm(decision!.listing, renamed, later)).toBeNull();
    expect(applyFarm(decision!.listing, farmSummary(farm), later)).toBeNull();
  });
});

describe('farm summary', () => {
  it('when a farm has several certificates, then certifiedUntil is the latest expiry and types are unique', () => {
    const s = farmSummary({
      ...farm,
      certifications: [
        { type: 'organic', certifier: 'SKAL', validUntil: '2026-01-01' },
        { type: 'organic', certifier: 'SKAL', validUntil: '2027-03-01' },
        { type: 'fairtrade', certifier: 'FLO', validUntil: '2026-09-01' },
      ],
    });
    expect(s.certifiedUntil).toBe('2027-03-01');
    expect(s.certifications).toEqual(['organic', 'fairtrade']);
    expect(farmSummary({ ...farm, certifications: [] }).certifiedUntil).toBeNull();
  });
});
