import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { listingAggregate } from '../use-cases/aggregates';
import { farmSummary } from './farm';
import { toSnapshot, type Listing, type ListingEvent } from './listing';
import { applyFarm, archiveListing, decideAdjustment, editListing, pauseListing, publishListing, stockDelta } from './listing-decide';
import { annasFarm, draftCarrots } from './test-fixtures';

const now = new Date('2026-06-10T08:00:00Z');
const later = new Date('2026-06-10T09:00:00Z');

const farm = annasFarm(now);

/** Given a listing as stored, when a decider, then what the handler writes (the store sets the version, events carry it). */
const listing = decider<Listing, ListingEvent>(listingAggregate, { now });

/** As its first write stores it (the stock rides along in the state). */
const draft = () => draftCarrots(farm, now);
const published = (at = now) => listing.given(draft()).when(publishListing, at).then().state;

describe('listing transitions', () => {
  it('when a draft is published, then it emits listing.published with a snapshot of the new version', () => {
    const { state, events } = listing
      .given(draft())
      .when(publishListing, later)
      .then({ state: { status: 'published', version: 2, publishedAt: later.toISOString() } });
    expect(events).toEqual([{ type: 'ftt.catalog.listing.published.v1', data: toSnapshot(state) }]);
    expect(events[0]!.data).toMatchObject({ farmName: 'De Groene Hoeve', payoutAccountId: 'acct_1Anna', lot: { farmId: 'farm-1', unit: 'kg' }, version: 2 });
  });

  it('when a paused listing is published again, then it emits listing.updated and keeps its first publication time', () => {
    listing
      .given(published())
      .when(pauseListing, later)
      .then()
      .when(publishListing, later)
      .then({ state: { publishedAt: now.toISOString() }, events: [{ type: 'ftt.catalog.listing.updated.v1' }] });
  });

  it('when a draft is edited, then no event is emitted; when a live one is, then listing.updated', () => {
    listing.given(draft()).when(editListing, { title: 'Big carrots' }, later).then({ events: [] });
    const { state, events } = listing
      .given(published())
      .when(editListing, { title: 'Big carrots', description: undefined }, later)
      .then({ state: { title: 'Big carrots', description: '', version: 3 } });
    expect(events).toEqual([{ type: 'ftt.catalog.listing.updated.v1', data: toSnapshot(state) }]);
  });

  it('when the unit of a once-published listing changes, then it is a conflict naming the field; on a draft it is allowed', () => {
    listing.given(draft()).when(editListing, { unit: 'crate' }, later).then({ state: { unit: 'crate' } });
    const refused = listing.given(published()).when(editListing, { unit: 'crate' }, later);
    refused.thenRejects('listing.conflict', 'the unit cannot change once the listing was published');
    expect(refused.outcome).toMatchObject({ issues: [{ field: 'body.unit', message: 'locked after publishing' }] });
  });

  it('when a lot is past its best-before date, then publishing is unprocessable', () => {
    const old = { ...draft(), lot: { ...draft().lot, bestBefore: '2026-06-09' } };
    const refused = listing.given(old).when(publishListing, now);
    refused.thenRejects('listing.unprocessable');
    expect(refused.outcome).toMatchObject({ issues: [{ field: 'lot.bestBefore' }] });
  });

  it('when a published listing is archived, then listing.archived; a never-published draft archives silently', () => {
    listing
      .given(published())
      .when(archiveListing, later)
      .then({
        events: [
          { type: 'ftt.catalog.listing.archived.v1', data: { listingId: 'listing-1', farmId: 'farm-1', version: 3, archivedAt: later.toISOString() } },
        ],
      });
    listing.given(draft()).when(archiveListing, later).then({ events: [] });
  });

  it.each([
    ['publish', (l: Listing) => publishListing(l, later)],
    ['pause', (l: Listing) => pauseListing(l, later)],
    ['edit', (l: Listing) => editListing(l, { title: 'x' }, later)],
    ['archive', (l: Listing) => archiveListing(l, later)],
  ])('when an archived listing is asked to %s, then it is an invalid transition', (name, act) => {
    const archived = listing.given(draft()).when(archiveListing, now).then().state;
    listing.given(archived).when(act).thenRejects('listing.invalid_transition', `cannot ${name} a listing that is archived`);
  });

  it('when a draft is paused, then it is an invalid transition', () => {
    listing.given(draft()).when(pauseListing, later).thenRejects('listing.invalid_transition');
  });

  it('when the farm changes, then a live listing takes the new details with listing.updated, and an older farm version is ignored', () => {
    const renamed = farmSummary({ ...farm, name: 'Hoeve Anna', version: 2 });
    const { state } = listing
      .given(published())
      .when(applyFarm, renamed, later)
      .then({ state: { farm: { name: 'Hoeve Anna' } as never }, events: [{ type: 'ftt.catalog.listing.updated.v1', data: { farmName: 'Hoeve Anna' } }] });
    listing.given(state).when(applyFarm, renamed, later).thenIgnores();
    listing.given(state).when(applyFarm, farmSummary(farm), later).thenIgnores();
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
