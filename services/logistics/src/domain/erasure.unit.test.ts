import { describe, expect, it } from 'vitest';
import { eraseRecipient, eraseRunDrops, REMOVED } from './erasure';
import type { Run, RunStop } from './runs/run';
import { claim, deliver, given, openShipment, outForDelivery, pickUp, time } from './test-fixtures';

const stop = (o: Partial<RunStop>): RunStop => ({
  seq: 1,
  kind: 'drop',
  key: 'home:1015 CW|Keizersgracht 120',
  label: 'Keizersgracht 120, Amsterdam',
  address: { line1: 'Keizersgracht 120', city: 'Amsterdam', postalCode: '1015 CW', country: 'NL' },
  at: { lat: 52.37, lng: 4.88 },
  contact: 'Ben',
  eta: '10:00',
  shipmentIds: ['shp-a'],
  status: 'done',
  skipped: [],
  ...o,
});

const run = (stops: RunStop[]): Run =>
  ({ runId: 'run-1', region: 'Noord-Holland', day: '2026-12-07', status: 'completed', partnerId: 'p', stops } as Run);

describe('erasing a person from logistics', () => {
  it('when the buyer of a delivered box is erased, then name, street, phone and receiver go and the trace stays', () => {
    const s = given(claim, pickUp, outForDelivery, deliver);
    const out = eraseRecipient(s, time(10));
    if (out.kind !== 'change') throw new Error(out.kind);
    expect(out.state.dropoff).toEqual({
      address: { line1: REMOVED, city: REMOVED, postalCode: REMOVED, country: s.dropoff.address.country },
      contactName: REMOVED,
    });
    expect(out.state.delivery).toEqual({ ...s.delivery, recipientName: REMOVED });
    expect(out.state.steps).toEqual(s.steps);
    expect(out.state.lotCodes).toEqual(s.lotCodes);
    expect(out.events).toEqual([]);
    expect(eraseRecipient(out.state, time(11)).kind).toBe('ignore');
  });

  it('when the box is still on its way, then it waits (the driver needs the door)', () => {
    expect(eraseRecipient(openShipment(), time(1))).toEqual({ kind: 'wait' });
    expect(eraseRecipient(given(claim, pickUp), time(3))).toEqual({ kind: 'wait' });
  });

  it('when a run drops the erased box at home, then that drop loses street, name and key; pickup points and others stay', () => {
    const point = stop({ seq: 2, key: 'point:pp-1', label: 'Farm shop', contact: undefined, shipmentIds: ['shp-a'] });
    const other = stop({ seq: 3, contact: 'Carla', shipmentIds: ['shp-b'] });
    const out = eraseRunDrops(run([stop({}), point, other]), { shipmentIds: ['shp-a'] });
    if (out.kind !== 'change') throw new Error(out.kind);
    const [home, p, o] = out.state.stops;
    expect(home).toMatchObject({ key: `home:${REMOVED}`, label: REMOVED, address: { line1: REMOVED, country: 'NL' } });
    expect(home).not.toHaveProperty('contact');
    expect(p).toEqual(point);
    expect(o).toEqual(other);
    expect(eraseRunDrops(out.state, { shipmentIds: ['shp-a'] }).kind).toBe('ignore');
  });
});
