import { describe, expect, it } from 'vitest';
import type { PartnerShipment } from '../api/types';
import { alreadyRecorded, backoffMs, checkpointTime, isTransient, projected, type QueuedStep } from './steps';

const shipment = (o: Partial<PartnerShipment> = {}) =>
  ({
    shipmentId: 's1',
    status: 'assigned',
    checkpoints: [],
    failures: [],
    updatedAt: '2026-12-07T10:00:00.000Z',
    ...o,
  }) as PartnerShipment;

const queued = (o: Partial<QueuedStep> & Pick<QueuedStep, 'action'>): QueuedStep =>
  ({ key: 'k', userId: 'u', shipmentId: 's1', recordedAt: '2026-12-07T10:00:00.000Z', attempts: 0, notBefore: 0, ...o }) as QueuedStep;

describe("the partner's steps kept on the phone", () => {
  it('when a pickup and an out-for-delivery wait, then the screen shows the shipment out for delivery; a refused step changes nothing', () => {
    const s = shipment();
    expect(projected(s, [queued({ action: 'pickup' }), queued({ action: 'out-for-delivery' })]).status).toBe(
      'out_for_delivery',
    );
    expect(projected(s, [queued({ action: 'pickup', refused: { status: 409, detail: 'no' } })])).toBe(s);
    expect(projected(s, [queued({ action: 'pickup', shipmentId: 'other' })])).toBe(s);
  });

  it('when logistics shows the pickup made, then a resent pickup is recorded already; before it, it is not', () => {
    const q = queued({ action: 'pickup' });
    expect(alreadyRecorded(q, shipment())).toBe(false);
    expect(alreadyRecorded(q, shipment({ status: 'picked_up', pickedUpAt: '2026-12-07T10:01:00.000Z' }))).toBe(true);
    // cancelled meanwhile: never picked up, so the 409 is a refusal
    expect(alreadyRecorded(q, shipment({ status: 'cancelled' }))).toBe(false);
  });

  it('when a checkpoint carries its own time, then it is known by it; without, by a recording since its first attempt', () => {
    const body = { place: 'Zutphen', temperatureC: 4 };
    const at = (time: string, recordedAt = time) => ({ ...body, time, recordedAt, excursion: false });
    const timed = queued({ action: 'checkpoints', body: { ...body, time: '2026-12-07T10:00:00.000Z' } });
    expect(alreadyRecorded(timed, shipment({ checkpoints: [at('2026-12-07T10:00:00.000Z')] }))).toBe(true);
    expect(alreadyRecorded(timed, shipment({ checkpoints: [at('2026-12-07T10:03:00.000Z')] }))).toBe(false);

    const untimed = queued({ action: 'checkpoints', body, firstTriedAt: '2026-12-07T10:30:00.000Z' });
    expect(alreadyRecorded(untimed, shipment({ checkpoints: [at('2026-12-07T10:30:01.000Z')] }))).toBe(true);
    // the same place and temperature an hour before is another checkpoint
    expect(alreadyRecorded(untimed, shipment({ checkpoints: [at('2026-12-07T09:30:00.000Z')] }))).toBe(false);
    expect(alreadyRecorded({ ...untimed, firstTriedAt: undefined } as QueuedStep, shipment())).toBe(false);
  });

  it('when a pickup of the shipment waits before a checkpoint, then the checkpoint goes without its time (logistics stamps the pickup on arrival)', () => {
    const now = new Date('2026-12-07T11:00:00.000Z');
    expect(checkpointTime('s1', [], now)).toBe('2026-12-07T11:00:00.000Z');
    expect(checkpointTime('s1', [queued({ action: 'pickup' })], now)).toBeUndefined();
    expect(checkpointTime('s2', [queued({ action: 'pickup' })], now)).toBe('2026-12-07T11:00:00.000Z');
  });

  it('when an attempt fails, then the next waits 2 s, 4 s, 8 s ... at most a minute; only no signal, 401, 408, 429 and 5xx are tried again', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 10].map((n) => backoffMs(n, mid))).toEqual([2000, 4000, 8000, 60_000]);
    expect([0, 401, 408, 429, 500, 503].every(isTransient)).toBe(true);
    expect([400, 403, 404, 409, 413, 422].some(isTransient)).toBe(false);
  });
});
