import { describe, expect, it } from 'vitest';
import { publishListing } from '../domain/listing-decide';
import { onPlaced, reserveSucceeded } from '../domain/reservation-decide';
import { annasFarm, draftCarrots } from '../domain/test-fixtures';
import { farmAggregate, listingAggregate, reservationAggregate } from './aggregates';
import type { ListingRecord } from './ports';

const now = new Date('2026-06-10T08:00:00Z');
const later = new Date('2026-06-10T09:00:00Z');

/** The state a change writes (a test of a decider that did not change is wrong). */
const written = <S>(o: { kind: string; state?: S }): S => {
  if (o.kind !== 'change' || o.state === undefined) throw new Error(`expected a change, got ${o.kind}`);
  return o.state;
};

const farm = annasFarm(now);
const draft: ListingRecord = draftCarrots(farm, now);

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
