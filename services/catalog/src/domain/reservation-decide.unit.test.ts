import { describe, expect, it } from 'vitest';
import { CLAIM_MS, type Reservation } from './reservation';
import {
  beginRelease,
  commitDone,
  mergeLines,
  onCompleted,
  onConfirmed,
  onOrderEnded,
  onPlaced,
  onSweep,
  NOTHING_RESERVED,
  reclaim,
  rejectDone,
  releaseDone,
  reserveFailed,
  reserveSucceeded,
  startReservation,
  sweepAction,
  voidReservation,
  type ReservationOutcome,
} from './reservation-decide';

const t0 = new Date('2026-06-10T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const lines = [
  { listingId: 'a', quantity: 2 },
  { listingId: 'b', quantity: 1 },
  { listingId: 'a', quantity: 3 },
];

/** The change an outcome makes; anything else fails the test. */
const changed = (o: ReservationOutcome) => {
  if (o.kind !== 'change') throw new Error(`expected a change, got ${JSON.stringify(o)}`);
  return o;
};
const reserving = () => startReservation('order-1', lines, 'corr-1', t0);
const reserved = () => changed(reserveSucceeded(reserving(), t0, 1200)).state;
/** A commit claimed by a version before the one-step commit, as stored. */
const committing = (now = at(5)): Reservation => ({
  ...reserved(),
  status: 'committing',
  claimUntil: new Date(now.getTime() + CLAIM_MS).toISOString(),
  version: reserved().version + 1,
});
const committed = () => changed(onConfirmed(reserved(), t0)).state;
const released = (reason: 'cancelled' | 'expired' = 'cancelled') =>
  changed(releaseDone(changed(beginRelease(reserved(), reason, at(1))).state, at(2))).state;

