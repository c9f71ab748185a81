import { distanceKm, type Point } from './geo';

/**
 * Ordering a run's stops: every farm pickup first (the van must hold the boxes before it can drop them), then the
 * drops (home addresses and pickup points). A real heuristic: nearest neighbour builds a tour, 2-opt removes its
 * crossings; both respect time windows (a pickup point's opening hours) where given. Pure and deterministic.
 */
export interface RouteStop {
  id: string;
  kind: 'pickup' | 'drop';
  at: Point;
  /** Minutes after local midnight of the delivery day between which the stop can be served. */
  window?: { from: number; to: number } | undefined;
}

export interface RouteSettings {
  /** When the run leaves its first stop, minutes after local midnight. */
  startMinute: number;
  speedKmh: number;
  /** Minutes spent at a pickup (loading every box of the farm) and at a drop. */
  pickupMinutes: number;
  dropMinutes: number;
}

export const DEFAULT_ROUTE_SETTINGS: RouteSettings = {
  startMinute: 8 * 60,
  speedKmh: 40,
  pickupMinutes: 10,
  dropMinutes: 4,
};

export interface Timing {
  lengthKm: number;
  /** Minutes past the closing of windows, summed (0 = every window respected). */
  lateMinutes: number;
  /** Arrival per stop, minutes after local midnight (after waiting for a window to open). */
  arrivals: number[];
}

/** Drive the stops in this order: length, arrivals (waiting when early) and how late against windows. */
export const timeRoute = (stops: readonly RouteStop[], s: RouteSettings = DEFAULT_ROUTE_SETTINGS): Timing => {
  let lengthKm = 0;
  let lateMinutes = 0;
  let clock = s.startMinute;
  const arrivals: number[] = [];
  stops.forEach((stop, i) => {
    if (i > 0) {
      const km = distanceKm(stops[i - 1]!.at, stop.at);
      lengthKm += km;
      clock += (km / s.speedKmh) * 60;
    }
    if (stop.window) {
      if (clock < stop.window.from) clock = stop.window.from;
      if (clock > stop.window.to) lateMinutes += clock - stop.window.to;
    }
    arrivals.push(clock);
    clock += stop.kind === 'pickup' ? s.pickupMinutes : s.dropMinutes;
  });
  return { lengthKm, lateMinutes, arrivals };
};

/** The length alone (the naive order is measured with the same rule). */
export const routeLengthKm = (stops: readonly RouteStop[]): number => timeRoute(stops).lengthKm;

const EPS = 1e-9;

/** Lexicographic: fewer late minutes first, then shorter. */
const better = (a: Timing, b: Timing) =>
  a.lateMinutes < b.lateMinutes - EPS ||
  (Math.abs(a.lateMinutes - b.lateMinutes) <= EPS && a.lengthKm < b.lengthKm - EPS);

/**
 * Nearest neighbour from `first`: pickups first, then drops. Among drops it prefers those it can still reach in
 * their window; when none can be, the one whose window closes first (the least harm).
 */
export const nearestNeighbour = (
  stops: readonly RouteStop[],
  first: RouteStop,
  s: RouteSettings = DEFAULT_ROUTE_SETTINGS,
): RouteStop[] => {
  const tour: RouteStop[] = [first];
  const left = stops.filter((x) => x !== first);
  let clock = s.startMinute + (first.kind === 'pickup' ? s.pickupMinutes : s.dropMinutes);
  while (left.length) {
    const here = tour[tour.length - 1]!;
    const pickups = left.filter((x) => x.kind === 'pickup');
    const pool = pickups.length ? pickups : left;
    const arrive = (x: RouteStop) => clock + (distanceKm(here.at, x.at) / s.speedKmh) * 60;
    const reachable = pool.filter((x) => !x.window || arrive(x) <= x.window.to);
    const next = reachable.length
      ? reachable.reduce((a, b) => (distanceKm(here.at, b.at) < distanceKm(here.at, a.at) - EPS ? b : a))
      : pool.reduce((a, b) => (b.window!.to < a.window!.to ? b : a));
    let at = arrive(next);
    if (next.window && at < next.window.from) at = next.window.from;
    clock = at + (next.kind === 'pickup' ? s.pickupMinutes : s.dropMinutes);
    tour.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return tour;
};

/**
 * 2-opt: reverse a stretch of the tour when that makes it shorter without making it later. A stretch never mixes
 * pickups and drops, so every pickup stays before every drop. Never returns a tour worse than the one given.
 */
export const twoOpt = (
  tour: readonly RouteStop[],
  s: RouteSettings = DEFAULT_ROUTE_SETTINGS,
): RouteStop[] => {
  let best = [...tour];
  let bestTiming = timeRoute(best, s);
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 0; i < best.length - 1; i++) {
      for (let j = i + 1; j < best.length; j++) {
        if (best[i]!.kind !== best[j]!.kind) break;
        const candidate = [...best.slice(0, i), ...best.slice(i, j + 1).reverse(), ...best.slice(j + 1)];
        const timing = timeRoute(candidate, s);
        if (
          timing.lateMinutes <= bestTiming.lateMinutes + EPS &&
          timing.lengthKm < bestTiming.lengthKm - EPS
        ) {
          best = candidate;
          bestTiming = timing;
          improved = true;
        }
      }
    }
  }
  return best;
};

export interface RoutePlan {
  stops: RouteStop[];
  timing: Timing;
  naive: Timing;
}

/** Pickups before drops, in the order given: the order the shipments arrived in (what a partner without a plan drives). */
export const naiveOrder = (stops: readonly RouteStop[]): RouteStop[] => [
  ...stops.filter((x) => x.kind === 'pickup'),
  ...stops.filter((x) => x.kind === 'drop'),
];

/**
 * The run's order: nearest neighbour from every possible first pickup, each improved by 2-opt, and the naive order
 * improved by 2-opt too; the best of them (fewest late minutes, then shortest). So the plan is never worse than naive.
 */
export const planRoute = (
  stops: readonly RouteStop[],
  s: RouteSettings = DEFAULT_ROUTE_SETTINGS,
): RoutePlan => {
  const naive = naiveOrder(stops);
  const naiveTiming = timeRoute(naive, s);
  if (stops.length === 0) return { stops: [], timing: naiveTiming, naive: naiveTiming };
  const pickups = naive.filter((x) => x.kind === 'pickup');
  const seeds = [
    naive,
    ...(pickups.length ? pickups : naive).map((first) => nearestNeighbour(naive, first, s)),
  ];
  let best = twoOpt(seeds[0]!, s);
  let bestTiming = timeRoute(best, s);
  for (const seed of seeds.slice(1)) {
    const tour = twoOpt(seed, s);
    const timing = timeRoute(tour, s);
    if (better(timing, bestTiming)) {
      best = tour;
      bestTiming = timing;
    }
  }
  return { stops: best, timing: bestTiming, naive: naiveTiming };
};
