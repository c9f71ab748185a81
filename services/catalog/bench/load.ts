/** A fixed number of GET requests at a fixed concurrency over keep-alive loopback connections. */
export interface LoadResult {
  /** Requests that completed (any status); their latencies are the sample. */
  requests: number;
  errors: number;
  /** Requests still running at the hard cap, aborted and left out of the sample. */
  unfinished: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  latencies: number[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * Bounded in count (o.requests) and in time: no request starts after o.maxSeconds, and the ones
 * running then may finish within o.graceSeconds, after which they are aborted. Letting them finish
 * matters: an aborted HTTP request does not stop its database query, which would otherwise still be
 * running (and slowing the database) while the next side is measured.
 */
export const runLoad = async (
  base: string,
  paths: string[],
  o: { requests: number; concurrency: number; maxSeconds: number; graceSeconds: number },
): Promise<LoadResult> => {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let unfinished = 0;
  const stopIssuing = Date.now() + o.maxSeconds * 1000;
  const hardCap = AbortSignal.timeout((o.maxSeconds + o.graceSeconds) * 1000);
  const started = performance.now();
  const worker = async () => {
    while (next < o.requests && Date.now() < stopIssuing) {
      const path = paths[next++ % paths.length]!;
      const t = performance.now();
      try {
        const res = await fetch(base + path, { signal: hardCap });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
        latencies.push(performance.now() - t);
      } catch {
        if (hardCap.aborted) unfinished++;
        else errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    unfinished,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    latencies,
  };
};

/** One side's figures over several runs (ABBA order spreads a drifting machine load over both sides). */
export const merge = (runs: LoadResult[]): LoadResult => {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  return {
    requests: latencies.length,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    unfinished: runs.reduce((n, r) => n + r.unfinished, 0),
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    latencies,
  };
};