describe('reservations', () => {
  it('when lines of one listing repeat, then they merge and keep the index of the first', () => {
    expect(mergeLines(lines)).toEqual([
      { listingId: 'a', quantity: 5, lineIndex: 0 },
      { listingId: 'b', quantity: 1, lineIndex: 1 },
    ]);
  });

  it('when an order is placed, then a reservation starts; when it is placed again, then that is ignored', () => {
    const order = { orderId: 'order-1', lines, correlationId: 'corr-1' };
    expect(changed(onPlaced(null, order, t0)).state).toEqual(reserving());
    expect(onPlaced(reserving(), order, t0)).toMatchObject({ kind: 'ignore' });
    expect(onPlaced(voidReservation('order-1', t0), order, t0)).toMatchObject({ kind: 'ignore' });
  });

  it('when every line is held, then stock.reserved with expiresAt = now + TTL', () => {
    const { state, events } = changed(reserveSucceeded(reserving(), t0, 1200));
    expect(state).toMatchObject({ status: 'reserved', expiresAt: at(1200).toISOString(), claimUntil: null, version: 2 });
    expect(events).toEqual([
      {
        type: 'ftt.catalog.stock.reserved.v1',
        data: { orderId: 'order-1', lines: [{ listingId: 'a', quantity: 5 }, { listingId: 'b', quantity: 1 }], expiresAt: at(1200).toISOString() },
      },
    ]);
  });

  it('when the first line fails, then the rejection is final at once, naming the line', () => {
    const r = reserving();
    const { state, events } = changed(reserveFailed(r, { line: r.lines[0]!, reason: 'insufficient_stock', available: 4 }, t0));
    expect(state).toMatchObject({ status: 'rejected', version: 2 });
    expect(events).toEqual([
      {
        type: 'ftt.catalog.stock.rejected.v1',
        data: { orderId: 'order-1', listingId: 'a', lineIndex: 0, reason: 'insufficient_stock', requested: 5, available: 4 },
      },
    ]);
  });

  it('when a later line fails, then the rejection is claimed first and its event waits until taken lines are back', () => {
    const r = reserving();
    const step = changed(reserveFailed(r, { line: r.lines[1]!, reason: 'listing_unavailable', available: 0 }, t0));
    expect(step.events).toEqual([]);
    expect(step.state).toMatchObject({ status: 'rejecting', rejection: { listingId: 'b', lineIndex: 1 } });
    const done = changed(rejectDone(step.state, at(1)));
    expect(done.state.status).toBe('rejected');
    expect(done.events[0]).toMatchObject({ type: 'ftt.catalog.stock.rejected.v1', data: { lineIndex: 1, reason: 'listing_unavailable' } });
  });

  it('when a reserved order is confirmed, then it is committed with stock.committed in one step', () => {
    const { state, events } = changed(onConfirmed(reserved(), at(5)));
    expect(state).toMatchObject({ status: 'committed', claimUntil: null, version: reserved().version + 1 });
    expect(events).toEqual([{ type: 'ftt.catalog.stock.committed.v1', data: { orderId: 'order-1', lines: [{ listingId: 'a', quantity: 5 }, { listingId: 'b', quantity: 1 }] } }]);
    expect(sweepAction(state, at(99_999))).toBe('none');
    expect(onConfirmed(state, at(7))).toMatchObject({ kind: 'ignore' });
    expect(onConfirmed(state, at(7))).not.toMatchObject({ reason: NOTHING_RESERVED });
  });

  it('when a commit was claimed as committing by an older version, then a confirmation leaves it and commitDone finishes it', () => {
    const claimed = committing(at(5));
    expect(onConfirmed(claimed, at(6))).toEqual({ kind: 'ignore', reason: 'the commit is claimed already' });
    const { state, events } = changed(commitDone(claimed, at(6)));
    expect(state).toMatchObject({ status: 'committed', claimUntil: null, version: claimed.version + 1 });
    expect(events[0]).toMatchObject({ type: 'ftt.catalog.stock.committed.v1', data: { orderId: 'order-1' } });
    expect(commitDone(reserved(), at(6))).toMatchObject({ kind: 'reject' });
  });

  it('when a confirmation arrives for a released or unknown reservation, then it is ignored as nothing reserved, not rejected', () => {
    expect(onConfirmed(released('expired'), at(3))).toEqual({ kind: 'ignore', reason: NOTHING_RESERVED });
    expect(onConfirmed(null, at(3))).toEqual({ kind: 'ignore', reason: NOTHING_RESERVED });
  });

  it.each([
    ['reserved', reserved, 'releasing'],
    ['committed', committed, 'releasing'],
    ['reserving', reserving, 'releasing'],
    ['rejected', () => changed(reserveFailed(reserving(), { line: reserving().lines[0]!, reason: 'unknown_listing', available: 0 }, t0)).state, null],
    ['released', () => released(), null],
    ['void', () => voidReservation('order-1', t0), null],
  ] as const)('when the order ends while the reservation is %s, then it becomes %s', (_s, make, expected) => {
    const o = onOrderEnded(make() as Reservation, { orderId: 'order-1', reason: 'cancelled' }, at(1));
    if (expected === null) expect(o.kind).toBe('ignore');
    else expect(changed(o).state).toMatchObject({ status: expected, releaseReason: 'cancelled' });
  });

  it('when the order ends before catalog saw it, then a tombstone is left', () => {
    const { state, events } = changed(onOrderEnded(null, { orderId: 'order-9', reason: 'cancelled' }, t0));
    expect(state).toMatchObject({ id: 'order-9', status: 'void', lines: [] });
    expect(events).toEqual([]);
  });

  it('when a release is already under way, then a second reason does not replace the first', () => {
    const releasing = changed(beginRelease(reserved(), 'cancelled', t0)).state;
    expect(changed(beginRelease(releasing, 'expired', at(1))).state.releaseReason).toBe('cancelled');
    expect(onOrderEnded(releasing, { orderId: 'order-1', reason: 'expired' }, at(1))).toMatchObject({ kind: 'ignore' });
    expect(changed(releaseDone(releasing, at(1))).events[0]).toMatchObject({
      data: { reason: 'cancelled', lines: [{ listingId: 'a', quantity: 5 }, { listingId: 'b', quantity: 1 }] },
    });
  });

  it('when a released reservation is asked to release again, then it is an invalid transition', () => {
    expect(beginRelease(released(), 'expired', at(3))).toMatchObject({ kind: 'reject', code: 'reservation.invalid_transition' });
  });

  it('when a committed order is completed, then the sale is final; anything else is ignored', () => {
    expect(changed(onCompleted(committed(), at(9))).state).toMatchObject({ status: 'completed', claimUntil: null });
    expect(onCompleted(reserved(), at(9))).toMatchObject({ kind: 'ignore' });
    expect(onCompleted(null, at(9))).toMatchObject({ kind: 'ignore' });
  });

  it('when the sweeper looks, then only expired unpaid reservations expire and only stale claims are resumed', () => {
    expect(sweepAction(reserved(), at(1199))).toBe('none');
    expect(sweepAction(reserved(), at(1201))).toBe('expire');
    expect(changed(onSweep(reserved(), at(1201))).state).toMatchObject({ status: 'releasing', releaseReason: 'expired' });
    expect(onSweep(reserved(), at(1199))).toMatchObject({ kind: 'ignore' });
    expect(sweepAction(committed(), at(99_999))).toBe('none');
    const claimed = committing(t0);
    expect(sweepAction(claimed, at(10))).toBe('none');
    expect(sweepAction(claimed, at(31))).toBe('resume');
    const taken = changed(onSweep(claimed, at(31))).state;
    expect(taken).toMatchObject({ status: 'committing', version: claimed.version + 1 });
    expect(sweepAction(taken, at(40))).toBe('none');
    expect(changed(reclaim(claimed, at(31))).state).toEqual(taken);
  });
});
