import { describe, expect, it } from 'vitest';
import { centroidOf, distanceKm, locate, postcodeDigits } from './geo';
import { nearestNeighbour, planRoute, routeLengthKm, timeRoute, twoOpt, type RouteStop } from './route';

/** Points on one parallel: distance grows with the longitude difference, so the best order is obvious. */
const on = (
  id: string,
  lng: number,
  kind: RouteStop['kind'] = 'drop',
  window?: RouteStop['window'],
): RouteStop => ({
  id,
  kind,
  at: { lat: 52, lng },
  ...(window ? { window } : {}),
});
const ids = (stops: RouteStop[]) => stops.map((s) => s.id);

/** A small deterministic generator, so the property checks are the same on every run. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const scatter = (n: number, next: () => number, pickups = 3): RouteStop[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    kind: i < pickups ? 'pickup' : 'drop',
    at: { lat: 51.8 + next() * 0.4, lng: 5.0 + next() * 1.0 },
  }));

describe('geography of the demo region', () => {
  it('when a Dutch postcode is given, then its 4 digits find a bundled centroid; an unknown or malformed one finds none', () => {
    expect(postcodeDigits('6711 AB')).toBe('6711');
    expect(postcodeDigits('3511AH')).toBe('3511');
    expect(postcodeDigits('SW1A 1AA')).toBeNull();
    expect(centroidOf('6701 AA')).toMatchObject({ lat: expect.closeTo(51.97, 1) });
    expect(centroidOf('9999 ZZ')).toBeNull();
    // the Chinese demo market's districts: 6-digit postcodes, in the table of their country
    expect(postcodeDigits('310013')).toBe('310013');
    expect(centroidOf('310013', 'CN')).toMatchObject({ lat: expect.closeTo(30.28, 1), lng: expect.closeTo(120.11, 1) });
    expect(centroidOf('310013', 'NL')).toBeNull();
    expect(locate({ postalCode: '313300', country: 'CN' })).toMatchObject({ lat: expect.closeTo(30.64, 1) });
  });
  it("when an address carries its own coordinates, then they win over the postcode's centroid", () => {
    expect(locate({ postalCode: '6701 AA', geo: { lat: 1, lng: 2 } })).toEqual({ lat: 1, lng: 2 });
  });
  it('when Utrecht and Arnhem are measured, then the distance is about 50 km as the crow flies', () => {
    expect(distanceKm(centroidOf('3511')!, centroidOf('6811')!)).toBeGreaterThan(45);
    expect(distanceKm(centroidOf('3511')!, centroidOf('6811')!)).toBeLessThan(60);
  });
});

describe('ordering the stops of a run', () => {
  it('when drops lie on a line in shuffled order, then the plan drives them from near to far and beats the naive order', () => {
    const stops = [on('farm', 4.9, 'pickup'), on('d3', 5.3), on('d1', 5.1), on('d4', 5.4), on('d2', 5.2)];
    const plan = planRoute(stops);
    expect(ids(plan.stops)).toEqual(['farm', 'd1', 'd2', 'd3', 'd4']);
    expect(plan.timing.lengthKm).toBeCloseTo(routeLengthKm([on('a', 4.9), on('b', 5.4)]), 2);
    expect(plan.naive.lengthKm).toBeGreaterThan(plan.timing.lengthKm);
  });

  it('when there are several farms, then every pickup comes before every drop, even when a drop lies between farms', () => {
    const stops = [on('f1', 5.0, 'pickup'), on('d-mid', 5.1), on('f2', 5.2, 'pickup'), on('d-end', 5.3)];
    const order = ids(planRoute(stops).stops);
    expect(order.slice(0, 2).sort()).toEqual(['f1', 'f2']);
    expect(order.slice(2).sort()).toEqual(['d-end', 'd-mid']);
  });

  it('when a pickup point closes early, then it is served in its window although a shorter order exists', () => {
    // 1 degree of longitude at 52N is about 68.5 km: at 40 km/h the far drop takes ~1.7 h from the farm.
    const far = on('locker', 6.0, 'drop', { from: 8 * 60, to: 10 * 60 });
    const stops = [on('farm', 5.0, 'pickup'), on('near', 5.1), far, on('back', 4.95)];
    const plan = planRoute(stops);
    expect(plan.timing.lateMinutes).toBe(0);
    expect(ids(plan.stops).indexOf('locker')).toBeLessThan(ids(plan.stops).indexOf('back'));
    const arrival = plan.timing.arrivals[ids(plan.stops).indexOf('locker')]!;
    expect(arrival).toBeLessThanOrEqual(10 * 60);
    // Without the window the shortest order would have left the locker for last.
    expect(ids(planRoute(stops.map((s) => ({ ...s, window: undefined }))).stops).at(-1)).toBe('locker');
  });

  it('when a stop opens later than the van could arrive, then the van waits and the arrival is the opening time', () => {
    const timing = timeRoute([
      on('farm', 5.0, 'pickup'),
      on('market', 5.01, 'drop', { from: 14 * 60, to: 17 * 60 }),
    ]);
    expect(timing.arrivals[1]).toBe(14 * 60);
    expect(timing.lateMinutes).toBe(0);
  });

  it('when 200 random instances are ordered, then 2-opt is never longer than nearest neighbour and the plan never longer than naive', () => {
    const next = random(42);
    for (let k = 0; k < 200; k++) {
      const stops = scatter(4 + Math.floor(next() * 12), next);
      const nn = nearestNeighbour(stops, stops[0]!);
      const improved = twoOpt(nn);
      expect(routeLengthKm(improved)).toBeLessThanOrEqual(routeLengthKm(nn) + 1e-9);
      const plan = planRoute(stops);
      expect(plan.timing.lengthKm).toBeLessThanOrEqual(plan.naive.lengthKm + 1e-9);
      expect(new Set(ids(plan.stops))).toEqual(new Set(ids(stops)));
      const firstDrop = plan.stops.findIndex((s) => s.kind === 'drop');
      expect(plan.stops.slice(firstDrop).every((s) => s.kind === 'drop')).toBe(true);
    }
  });

  it('when random instances carry windows, then 2-opt never adds late minutes to the nearest neighbour tour', () => {
    const next = random(7);
    for (let k = 0; k < 100; k++) {
      const stops = scatter(8, next).map((s, i) =>
        s.kind === 'drop' && i % 2
          ? { ...s, window: { from: 9 * 60, to: 9 * 60 + Math.floor(next() * 180) } }
          : s,
      );
      const nn = nearestNeighbour(stops, stops[0]!);
      expect(timeRoute(twoOpt(nn)).lateMinutes).toBeLessThanOrEqual(timeRoute(nn).lateMinutes + 1e-9);
    }
  });

  it('when there are no stops or one, then the plan is empty or that stop, with length 0', () => {
    expect(planRoute([]).stops).toEqual([]);
    expect(planRoute([on('farm', 5, 'pickup')]).timing.lengthKm).toBe(0);
  });
});
