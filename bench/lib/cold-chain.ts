/**
 * Temperature loggers for the simulator and the ingest bench: a plausible curve for a cooled crate or van over a
 * delivery day (a slow drift with the outside temperature, sensor noise, short warm spikes when a door opens) and
 * excursions injected on purpose (a cooling unit that stops, then recovers).
 */
export interface Range {
  minC: number;
  maxC: number;
}

export interface InjectedExcursion {
  /** Index of the first reading outside the range, and how many readings stay outside. */
  from: number;
  readings: number;
  /** How far above the range's maximum it goes (°C). */
  aboveC: number;
}

export interface TripOptions {
  range: Range;
  /** Device time of the first reading (epoch ms) and the time between readings. */
  startMs: number;
  stepMs: number;
  count: number;
  excursions?: InjectedExcursion[];
  /** Door openings: a short warm spike (2..4 readings) on average every this many readings; 0 = none. */
  doorEvery?: number;
  random: () => number;
}

export interface SimReading {
  t: string;
  c: number;
}

const round1 = (c: number) => Math.round(c * 10) / 10;

/** The logger's value at reading i without excursions: mid-range, drifting, noisy, with door spikes kept in range. */
export const baseline = (o: TripOptions) => {
  const mid = (o.range.minC + o.range.maxC) / 2;
  const half = (o.range.maxC - o.range.minC) / 2;
  let door = 0;
  return (i: number): number => {
    const hours = (i * o.stepMs) / 3_600_000;
    const drift = 0.35 * half * Math.sin((2 * Math.PI * hours) / 6);
    const noise = (o.random() - 0.5) * 0.2 * half;
    if (door > 0) door--;
    else if (o.doorEvery && o.random() < 1 / o.doorEvery) door = 2 + Math.floor(o.random() * 3);
    // A door spike warms the load quickly but briefly; it stays under the maximum (single points never count anyway).
    const spike = door > 0 ? 0.55 * half : 0;
    return Math.min(o.range.maxC - 0.1, Math.max(o.range.minC + 0.1, mid + drift + noise + spike));
  };
};

/** The readings of one logger over a trip, with the injected excursions as a step above the maximum. */
export const tripReadings = (o: TripOptions): SimReading[] => {
  const base = baseline(o);
  const out: SimReading[] = [];
  for (let i = 0; i < o.count; i++) {
    const ex = o.excursions?.find((e) => i >= e.from && i < e.from + e.readings);
    const c = ex ? o.range.maxC + ex.aboveC * (0.8 + 0.2 * o.random()) : base(i);
    out.push({ t: new Date(o.startMs + i * o.stepMs).toISOString(), c: round1(c) });
  }
  return out;
};

/** The reading whose arrival makes an injected excursion count: the first at least `minDurationMs` after its start. */
export const crossingIndex = (e: InjectedExcursion, stepMs: number, minDurationMs: number) =>
  e.from + Math.ceil(minDurationMs / stepMs);
