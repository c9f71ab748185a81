import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { reservationAggregate } from '../use-cases/aggregates';
import { CLAIM_MS, type Reservation, type ReservationEvent } from './reservation';
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
} from './reservation-decide';

const t0 = new Date('2026-06-10T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const lines = [
  { listingId: 'a', quantity: 2 },
  { listingId: 'b', quantity: 1 },
  { listingId: 'a', quantity: 3 },
];
const bothLines = [{ listingId: 'a', quantity: 5 }, { listingId: 'b', quantity: 1 }];

/** Given a reservation as stored, when a decider, then what the handler writes (the store sets the version). */
const reservation = decider<Reservation, ReservationEvent>(reservationAggregate, { now: t0 });
/** As the first write stores it. */
const reserving = (): Reservation => ({ ...startReservation('order-1', lines, 'corr-1', t0), version: 1 });
const reserved = () => reservation.given(reserving()).when(reserveSucceeded, { ttlSeconds: 1200 }).then().state;
/** A commit claimed by a version before the one-step commit, as stored. */
const committing = (now = at(5)): Reservation => ({
  ...reserved(),
  status: 'committing',
  claimUntil: new Date(now.getTime() + CLAIM_MS).toISOString(),
  version: reserved().version + 1,
});
const committed = () => reservation.given(reserved()).when(onConfirmed).then().state;
const released = (reason: 'cancelled' | 'expired' = 'cancelled') =>
  reservation
    .given(reserved())
    .when(beginRelease, { reason }, at(1))
    .then()
    .when(releaseDone, at(2))
    .then().state;

