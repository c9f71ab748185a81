import { describe, expect, it } from 'vitest';
import { matches } from '../src/mongo/match';

// The filters the aggregate writes use, with MongoDB's answers (checked against its documented semantics).
const listing = {
  _id: 'l1',
  status: 'published',
  available: 5,
  version: 3,
  holds: [
    { orderId: 'o1', quantity: 2 },
    { orderId: 'o2', quantity: 1 },
  ],
  adjustments: [] as { id: string }[],
  tags: ['veg', 'organic'],
  outboxPending: 0,
  outboxLeaseUntil: null as Date | null,
  placedAt: new Date('2026-01-01T00:00:00Z'),
};

describe('matches: MongoDB filter semantics on a document read by _id', () => {
  it.each([
    [{ status: 'published', available: { $gte: 5 } }, true],
    [{ available: { $gte: 6 } }, false],
    [{ available: { $gt: 4, $lt: 6 } }, true],
    [{ available: { $lte: 4 } }, false],
    [{ version: 3 }, true],
    [{ version: 2 }, false],
    [{ status: { $ne: 'archived' } }, true],
    [{ status: { $in: ['draft', 'published'] } }, true],
    [{ status: { $nin: ['draft', 'published'] } }, false],
    [{ 'holds.orderId': 'o2' }, true],
    [{ 'holds.orderId': 'o3' }, false],
    [{ 'holds.orderId': { $ne: 'o1' } }, false],
    [{ 'holds.orderId': { $ne: 'o3' } }, true],
    [{ 'adjustments.id': { $ne: 'a1' } }, true],
    [{ 'adjustments.id': 'a1' }, false],
    [{ tags: 'organic' }, true],
    [{ tags: { $in: ['fruit'] } }, false],
    [{ missing: null }, true],
    [{ missing: { $exists: false } }, true],
    [{ status: { $exists: false } }, false],
    [{ missing: { $ne: 'x' } }, true],
    [{ outboxPending: { $gt: 0 } }, false],
    [{ $or: [{ outboxLeaseUntil: null }, { outboxLeaseUntil: { $lt: new Date() } }] }, true],
    [{ placedAt: { $lt: new Date('2026-06-01T00:00:00Z') } }, true],
    [{ placedAt: new Date('2026-01-01T00:00:00Z') }, true],
    [{ $and: [{ version: 3 }, { status: 'draft' }] }, false],
    [{}, true],
  ])('when the filter is %j, then it matches: %s', (filter, expected) => {
    expect(matches(listing, filter)).toBe(expected);
  });

  it('when a filter uses an operator it does not know, then it throws instead of guessing', () => {
    expect(() => matches(listing, { status: { $regex: 'pub' } })).toThrow(/\$regex/);
    expect(() => matches(listing, { $where: 'true' })).toThrow(/\$where/);
  });
});
