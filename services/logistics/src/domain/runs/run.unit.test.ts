import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { runAggregate } from '../../use-cases/aggregates';
import type { Shipment } from '../shipment';
import { buildRun, loads, type Run } from './run';
import { decideRun } from './run-decide';

const T0 = '2026-12-03T06:00:00.000Z';
const farm = (id: string, postalCode: string) => ({
  farmId: id,
  farmName: id,
  pickupAddress: { line1: `${id} 1`, city: 'X', postalCode, country: 'NL' },
});
const box = (
  n: number,
  f: ReturnType<typeof farm>,
  drop: 'market' | { line1: string; postalCode: string },
): Shipment =>
  ({
    shipmentId: `shp-${n}`,
    orderId: `ord-${n}`,
    buyerId: 'b',
    ...f,
    region: 'Gelderland',
    trackingCode: `FTT-${n}`,
    status: 'open',
    dropoff:
      drop === 'market'
        ? {
            address: { line1: 'Markt 1', city: 'Wageningen', postalCode: '6701 AA', country: 'NL' },
            contactName: `Buyer ${n}`,
          }
        : { address: { ...drop, city: 'Ede', country: 'NL' }, contactName: `Buyer ${n}` },
    drop:
      drop === 'market'
        ? {
            kind: 'pickup_point',
            region: 'Gelderland',
            pickupPointId: 'pp-m',
            name: 'Market',
            pointKind: 'market_stall',
            opens: '08:00',
            closes: '13:00',
          }
        : { kind: 'home', region: 'Gelderland', zoneId: 'z' },
    deliveryDate: '2026-12-05',
    coldChain: { minC: 2, maxC: 8 },
    lines: [],
    lotCodes: [],
    partnerId: null,
    createdAt: new Date(Date.parse(T0) + n * 1000).toISOString(),
    updatedAt: T0,
    failures: [],
    checkpoints: [],
    excursions: [],
    steps: [],
  }) as Shipment;

const hof = farm('hof', '6701 AA');
const eng = farm('eng', '6717 AB');
const boxes = [
  box(1, hof, 'market'),
  box(2, eng, 'market'),
  box(3, hof, { line1: 'Bergweg 4', postalCode: '6711 AA' }),
  box(4, eng, { line1: 'Bergweg 4', postalCode: '6711 AA' }),
];

describe('building a run from the boxes of a delivery day', () => {
  it('when boxes of two farms go to a pickup point and one home, then there is one pickup per farm and one drop per place, pickups first', () => {
    const { run, unroutable } = buildRun('run-1', 'Gelderland', '2026-12-05', boxes, T0);
    expect(unroutable).toEqual([]);
    expect(run.stops.map((s) => [s.kind, s.shipmentIds.length])).toEqual([
      ['pickup', 2],
      ['pickup', 2],
      ['drop', expect.any(Number)],
      ['drop', expect.any(Number)],
    ]);
    const market = run.stops.find((s) => s.key === 'point:pp-m')!;
    expect(market).toMatchObject({
      label: 'Market',
      window: { opens: '08:00', closes: '13:00' },
      shipmentIds: ['shp-1', 'shp-2'],
    });
    expect(run.stops.find((s) => s.key.startsWith('home:'))).toMatchObject({
      contact: 'Buyer 3',
      shipmentIds: ['shp-3', 'shp-4'],
    });
    expect(run).toMatchObject({ status: 'open', next: 0, partnerId: null, lateMinutes: 0 });
    expect(run.lengthKm).toBeLessThanOrEqual(run.naiveLengthKm);
    expect(run.stops.map((s) => s.eta)).toEqual([...run.stops.map((s) => s.eta)].sort());
  });

  it('when a postcode is outside the bundled table, then that box stays off the run and is named', () => {
    const lost = box(9, hof, { line1: 'Dam 1', postalCode: '1012 JS' });
    const { run, unroutable } = buildRun('run-2', 'Gelderland', '2026-12-05', [...boxes, lost], T0);
    expect(unroutable).toEqual([{ shipmentId: 'shp-9', reason: 'no coordinates for postcode 1012 JS' }]);
    expect(run.shipmentIds).not.toContain('shp-9');
  });

  it('when there are more boxes than a van holds, then they are split into loads of at most that many, none lost', () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      box(i, i % 2 ? hof : eng, i % 3 ? 'market' : { line1: `Weg ${i}`, postalCode: '6711 AA' }),
    );
    const split = loads(many, 3);
    expect(split.map((l) => l.length)).toEqual([3, 3, 1]);
    expect(new Set(split.flat().map((s) => s.shipmentId)).size).toBe(7);
  });
});

describe('a run, given a state, when a partner acts', () => {
  /** Given a run, when a partner's command, then what the handler writes. */
  const runs = decider<Run>(runAggregate, { now: new Date(T0) });
  const open = (): Run => buildRun('run-1', 'Gelderland', '2026-12-05', boxes, T0).run;
  const claimed = () => runs.given(open()).when(decideRun, { kind: 'claim', partnerId: 'pia' }).then().state;
  it('when an open run is claimed, then it is the partner\u2019s; the same partner again is ignored, another is refused', () => {
    runs
      .given(open())
      .when(decideRun, { kind: 'claim', partnerId: 'pia' })
      .then({ state: { status: 'claimed', partnerId: 'pia', claimedAt: T0 } })
      .when(decideRun, { kind: 'claim', partnerId: 'pia' })
      .thenIgnores()
      .when(decideRun, { kind: 'claim', partnerId: 'omar' })
      .thenRejects('run.invalid_transition');
  });
  it('when stops are recorded, then only in order, only by the run\u2019s partner, and the last completes the run', () => {
    let run = claimed();
    const outOfOrder = runs.given(run).when(decideRun, { kind: 'complete_stop', partnerId: 'pia', seq: 1, skipped: [] });
    outOfOrder.thenRejects('run.invalid_transition');
    expect(outOfOrder.outcome).toMatchObject({ issues: [{ field: 'seq' }] });
    runs.given(run).when(decideRun, { kind: 'complete_stop', partnerId: 'omar', seq: 0, skipped: [] }).thenRejects('run.forbidden');
    for (let seq = 0; seq < run.stops.length; seq++) {
      run = runs.given(run).when(decideRun, { kind: 'complete_stop', partnerId: 'pia', seq, skipped: [] }).then().state;
    }
    expect(run).toMatchObject({ status: 'completed', next: 4, completedAt: T0 });
    runs.given(run).when(decideRun, { kind: 'complete_stop', partnerId: 'pia', seq: 3, skipped: [] }).thenIgnores();
  });
  it('when boxes leave a run before its first stop, then their stops shrink or go and the rest are numbered again; after a stop they cannot', () => {
    const { state } = runs.given(claimed()).when(decideRun, { kind: 'drop_shipments', shipmentIds: ['shp-3', 'shp-4'] }).then();
    expect(state.stops.map((s) => s.seq)).toEqual([0, 1, 2]);
    expect(state.shipmentIds).toEqual(['shp-1', 'shp-2']);
    runs
      .given(claimed())
      .when(decideRun, { kind: 'complete_stop', partnerId: 'pia', seq: 0, skipped: [] })
      .then()
      .when(decideRun, { kind: 'drop_shipments', shipmentIds: ['shp-1'] })
      .thenRejects('run.invalid_transition');
  });
});
