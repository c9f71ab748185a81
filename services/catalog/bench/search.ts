/**
 * Search benchmark: seeds 10,000 listings into a fresh database, then measures the catalog's
 * GET /listings (filter + sort + first page) against a bare express + mongoose handler running the
 * same query over the same data, with a fixed request count at a fixed concurrency on loopback.
 * Prints figures; asserts nothing about them. Env: MONGO_URL, KAFKA_BROKERS, BENCH_LISTINGS (10000),
 * BENCH_REQUESTS (100), BENCH_CONCURRENCY (2), BENCH_MAX_SECONDS (240 per side, plus up to 180 s for
 * requests still running to finish), MONGO_POOL_SIZE (10: the catalog's pool, and the
 * baseline's, so both read through the same number of connections).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import mongoose from 'mongoose';
import { newListingDocument } from '../src/data/listing-record';
import { startCatalog } from '../src/service';
import { startBaseline } from './baseline';
import { benchListings, REGIONS } from './data';
import { merge, runLoad, type LoadResult } from './load';

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const N = num('BENCH_LISTINGS', 10_000);
const opts = {
  requests: num('BENCH_REQUESTS', 100),
  concurrency: num('BENCH_CONCURRENCY', 2),
  maxSeconds: num('BENCH_MAX_SECONDS', 240),
  graceSeconds: 180,
};
const poolSize = num('MONGO_POOL_SIZE', 10);

const run = randomBytes(3).toString('hex');
const mongoUrl = new URL(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
mongoUrl.pathname = `/bench_search_${run}`;

const conn = await mongoose.createConnection(mongoUrl.toString(), { maxPoolSize: poolSize }).asPromise();
const listings = conn.db!.collection('listings');

const t = performance.now();
const data = benchListings(N, Math.max(10, Math.round(N / 40)));
for (let i = 0; i < data.length; i += 500) {
  await listings.insertMany(
    data.slice(i, i + 500).map(({ listing, available }) => ({
      ...newListingDocument(listing, available),
      _id: listing.id as never,
      version: listing.version,
      outbox: [],
      outboxPending: 0,
      outboxLeaseUntil: null,
      processedEventIds: [],
    })),
  );
}
console.log(`seeded ${N} listings in ${((performance.now() - t) / 1000).toFixed(1)} s (database ${mongoUrl.pathname.slice(1)})`);

// Whatever happens next, the benchmark database goes away.
const cleanup = async () => {
  await conn.db!.dropDatabase().catch(() => undefined);
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));

const catalog = await startCatalog({
  NODE_ENV: 'production',
  PORT: '0',
  LOG_LEVEL: 'warn',
  MONGO_URL: mongoUrl.toString(),
  MONGO_POOL_SIZE: String(poolSize),
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  TOPIC_PREFIX: `bench.${run}.`,
  // search is public: no token is verified, so identity's key set is never fetched (nothing listens there)
  AUTH_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
  SWEEP_INTERVAL_MS: '60000',
});
const baseline = await startBaseline(conn);

// A buyer's typical search: a category in their region, under a price, in stock, cheapest first.
const paths = ['vegetables', 'fruit', 'herbs', 'eggs', 'honey'].flatMap((category) =>
  REGIONS.map((region) => `/listings?category=${category}&region=${encodeURIComponent(region)}&maxPrice=1200&inStock=true&sort=price&limit=20`),
);

// Same answers, or the comparison means nothing.
for (const p of paths.slice(0, 1)) {
  const a = (await (await fetch(catalog.url + p, { signal: AbortSignal.timeout(300_000) })).json()) as { items: { id: string }[] };
  const b = (await (await fetch(baseline.url + p, { signal: AbortSignal.timeout(300_000) })).json()) as { items: { _id: string }[] };
  const same = JSON.stringify(a.items.map((i) => i.id)) === JSON.stringify(b.items.map((i) => i._id));
  if (!same || a.items.length === 0) throw new Error(`catalog and baseline disagree on ${p}`);
}

const warm = { requests: opts.concurrency, concurrency: opts.concurrency, maxSeconds: 60, graceSeconds: 180 };
await runLoad(catalog.url, paths, warm);
await runLoad(baseline.url, paths, warm);
// ABBA: each side runs twice with half the budget, in the order catalog, bare, bare, catalog, so a
// machine whose load drifts during the run (other processes, FerretDB's own work) favours neither.
const half = { ...opts, requests: Math.ceil(opts.requests / 2), maxSeconds: opts.maxSeconds / 2 };
const c1 = await runLoad(catalog.url, paths, half);
const b1 = await runLoad(baseline.url, paths, half);
const b2 = await runLoad(baseline.url, paths, half);
const c2 = await runLoad(catalog.url, paths, half);
const results: [string, LoadResult][] = [
  ['catalog GET /listings', merge([c1, c2])],
  ['bare express+mongoose', merge([b1, b2])],
];

console.log(`\nload ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs; ${opts.requests} requests per side, concurrency ${opts.concurrency}, read pool ${poolSize} each, loopback, ${N} listings`);
console.log('side                      done  errors  cut off  seconds    req/s   p50 ms   p99 ms');
for (const [name, r] of results) {
  const cells = [r.requests, r.errors, r.unfinished, r.seconds.toFixed(1), r.rps.toFixed(1), r.p50.toFixed(1), r.p99.toFixed(1)];
  console.log(`${name.padEnd(24)}${cells.map((c, i) => String(c).padStart([6, 8, 9, 9, 9, 9, 9][i]!)).join('')}`);
}
const [c, b] = [results[0]![1], results[1]![1]];
console.log(`\nratio catalog/baseline: throughput ${(c.rps / b.rps).toFixed(2)}x, p50 ${(c.p50 / b.p50).toFixed(2)}x, p99 ${(c.p99 / b.p99).toFixed(2)}x`);

await catalog.stop();
await baseline.close();
await cleanup();
await conn.close();
