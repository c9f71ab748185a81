/*
 * The excursion detector: pure, no I/O. A logger's readings arrive in batches, late, out of order and sometimes twice;
 * the detector sees one device's series on one shipment and answers which stretches were outside the cold-chain range
 * for long enough to matter. Single points never count (a door opened for a minute is not an excursion).
 */

/** One reading: when it was measured (epoch ms, the device's clock) and the value in °C. */
export interface Reading {
  t: number;
  c: number;
}

export interface Range {
  minC: number;
  maxC: number;
}

export interface DetectorSettings {
  /** A stretch outside the range counts once it lasted at least this long (first to last reading outside). */
  minDurationMs: number;
  /**
   * Two readings further apart than this are a gap: nothing is known in between, so a stretch outside the range
   * ends at the last reading before the gap (a missing signal is not evidence of a warm truck).
   */
  maxGapMs: number;
}

/** The default of the service: more than 15 minutes outside the range, loggers report at least every 5 minutes. */
export const DEFAULT_DETECTOR: DetectorSettings = { minDurationMs: 15 * 60_000, maxGapMs: 10 * 60_000 };

export interface ExcursionRun {
  /** First and last reading outside the range. */
  startMs: number;
  endMs: number;
  /** The reading furthest outside the range, and on which side it was. */
  peakC: number;
  direction: 'above' | 'below';
  readings: number;
  /** The series' last reading is part of it: it may still be going on. */
  ongoing: boolean;
}

/**
 * Sorted by time, one reading per instant. Duplicates (a batch sent twice, or the same instant with two values
 * after a retry) keep the lowest value, whichever arrived first, so the answer never depends on arrival order.
 */
export const normalize = (readings: readonly Reading[]): Reading[] => {
  const sorted = [...readings].sort((a, b) => a.t - b.t || a.c - b.c);
  const out: Reading[] = [];
  for (const r of sorted) if (out.at(-1)?.t !== r.t) out.push(r);
  return out;
};

const outside = (c: number, r: Range) => c < r.minC || c > r.maxC;
/** How far outside the range (0 inside). */
const distance = (c: number, r: Range) => Math.max(r.minC - c, c - r.maxC, 0);

/** Every stretch of the series outside the range (however short), in time order. */
export const outsideRuns = (readings: readonly Reading[], range: Range, maxGapMs: number): ExcursionRun[] => {
  const series = normalize(readings);
  const runs: ExcursionRun[] = [];
  let run: ExcursionRun | undefined;
  let prevT: number | undefined;
  for (const [i, r] of series.entries()) {
    const gap = prevT !== undefined && r.t - prevT > maxGapMs;
    prevT = r.t;
    if (run && (gap || !outside(r.c, range))) {
      runs.push(run);
      run = undefined;
    }
    if (!outside(r.c, range)) continue;
    const last = i === series.length - 1;
    if (!run) {
      run = {
        startMs: r.t,
        endMs: r.t,
        peakC: r.c,
        direction: r.c > range.maxC ? 'above' : 'below',
        readings: 1,
        ongoing: last,
      };
      continue;
    }
    run.endMs = r.t;
    run.readings++;
    run.ongoing = last;
    if (distance(r.c, range) > distance(run.peakC, range)) {
      run.peakC = r.c;
      run.direction = r.c > range.maxC ? 'above' : 'below';
    }
  }
  if (run) runs.push(run);
  return runs;
};

/** The stretches outside the range that lasted at least the minimum duration: the excursions. */
export const detectExcursions = (
  readings: readonly Reading[],
  range: Range,
  settings: DetectorSettings = DEFAULT_DETECTOR,
): ExcursionRun[] =>
  outsideRuns(readings, range, settings.maxGapMs).filter(
    (r) => r.endMs - r.startMs >= settings.minDurationMs,
  );

/**
 * A curve of at most `maxPoints` points for charts and exports: the series cut into equal slices (by count), each
 * slice giving its lowest and its highest reading in time order, so a short peak outside the range is never
 * smoothed away.
 */
export const downsample = (readings: readonly Reading[], maxPoints: number): Reading[] => {
  const series = normalize(readings);
  if (series.length <= maxPoints) return series;
  const slices = Math.max(1, Math.floor(maxPoints / 2));
  const out: Reading[] = [];
  for (let s = 0; s < slices; s++) {
    const from = Math.floor((s * series.length) / slices);
    const to = Math.floor(((s + 1) * series.length) / slices);
    let lo = series[from]!;
    let hi = series[from]!;
    for (let i = from + 1; i < to; i++) {
      const r = series[i]!;
      if (r.c < lo.c) lo = r;
      if (r.c > hi.c) hi = r;
    }
    if (lo === hi) out.push(lo);
    else out.push(...(lo.t < hi.t ? [lo, hi] : [hi, lo]));
  }
  return out;
};
