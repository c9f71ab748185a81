import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { shipmentAggregate } from '../../use-cases/aggregates';
import { claim, given, pickUp, T0 } from '../test-fixtures';
import type { Shipment, ShipmentEvent } from '../shipment';
import { detectExcursions, type Reading } from './excursion';
import { decideSensorExcursions } from './sensor-decide';

const MIN = 60_000;
const SETTINGS = { minDurationMs: 15 * MIN, maxGapMs: 10 * MIN };
const START = Date.parse(T0) + 60 * MIN;
const series = (from: number, step: number, values: number[]): Reading[] =>
  values.map((c, i) => ({ t: START + (from + i * step) * MIN, c }));

const onTheRoad = (): Shipment => given(claim, pickUp);
/** Given a shipment, when a decider, then what the handler writes. */
const shipment = decider<Shipment, ShipmentEvent>(shipmentAggregate, { now: new Date(T0) });

/** When the device's readings are detected and decided. */
const see =
  (readings: Reading[], deviceId = 'dev-1') =>
  (s: Shipment, now: Date) =>
    decideSensorExcursions(s, { deviceId, runs: detectExcursions(readings, s.coldChain, SETTINGS), settings: SETTINGS }, now);

describe('sensor excursions on a shipment (range 8..14 °C)', () => {
  it('when a logger reads 18 °C for 20 minutes, then one temperature_excursion is raised with its start and peak', () => {
    const { state } = shipment
      .given(onTheRoad())
      .when(see(series(0, 5, [10, 18, 18, 19, 18, 18, 10])))
      .then({
        events: [
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
        ],
      });
    expect(state.excursions.at(-1)).toMatchObject({
      deviceId: 'dev-1',
      until: new Date(START + 25 * MIN).toISOString(),
    });
  });

  it('when the same readings are seen again (redelivery), then nothing is raised or changed', () => {
    const readings = series(0, 5, [10, 18, 18, 19, 18, 18, 10]);
    shipment.given(onTheRoad()).when(see(readings)).then().when(see(readings)).thenIgnores('no new excursion');
  });

  it('when the excursion goes on in a later batch, then it is widened without a second event', () => {
    const first = series(0, 5, [10, 18, 18, 18, 18]);
    const { state } = shipment
      .given(onTheRoad())
      .when(see(first))
      .then()
      .when(see([...first, ...series(25, 5, [18, 20, 18])]))
      .then({ events: [] });
    expect(state.excursions).toHaveLength(1);
    expect(state.excursions[0]).toMatchObject({
      temperatureC: 20,
      until: new Date(START + 35 * MIN).toISOString(),
    });
  });

  it('when an earlier reading arrives late, then the excursion starts earlier and is not raised again', () => {
    const { state } = shipment
      .given(onTheRoad())
      .when(see(series(10, 5, [18, 18, 18, 18])))
      .then()
      .when(see([...series(10, 5, [18, 18, 18, 18]), ...series(5, 1, [18])]))
      .then({ events: [] });
    expect(state.excursions[0]?.time).toBe(new Date(START + 5 * MIN).toISOString());
  });

  it('when the temperature comes back and leaves the range again for long, then a second excursion is raised', () => {
    shipment
      .given(onTheRoad())
      .when(see(series(0, 5, [18, 18, 18, 18])))
      .then()
      .when(see([...series(0, 5, [18, 18, 18, 18]), ...series(20, 5, [10, 10, 10, 18, 18, 18, 18])]))
      .then({ events: [{ type: 'ftt.logistics.shipment.temperature_excursion.v1' }] });
  });

  it('when another device on the same shipment sees its own excursion, then it is raised for that device', () => {
    const readings = series(0, 5, [18, 18, 18, 18]);
    shipment
      .given(onTheRoad())
      .when(see(readings, 'dev-1'))
      .then()
      .when(see(readings, 'dev-2'))
      .then({ events: [{ type: 'ftt.logistics.shipment.temperature_excursion.v1', data: { place: 'sensor dev-2' } }] });
  });
});
