/** Percentiles, summaries and log-scale histograms of latencies in milliseconds. */

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (q in 0..100); NaN when empty. */
export const percentile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
};

export const summarize = (values: readonly number[]): Summary => {
  const s = [...values].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    count: s.length,
    min: s[0] ?? Number.NaN,
    mean: s.length ? sum / s.length : Number.NaN,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? Number.NaN,
  };
};

/** Rounded for JSON and tables (NaN becomes null in JSON anyway; keep it explicit). */
export const round = (v: number, digits = 1): number | null =>
  Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null;

export const roundSummary = (s: Summary) => ({
  count: s.count,
  min: round(s.min),
  mean: round(s.mean),
  p50: round(s.p50),
  p95: round(s.p95),
  p99: round(s.p99),
  max: round(s.max),
});

/** Bucket edges: BUCKETS_PER_DECADE per factor of ten, from 0.1 ms to 100 s. */
export const BUCKETS_PER_DECADE = 10;
export const HIST_MIN_MS = 0.1;
export const HIST_MAX_MS = 100_000;
export const bucketEdges = (): number[] => {
  const edges: number[] = [];
  const decades = Math.log10(HIST_MAX_MS / HIST_MIN_MS);
  for (let i = 0; i <= decades * BUCKETS_PER_DECADE; i++) {
    edges.push(HIST_MIN_MS * 10 ** (i / BUCKETS_PER_DECADE));
  }
  return edges;
};

/** Counts per log bucket; the first bucket also holds values below the range, the last those above. */
export const histogram = (values: readonly number[]): { edges: number[]; counts: number[] } => {
  const edges = bucketEdges();
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const v of values) {
    const i = Math.floor(Math.log10(Math.max(v, HIST_MIN_MS) / HIST_MIN_MS) * BUCKETS_PER_DECADE);
    counts[Math.min(counts.length - 1, Math.max(0, i))]!++;
  }
  return { edges, counts };
};

/** A small deterministic PRNG (mulberry32), so a run's order mix is reproducible from its seed. */
export const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
