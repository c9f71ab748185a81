import { describe, expect, it } from 'vitest';
import { detectExcursions, downsample, normalize, outsideRuns, type Reading } from './excursion';

const T0 = Date.parse('2026-11-28T09:00:00.000Z');
const MIN = 60_000;
const RANGE = { minC: 2, maxC: 8 };
const SETTINGS = { minDurationMs: 15 * MIN, maxGapMs: 10 * MIN };

/** A reading every `step` minutes from minute `from`, each value from the list. */
const series = (from: number, step: number, values: number[]): Reading[] =>
  values.map((c, i) => ({ t: T0 + (from + i * step) * MIN, c }));

describe('excursion detector: durations', () => {
  it('when readings stay inside the range, then there is no excursion', () => {
    expect(detectExcursions(series(0, 1, [3, 4, 5, 8, 2, 7]), RANGE, SETTINGS)).toEqual([]);
  });

  it('when a single reading is outside the range, then it is not an excursion', () => {
    expect(detectExcursions(series(0, 1, [4, 4, 14, 4, 4]), RANGE, SETTINGS)).toEqual([]);
    expect(outsideRuns(series(0, 1, [4, 4, 14, 4, 4]), RANGE, SETTINGS.maxGapMs)).toHaveLength(1);
  });

  it('when readings are outside for 14 minutes, then it is not an excursion yet', () => {
    const warm = series(0, 1, [4, ...Array<number>(15).fill(10), 4]); // minutes 1..15: 14 minutes first to last
    expect(detectExcursions(warm, RANGE, SETTINGS)).toEqual([]);
  });

  it('when readings are outside for 15 minutes, then it is one excursion with its start, end and peak', () => {
    const warm = series(0, 1, [
      4,
      ...Array<number>(16)
        .fill(10)
        .map((c, i) => (i === 7 ? 12.5 : c)),
      4,
    ]);
    expect(detectExcursions(warm, RANGE, SETTINGS)).toEqual([
      {
        startMs: T0 + MIN,
        endMs: T0 + 16 * MIN,
        peakC: 12.5,
        direction: 'above',
        readings: 16,
        ongoing: false,
      },
    ]);
  });

  it('when it is too cold for long enough, then the excursion is below the range with the coldest reading', () => {
    const [run] = detectExcursions(series(0, 5, [1, 0, -1.5, 1, 1]), RANGE, SETTINGS);
    expect(run).toMatchObject({ direction: 'below', peakC: -1.5, startMs: T0, endMs: T0 + 20 * MIN });
  });

  it('when the last readings are still outside, then the excursion is ongoing', () => {
    const [run] = detectExcursions(series(0, 5, [4, 9, 9, 9, 9]), RANGE, SETTINGS);
    expect(run).toMatchObject({ startMs: T0 + 5 * MIN, endMs: T0 + 20 * MIN, ongoing: true });
  });

  it('when two warm stretches are split by readings inside the range, then they are two excursions', () => {
    const runs = detectExcursions(series(0, 5, [9, 9, 9, 9, 5, 9, 9, 9, 9]), RANGE, SETTINGS);
    expect(runs.map((r) => [(r.startMs - T0) / MIN, (r.endMs - T0) / MIN])).toEqual([
      [0, 15],
      [25, 40],
    ]);
  });
});

describe('excursion detector: gaps', () => {
  it('when a gap longer than allowed falls inside a warm stretch, then the stretch ends before the gap', () => {
    // 10 min warm, 30 min without data, 10 min warm: neither side lasted 15 minutes.
    const readings = [...series(0, 5, [9, 9, 9]), ...series(40, 5, [9, 9, 9])];
    expect(detectExcursions(readings, RANGE, SETTINGS)).toEqual([]);
    expect(outsideRuns(readings, RANGE, SETTINGS.maxGapMs)).toHaveLength(2);
  });

  it('when readings are sparse but within the allowed gap, then the stretch is continuous', () => {
    // every 8 minutes (below the 10-minute gap): 0, 8, 16 => 16 minutes outside.
    expect(detectExcursions(series(0, 8, [9, 9, 9]), RANGE, SETTINGS)).toHaveLength(1);
  });

  it('when the gap is just over the limit, then the stretch is cut there', () => {
    const readings = [...series(0, 10, [9, 9]), { t: T0 + 20 * MIN + 1, c: 9 }];
    expect(detectExcursions(readings, RANGE, SETTINGS)).toEqual([]);
  });
});

describe('excursion detector: out-of-order readings', () => {
  it('when the batches arrive in any order, then the answer is the same', () => {
    const readings = series(0, 1, [4, 4, ...Array<number>(20).fill(11), 4]);
    const expected = detectExcursions(readings, RANGE, SETTINGS);
    const shuffled = [...readings].reverse();
    const interleaved = readings.filter((_, i) => i % 2 === 1).concat(readings.filter((_, i) => i % 2 === 0));
    expect(detectExcursions(shuffled, RANGE, SETTINGS)).toEqual(expected);
    expect(detectExcursions(interleaved, RANGE, SETTINGS)).toEqual(expected);
    expect(expected).toHaveLength(1);
  });

  it('when a late reading inside the range lands in a warm stretch, then it splits the stretch', () => {
    const warm = series(0, 5, [9, 9, 9, 9, 9, 9, 9]); // 0..30: one excursion of 30 min
    expect(detectExcursions(warm, RANGE, SETTINGS)).toHaveLength(1);
    const late = { t: T0 + 12 * MIN, c: 5 };
    const runs = detectExcursions([...warm, late], RANGE, SETTINGS);
    expect(runs.map((r) => (r.startMs - T0) / MIN)).toEqual([15]); // 0..10 is too short now; 15..30 remains
  });

  it('when a late warm reading fills the start, then the excursion starts earlier', () => {
    const [run] = detectExcursions([...series(5, 5, [9, 9, 9]), { t: T0, c: 9 }], RANGE, SETTINGS);
    expect(run?.startMs).toBe(T0);
  });
});

describe('excursion detector: duplicates', () => {
  it('when the same batch arrives twice, then nothing changes', () => {
    const readings = series(0, 5, [4, 9, 9, 9, 9, 4]);
    expect(detectExcursions([...readings, ...readings], RANGE, SETTINGS)).toEqual(
      detectExcursions(readings, RANGE, SETTINGS),
    );
    expect(detectExcursions([...readings, ...readings], RANGE, SETTINGS)[0]?.readings).toBe(4);
  });

  it('when one instant has two values, then the lower is kept whatever the arrival order', () => {
    const a = { t: T0, c: 9 };
    const b = { t: T0, c: 5 };
    expect(normalize([a, b])).toEqual([b]);
    expect(normalize([b, a])).toEqual([b]);
  });
});

describe('downsample', () => {
  it('when the series is short, then it is returned sorted and without duplicates', () => {
    const r = series(0, 1, [4, 5, 6]);
    expect(downsample([r[2]!, r[0]!, r[1]!, r[0]!], 10)).toEqual(r);
  });

  it('when the series is long, then at most maxPoints come back, in time order, keeping a one-reading peak', () => {
    const values = Array.from({ length: 2_000 }, (_, i) => 4 + Math.sin(i / 50));
    values[1_234] = 17.5;
    const out = downsample(series(0, 1, values), 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out.map((p) => p.t)).toEqual([...out.map((p) => p.t)].sort((x, y) => x - y));
    expect(Math.max(...out.map((p) => p.c))).toBe(17.5);
    expect(out[0]!.t).toBe(T0);
  });
});