describe('reservations', () => {
  it('when lines of one listing repeat, then they merge and keep the index of the first', () => {
    expect(mergeLines(lines)).toEqual([
      { listingId: 'a', quantity: 5, lineIndex: 0 },
      { listingId: 'b', quantity: 1, lineIndex: 1 },
    ]);
  });

  it('when an order is placed, then a reservation starts; when it is placed again, then that is ignored', () => {
    const order = { orderId: 'order-1', lines, correlationId: 'corr-1' };
    reservation.given(null).when(onPlaced, order).then({ state: reserving(), events: [] });
    reservation.given(reserving()).when(onPlaced, order).thenIgnores();
    reservation.given(voidReservation('order-1', t0)).when(onPlaced, order).thenIgnores();
  });

  it('when every line is held, then stock.reserved with expiresAt = now + TTL', () => {
    reservation
      .given(reserving())
      .when(reserveSucceeded, { ttlSeconds: 1200 })
      .then({
        state: { status: 'reserved', expiresAt: at(1200).toISOString(), claimUntil: null, version: 2 },
        events: [{ type: 'ftt.catalog.stock.reserved.v1', data: { orderId: 'order-1', lines: bothLines, expiresAt: at(1200).toISOString() } }],
      });
  });

  it('when the first line fails, then the rejection is final at once, naming the line', () => {
    reservation
      .given(reserving())
      .when((r, now) => reserveFailed(r, { line: r.lines[0]!, reason: 'insufficient_stock', available: 4 }, now))
      .then({
        state: { status: 'rejected', version: 2 },
        events: [
          {
            type: 'ftt.catalog.stock.rejected.v1',
            data: { orderId: 'order-1', listingId: 'a', lineIndex: 0, reason: 'insufficient_stock', requested: 5, available: 4 },
          },
        ],
      });
  });

  it('when a later line fails, then the rejection is claimed first and its event waits until taken lines are back', () => {
    reservation
      .given(reserving())
      .when((r, now) => reserveFailed(r, { line: r.lines[1]!, reason: 'listing_unavailable', available: 0 }, now))
      .then({ state: { status: 'rejecting', rejection: { listingId: 'b', lineIndex: 1 } as never, version: 2 }, events: [] })
      .when(rejectDone, at(1))
      .then({
        state: { status: 'rejected', version: 3 },
        events: [{ type: 'ftt.catalog.stock.rejected.v1', data: { lineIndex: 1, reason: 'listing_unavailable' } }],
      });
  });

  it('when a reserved order is confirmed, then it is committed with stock.committed in one step', () => {
    const { state } = reservation
      .given(reserved())
      .when(onConfirmed, at(5))
      .then({
        state: { status: 'committed', claimUntil: null, version: reserved().version + 1 },
        events: [{ type: 'ftt.catalog.stock.committed.v1', data: { orderId: 'order-1', lines: bothLines } }],
      });
    expect(sweepAction(state, at(99_999))).toBe('none');
    const again = reservation.given(state).when(onConfirmed, at(7));
    again.thenIgnores();
    expect(again.outcome).not.toMatchObject({ reason: NOTHING_RESERVED });
  });

  it('when a commit was claimed as committing by an older version, then a confirmation leaves it and commitDone finishes it', () => {
    const claimed = committing(at(5));
    reservation
      .given(claimed)
      .when(onConfirmed, at(6))
      .thenIgnores('the commit is claimed already')
      .when(commitDone, at(6))
      .then({
        state: { status: 'committed', claimUntil: null, version: claimed.version + 1 },
        events: [{ type: 'ftt.catalog.stock.committed.v1', data: { orderId: 'order-1' } }],
      });
    reservation.given(reserved()).when(commitDone, at(6)).thenRejects('reservation.invalid_transition');
  });

  it('when a confirmation arrives for a released or unknown reservation, then it is ignored as nothing reserved, not rejected', () => {
    reservation.given(released('expired')).when(onConfirmed, at(3)).thenIgnores(NOTHING_RESERVED);
    reservation.given(null).when(onConfirmed, at(3)).thenIgnores(NOTHING_RESERVED);
  });

  it.each([
    ['reserved', reserved, 'releasing'],
    ['committed', committed, 'releasing'],
    ['reserving', reserving, 'releasing'],
    [
      'rejected',
      () => reservation.given(reserving()).when((r, now) => reserveFailed(r, { line: r.lines[0]!, reason: 'unknown_listing', available: 0 }, now)).then().state,
      null,
    ],
    ['released', () => released(), null],
    ['void', () => voidReservation('order-1', t0), null],
  ] as const)('when the order ends while the reservation is %s, then it becomes %s', (_s, make, expected) => {
    const ended = reservation.given(make() as Reservation).when(onOrderEnded, { orderId: 'order-1', reason: 'cancelled' }, at(1));
    if (expected === null) ended.thenIgnores();
    else ended.then({ state: { status: expected, releaseReason: 'cancelled' }, events: [] });
  });

  it('when the order ends before catalog saw it, then a tombstone is left', () => {
    reservation
      .given(null)
      .when(onOrderEnded, { orderId: 'order-9', reason: 'cancelled' })
      .then({ state: { id: 'order-9', status: 'void', lines: [], version: 1 }, events: [] });
  });

  it('when a release is already under way, then a second reason does not replace the first', () => {
    const releasing = reservation.given(reserved()).when(beginRelease, { reason: 'cancelled' }).then().state;
    reservation.given(releasing).when(beginRelease, { reason: 'expired' }, at(1)).then({ state: { releaseReason: 'cancelled' } });
    reservation.given(releasing).when(onOrderEnded, { orderId: 'order-1', reason: 'expired' }, at(1)).thenIgnores();
    reservation
      .given(releasing)
      .when(releaseDone, at(1))
      .then({ events: [{ type: 'ftt.catalog.stock.released.v1', data: { reason: 'cancelled', lines: bothLines } }] });
  });

  it('when a released reservation is asked to release again, then it is an invalid transition', () => {
    reservation.given(released()).when(beginRelease, { reason: 'expired' }, at(3)).thenRejects('reservation.invalid_transition');
  });

  it('when a committed order is completed, then the sale is final; anything else is ignored', () => {
    reservation.given(committed()).when(onCompleted, at(9)).then({ state: { status: 'completed', claimUntil: null } });
    reservation.given(reserved()).when(onCompleted, at(9)).thenIgnores();
    reservation.given(null).when(onCompleted, at(9)).thenIgnores();
  });

  it('when the sweeper looks, then only expired unpaid reservations expire and only stale claims are resumed', () => {
    expect(sweepAction(reserved(), at(1199))).toBe('none');
    expect(sweepAction(reserved(), at(1201))).toBe('expire');
    reservation.given(reserved()).when(onSweep, at(1201)).then({ state: { status: 'releasing', releaseReason: 'expired' } });
    reservation.given(reserved()).when(onSweep, at(1199)).thenIgnores();
    expect(sweepAction(committed(), at(99_999))).toBe('none');
    const claimed = committing(t0);
    expect(sweepAction(claimed, at(10))).toBe('none');
    expect(sweepAction(claimed, at(31))).toBe('resume');
    const taken = reservation.given(claimed).when(onSweep, at(31)).then({ state: { status: 'committing', version: claimed.version + 1 } }).state;
    expect(sweepAction(taken, at(40))).toBe('none');
    reservation.given(claimed).when(reclaim, at(31)).then({ state: taken });
  });
});
