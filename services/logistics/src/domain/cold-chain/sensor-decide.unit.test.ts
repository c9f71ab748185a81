import { describe, expect, it } from 'vitest';
import { claim, given, pickUp, T0 } from '../test-fixtures';
import type { Shipment } from '../shipment';
import { detectExcursions, type Reading } from './excursion';
import { decideSensorExcursions } from './sensor-decide';

const MIN = 60_000;
const SETTINGS = { minDurationMs: 15 * MIN, maxGapMs: 10 * MIN };
const START = Date.parse(T0) + 60 * MIN;
const series = (from: number, step: number, values: number[]): Reading[] =>
  values.map((c, i) => ({ t: START + (from + i * step) * MIN, c }));

const onTheRoad = (): Shipment => given(claim, pickUp);

/** Given a shipment, when the device's readings are detected and decided, then the outcome. */
const see = (s: Shipment, readings: Reading[], deviceId = 'dev-1') =>
  decideSensorExcursions(s, deviceId, detectExcursions(readings, s.coldChain, SETTINGS), SETTINGS, T0);

const applied = (o: ReturnType<typeof see>, s: Shipment) => (o.kind === 'change' ? o.state : s);

describe('sensor excursions on a shipment (range 8..14 °C)', () => {
  it('when a logger reads 18 °C for 20 minutes, then one temperature_excursion is raised with its start and peak', () => {
    const o = see(onTheRoad(), series(0, 5, [10, 18, 18, 19, 18, 18, 10]));
    expect(o.kind).toBe('change');
    if (o.kind !== 'change') return;
    expect(o.events).toEqual([
      {
        type: 'ftt.logistics.shipment.temperature_excursion.v1',
        data: expect.objectContaining({
          at: new Date(START + 5 * MIN).toISOString(),
          temperatureC: 19,
          minC: 8,
          maxC: 14,
          place: 'sensor dev-1',
          lotCodes: ['LOT-T1', 'LOT-P1'],
        }),
      },
    ]);
    expect(o.state.excursions.at(-1)).toMatchObject({
      deviceId: 'dev-1',
      until: new Date(START + 25 * MIN).toISOString(),
    });
  });

  it('when the same readings are seen again (redelivery), then nothing is raised or changed', () => {
    const readings = series(0, 5, [10, 18, 18, 19, 18, 18, 10]);
    const s = applied(see(onTheRoad(), readings), onTheRoad());
    expect(see(s, readings)).toEqual({ kind: 'ignore', reason: 'no new excursion' });
  });

  it('when the excursion goes on in a later batch, then it is widened without a second event', () => {
    const first = series(0, 5, [10, 18, 18, 18, 18]);
    const s = applied(see(onTheRoad(), first), onTheRoad());
    const o = see(s, [...first, ...series(25, 5, [18, 20, 18])]);
    expect(o.kind).toBe('change');
    if (o.kind !== 'change') return;
    expect(o.events).toEqual([]);
    expect(o.state.excursions).toHaveLength(1);
    expect(o.state.excursions[0]).toMatchObject({
      temperatureC: 20,
      until: new Date(START + 35 * MIN).toISOString(),
    });
  });

  it('when an earlier reading arrives late, then the excursion starts earlier and is not raised again', () => {
    const s = applied(see(onTheRoad(), series(10, 5, [18, 18, 18, 18])), onTheRoad());
    const o = see(s, [...series(10, 5, [18, 18, 18, 18]), ...series(5, 1, [18])]);
    expect(o.kind === 'change' && o.events).toEqual([]);
    expect(o.kind === 'change' && o.state.excursions[0]?.time).toBe(new Date(START + 5 * MIN).toISOString());
  });

  it('when the temperature comes back and leaves the range again for long, then a second excursion is raised', () => {
    const s = applied(see(onTheRoad(), series(0, 5, [18, 18, 18, 18])), onTheRoad());
    const o = see(s, [...series(0, 5, [18, 18, 18, 18]), ...series(20, 5, [10, 10, 10, 18, 18, 18, 18])]);
    expect(o.kind === 'change' && o.events).toHaveLength(1);
  });

  it('when another device on the same shipment sees its own excursion, then it is raised for that device', () => {
    const readings = series(0, 5, [18, 18, 18, 18]);
    const s = applied(see(onTheRoad(), readings, 'dev-1'), onTheRoad());
    const o = see(s, readings, 'dev-2');
    expect(o.kind === 'change' && o.events[0]?.data).toMatchObject({ place: 'sensor dev-2' });
  });
});
