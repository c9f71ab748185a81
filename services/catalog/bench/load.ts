/** A fixed number of GET requests at a fixed concurrency over keep-alive loopback connections. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export const runLoad = async (
  base: string,
  paths: string[],
  o: { requests: number; concurrency: number; maxSeconds: number },
): Promise<LoadResult> => {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const deadline = Date.now() + o.maxSeconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (next < o.requests && Date.now() < deadline) {
      const path = paths[next++ % paths.length]!;
      const t = performance.now();
      const res = await fetch(base + path).catch(() => null);
      if (!res || res.status !== 200) errors++;
      await res?.arrayBuffer();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
};
