import { describe, expect, it } from 'vitest';
import {
  beginCommit,
  beginRelease,
  commitDone,
  mergeLines,
  onConfirmed,
  onOrderEnded,
  reclaim,
  rejectDone,
  releaseDone,
  reserveFailed,
  reserveSucceeded,
  startReservation,
  sweepAction,
  voidReservation,
  type Reservation,
} from './reservation';

const t0 = new Date('2026-06-10T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const lines = [
  { listingId: 'a', quantity: 2 },
  { listingId: 'b', quantity: 1 },
  { listingId: 'a', quantity: 3 },
];
const reserving = () => startReservation('order-1', lines, 'corr-1', t0);
const reserved = () => reserveSucceeded(reserving(), t0, 1200).reservation;

describe('reservations', () => {
  it('when lines of one listing repeat, then they merge and keep the index of the first', () => {
    expect(mergeLines(lines)).toEqual([
      { listingId: 'a', quantity: 5, lineIndex: 0 },
      { listingId: 'b', quantity: 1, lineIndex: 1 },
    ]);
  });

  it('when every line is held, then stock.reserved with expiresAt = now + TTL', () => {
    const { reservation, events } = reserveSucceeded(reserving(), t0, 1200);
    expect(reservation).toMatchObject({ status: 'reserved', expiresAt: at(1200).toISOString(), claimUntil: null, version: 2 });
    expect(events).toEqual([
      {
        type: 'ftt.catalog.stock.reserved.v1',
        data: { orderId: 'order-1', lines: [{ listingId: 'a', quantity: 5 }, { listingId: 'b', quantity: 1 }], expiresAt: at(1200).toISOString() },
      },
    ]);
  });

  it('when the first line fails, then the rejection is final at once, naming the line', () => {
    const r = reserving();
    const { reservation, events } = reserveFailed(r, { line: r.lines[0]!, reason: 'insufficient_stock', available: 4 }, t0);
    expect(reservation).toMatchObject({ status: 'rejected', version: 2 });
    expect(events).toEqual([
      {
        type: 'ftt.catalog.stock.rejected.v1',
        data: { orderId: 'order-1', listingId: 'a', lineIndex: 0, reason: 'insufficient_stock', requested: 5, available: 4 },
      },
    ]);
  });

  it('when a later line fails, then the rejection is claimed first and its event waits until taken lines are back', () => {
    const r = reserving();
    const step = reserveFailed(r, { line: r.lines[1]!, reason: 'listing_unavailable', available: 0 }, t0);
    expect(step.events).toEqual([]);
    expect(step.reservation).toMatchObject({ status: 'rejecting', rejection: { listingId: 'b', lineIndex: 1 } });
    const done = rejectDone(step.reservation, at(1));
    expect(done.reservation.status).toBe('rejected');
    expect(done.events[0]).toMatchObject({ type: 'ftt.catalog.stock.rejected.v1', data: { lineIndex: 1, reason: 'listing_unavailable' } });
  });

  it('when a reserved order is confirmed, then commit is claimed and then emits stock.committed', () => {
    expect(onConfirmed(reserved())).toBe('commit');
    const committing = beginCommit(reserved(), at(5));
    expect(committing).toMatchObject({ status: 'committing', claimUntil: at(35).toISOString() });
    const { reservation, events } = commitDone(committing, at(6));
    expect(reservation.status).toBe('committed');
    expect(events[0]).toMatchObject({ type: 'ftt.catalog.stock.committed.v1', data: { orderId: 'order-1' } });
    expect(onConfirmed(reservation)).toBe('ignore');
  });

  it('when a confirmation arrives for a released or unknown reservation, then it is reported as lost, not thrown', () => {
    const released = releaseDone(beginRelease(reserved(), 'expired', at(1)), at(2)).reservation;
    expect(onConfirmed(released)).toBe('lost');
    expect(onConfirmed(null)).toBe('lost');
  });

  it.each([
    ['reserved', reserved, 'release'],
    ['committed', () => commitDone(beginCommit(reserved(), t0), t0).reservation, 'release'],
    ['reserving', reserving, 'release'],
    ['rejected', () => reserveFailed(reserving(), { line: reserving().lines[0]!, reason: 'unknown_listing', available: 0 }, t0).reservation, 'ignore'],
    ['released', () => releaseDone(beginRelease(reserved(), 'cancelled', t0), t0).reservation, 'ignore'],
    ['void', () => voidReservation('order-1', t0), 'ignore'],
  ] as const)('when the order ends while the reservation is %s, then %s', (_s, make, expected) => {
    expect(onOrderEnded(make() as Reservation)).toBe(expected);
  });

  it('when the order ends before catalog saw it, then a tombstone is left', () => {
    expect(onOrderEnded(null)).toBe('tombstone');
    expect(voidReservation('order-9', t0)).toMatchObject({ id: 'order-9', status: 'void', lines: [] });
  });

  it('when a release is already under way, then a second reason does not replace the first', () => {
    const releasing = beginRelease(reserved(), 'cancelled', t0);
    expect(beginRelease(releasing, 'expired', at(1)).releaseReason).toBe('cancelled');
    expect(releaseDone(releasing, at(1)).events[0]).toMatchObject({ data: { reason: 'cancelled', lines: [{ listingId: 'a', quantity: 5 }, { listingId: 'b', quantity: 1 }] } });
  });

  it('when a released reservation is asked to release again, then it is an invalid transition', () => {
    const released = releaseDone(beginRelease(reserved(), 'cancelled', t0), t0).reservation;
    expect(() => beginRelease(released, 'expired', at(1))).toThrow(expect.objectContaining({ code: 'reservation.invalid_transition' }));
  });

  it('when the sweeper looks, then only expired unpaid reservations expire and only stale claims are resumed', () => {
    expect(sweepAction(reserved(), at(1199))).toBe('none');
    expect(sweepAction(reserved(), at(1201))).toBe('expire');
    const committed = commitDone(beginCommit(reserved(), t0), t0).reservation;
    expect(sweepAction(committed, at(99_999))).toBe('none');
    const committing = beginCommit(reserved(), t0);
    expect(sweepAction(committing, at(10))).toBe('none');
    expect(sweepAction(committing, at(31))).toBe('resume');
    const taken = reclaim(committing, at(31));
    expect(taken).toMatchObject({ status: 'committing', version: committing.version + 1 });
    expect(sweepAction(taken, at(40))).toBe('none');
  });
});
