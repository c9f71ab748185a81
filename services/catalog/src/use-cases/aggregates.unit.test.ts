import { describe, expect, it } from 'vitest';
import { newFarm } from '../domain/farm-decide';
import { farmSummary } from '../domain/farm';
import { newListing, publishListing } from '../domain/listing-decide';
import { onPlaced, reserveSucceeded } from '../domain/reservation-decide';
import { farmAggregate, listingAggregate, reservationAggregate } from './aggregates';
import type { ListingRecord } from './ports';

const now = new Date('2026-06-10T08:00:00Z');
const later = new Date('2026-06-10T09:00:00Z');

/** The state a change writes (a test of a decider that did not change is wrong). */
const written = <S>(o: { kind: string; state?: S }): S => {
  if (o.kind !== 'change' || o.state === undefined) throw new Error(`expected a change, got ${o.kind}`);
  return o.state;
};

const farm = newFarm(
  'farm-1',
  'user-farmer-anna',
  {
    name: 'De Groene Hoeve',
    description: '',
    address: { line1: 'Bosweg 12', city: 'Ede', postalCode: '6711 AB', country: 'NL' },
    region: 'Gelderland',
    certifications: [{ type: 'organic', certifier: 'SKAL', validUntil: '2027-01-01' }],
  },
  now,
);

const draft: ListingRecord = {
  ...newListing('listing-1', farm.id, farmSummary(farm), {
    category: 'vegetables',
    title: 'Carrots',
    description: '',
    unit: 'kg',
    unitPrice: { amount: 300, currency: 'EUR' },
    photos: [],
    lot: { lotCode: 'LOT-1', field: 'North', harvestDate: '2026-06-08', quantity: 200 },
    coldChain: { minC: 1, maxC: 6 },
  }, now),
  stock: { available: 200, reserved: 0, sold: 0 },
};

const placed = written(onPlaced(null, { orderId: 'ord-1', lines: [{ listingId: 'listing-1', quantity: 2 }], correlationId: 'ord-1' }, now));

describe('catalog aggregates have a state schema', () => {
  it.each([
    ['farm', farmAggregate.schema, farm, { ...farm, suspended: { at: later.toISOString(), by: 'op', reason: 'audit' } }],
    ['listing', listingAggregate.schema, draft, { ...draft, ...written(publishListing(draft, later)) }],
    ['reservation', reservationAggregate.schema, placed, written(reserveSucceeded(placed, { ttlSeconds: 1200 }, later))],
  ])('when a %s is new or decided, then its schema parses it, and refuses a field it does not know', (_name, schema, initial, decided) => {
    expect(schema).toBeDefined();
    for (const state of [initial, decided]) expect(schema!.safeParse(state).error).toBeUndefined();
    expect(schema!.safeParse({ ...decided, surprise: 1 }).success).toBe(false);
    expect(schema!.safeParse({ ...decided, createdAt: 'yesterday' }).success).toBe(false);
  });
});
