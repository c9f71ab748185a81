/**
 * The readings ingest bench: temperature loggers posting batches to the ingest (its own process) with the whole
 * system running (catalog, orders, logistics, the ingest, Kafka, the database server); logistics consumes the
 * readings, stores them in hour buckets per shipment and raises excursions, which are injected on purpose.
 *
 *   pnpm bench:ingest [--devices 50] [--rate 6000] [--duration 30] [--warmup 5] [--interval-ms 1000]
 *
 * Measures: readings accepted per second (sustained, and whether logistics' consumer kept up), reading -> excursion
 * event latency (from sending the batch holding the reading that makes an excursion last 15 minutes to the
 * temperature_excursion event on the shipments topic), and CPU per 1,000 readings per process. See bench/README.md.
 */
import { join } from 'node:path';
import { fromWire, Topics } from '../packages/contracts/src/index';
import { testEnv } from '@ftt/kit/testing';
import { groupLag } from '../packages/kit/src/kafka/lag';
import { root, ServiceProcess } from '../test/support/system';
import { crossingIndex, tripReadings, type InjectedExcursion, type SimReading } from './lib/cold-chain';
import { BENCH_RANGE, shipmentsWithLoggers } from './lib/ingest-world';
import { benchKafka, joined, kitLikeConsumer, sleep } from './lib/kafka';
import { machine, ProcSampler, serverPids } from './lib/proc';
import {
  benchArgs,
  numberOption as num,
  prepareServices,
  relPath as rel,
  RunGuard,
  RUNTIME_HELP,
  runtimeOption,
  serversAnswer,
  startingMachine,
} from './lib/run';
import { gitInfo, saveJsonFile } from './lib/run-info';
import { prng, round, roundSummary, summarize } from './lib/stats';
import { cleanupRun, startBenchSystem, type BenchSystem } from './lib/system';

const HELP = `pnpm bench:ingest [options]

  --devices <n>        loggers, each on its own shipment (default 50)
  --rate <n>           readings per second offered, over all loggers (default 6000)
  --duration <s>       measured seconds (default 30)
  --warmup <s>         seconds of load before measuring (default 5)
  --interval-ms <ms>   how often each logger sends a batch (default 1000; batch = rate x interval / devices, max 500)
  --step-s <s>         device time between two readings of a logger (default 10: a batch covers minutes of a trip)
  --excursion-every <n>  every n-th batch of a logger starts a 30-minute excursion (default 6)
  --settle <s>         after the load, how long to wait for the consumer to drain and the last excursions (default 30)
  --out <file.json>    result file (default bench/results/ingest-<timestamp>.json)
${RUNTIME_HELP}
  --log-level, --seed, --keep, --help as in the other benches`;

const a = benchArgs(HELP, {
  devices: { type: 'string', default: '50' },
  rate: { type: 'string', default: '6000' },
  duration: { type: 'string', default: '30' },
  warmup: { type: 'string', default: '5' },
  'interval-ms': { type: 'string', default: '1000' },
  'step-s': { type: 'string', default: '10' },
  'excursion-every': { type: 'string', default: '6' },
  settle: { type: 'string', default: '30' },
  out: { type: 'string' },
});
const devices = Math.round(num('devices', a.devices, 1, 2000));
const rate = num('rate', a.rate, 1, 200_000);
const duration = num('duration', a.duration, 1, 600);
const warmup = num('warmup', a.warmup, 0, 300);
const intervalMs = num('interval-ms', a['interval-ms'], 50, 60_000);
const stepMs = num('step-s', a['step-s'], 1, 600) * 1000;
const excursionEvery = Math.round(num('excursion-every', a['excursion-every'], 2, 10_000));
const settle = num('settle', a.settle, 1, 600);
const runtime = runtimeOption(a.runtime);
const batchSize = Math.max(1, Math.round((rate * intervalMs) / 1000 / devices));
if (batchSize > 500) {
  console.error(`a batch would hold ${batchSize} readings (max 500): raise --devices or lower --interval-ms`);
  process.exit(2);
}
const MIN_DURATION_MS = 15 * 60_000; // logistics' EXCURSION_MIN_MS default
const EXCURSION_READINGS = Math.ceil((30 * 60_000) / stepMs);
const startedAt = new Date();
const outJson =
  a.out ?? join(root, 'bench', 'results', `ingest-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
const log = (line: string) => console.log(line);
const guard = new RunGuard((5 * 60 + warmup + duration + settle * 2 + 120) * 1000, log);

interface Sent {
  device: number;
  batch: number;
  readings: number;
  sendAt: number;
  doneAt: number;
  status: number;
}

const main = async (): Promise<number> => {
  const t = testEnv('ingest');
  if (!(await serversAnswer(t))) return 2;
  log(
    `ingest bench: ${devices} loggers, ${rate} readings/s offered (${batchSize} per batch every ${intervalMs} ms each), ${warmup}s warmup + ${duration}s measured, runtime ${runtime}`,
  );
  await prepareServices(runtime, log);
  const { m, busy } = startingMachine(log);
  let sys: BenchSystem | undefined;
  let ingest: ServiceProcess | undefined;
  let sampler: ProcSampler | undefined;
  const kafka = benchKafka(`bench-ingest-${t.run}`, t.kafkaBrokers);
  const producer = kafka.producer();
  const consumer = kitLikeConsumer(kafka, `${t.topicPrefix}bench-excursions`);
  const admin = kafka.admin();
  const result: Record<string, unknown> = {
    startedAt: startedAt.toISOString(),
    command: `pnpm bench:ingest ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { ...m, busyAtStart: busy },
    git: gitInfo(root),
    options: { devices, rate, duration, warmup, intervalMs, stepMs, batchSize, excursionEvery, settle, runtime },
  };
  try {
    const env = { LOG_LEVEL: a['log-level'], OPEN_SHIPMENTS_LIMIT: '500' };
    sys = await startBenchSystem(t, env);
    // Loggers replay their trips ahead of the wall clock (minutes of device time per second).
    ingest = await new ServiceProcess(
      'logistics',
      t,
      { ...env, READINGS_MAX_FUTURE_MS: String(7 * 86_400_000) },
      1,
      'ingest-main.ts',
    ).start();
    const ing = ingest;
    const s = sys;
    guard.system = { ...s, killNow: () => (s.killNow(), void ing.kill()) };
    sampler = new ProcSampler(() => ({
      catalog: s.catalog.pid,
      orders: s.orders.pid,
      logistics: s.logistics.pid,
      ingest: ing.pid,
      ...serverPids(root),
    })).start(1000);
    log(`   system ready: catalog, orders, logistics ${s.logistics.url}, ingest ${ing.url}`);

    await producer.connect();
    await admin.connect();
    const loggers = await shipmentsWithLoggers(t, producer, s.logistics.url, devices);
    log(`   ${loggers.length} shipments claimed and picked up, each with a logger attached`);

    // Excursions as they arrive on the shipments topic: key shipment|start, first arrival time and how many.
    const raised = new Map<string, { at: number; count: number }>();
    const isJoined = joined(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [t.topicPrefix + Topics.shipments], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const at = performance.now();
        if (String(message.headers?.ce_type ?? '') !== 'ftt.logistics.shipment.temperature_excursion.v1')
          return;
        const d = fromWire({ value: message.value, headers: message.headers ?? {} });
        if (!d.ok || d.event.type !== 'ftt.logistics.shipment.temperature_excursion.v1') return;
        const key = `${d.event.data.shipmentId}|${d.event.data.at}`;
        const seen = raised.get(key);
        if (seen) seen.count++;
        else raised.set(key, { at, count: 1 });
      },
    });
    await isJoined;

    // Each logger's trip: a reading every stepMs of device time, a 30-minute excursion every excursionEvery batches.
    const batches = Math.ceil(((warmup + duration) * 1000) / intervalMs);
    const random = prng(Number(a.seed));
    const trips = loggers.map((l) => {
      const excursions: InjectedExcursion[] = [];
      for (let k = excursionEvery - 1; k < batches; k += excursionEvery)
        excursions.push({ from: k * batchSize, readings: EXCURSION_READINGS, aboveC: 4 });
      const readings = tripReadings({
        range: BENCH_RANGE,
        startMs: l.fromMs + 1_000,
        stepMs,
        count: batches * batchSize + EXCURSION_READINGS,
        excursions,
        doorEvery: 60,
        random,
      });
      return { ...l, readings, excursions };
    });

    const sent: Sent[] = [];
    const t0 = performance.now() + 500;
    const measureFrom = t0 + warmup * 1000;
    const measureTo = measureFrom + duration * 1000;
    log(`   load: ${batches} batches per logger`);
    const drive = async (d: number) => {
      const trip = trips[d]!;
      for (let k = 0; k < batches && !guard.aborted; k++) {
        const due = t0 + (d * intervalMs) / devices + k * intervalMs;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const batch: SimReading[] = trip.readings.slice(k * batchSize, (k + 1) * batchSize);
        const sendAt = performance.now();
        let status = 0;
        try {
          const r = await fetch(`${ingest!.url}/readings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: trip.auth },
            body: JSON.stringify({ readings: batch }),
          });
          status = r.status;
          await r.arrayBuffer();
        } catch {
          status = -1;
        }
        sent.push({ device: d, batch: k, readings: batch.length, sendAt, doneAt: performance.now(), status });
      }
    };
    await Promise.all(loggers.map((_, d) => drive(d)));
    const loadEnd = performance.now();

    // Did logistics keep up? Its readings group's lag after the load, until drained (bounded by --settle).
    const group = `${t.topicPrefix}logistics-readings`;
    const lagAtEnd = (await groupLag(admin, group, [t.topicPrefix + Topics.readings])).reduce(
      (n, p) => n + p.lag,
      0,
    );
    let drainedAt: number | undefined;
    while (performance.now() - loadEnd < settle * 1000 && !guard.aborted) {
      const lag = (await groupLag(admin, group, [t.topicPrefix + Topics.readings])).reduce(
        (n, p) => n + p.lag,
        0,
      );
      if (lag === 0) {
        drainedAt = performance.now();
        break;
      }
      await sleep(250);
    }
    const window = sampler.window(t0, drainedAt ?? performance.now());

    // The excursions expected (crossing reading sent in the measured window) and their latency.
    const expected = trips.flatMap((trip, d) =>
      trip.excursions.map((e) => {
        const crossing = crossingIndex(e, stepMs, MIN_DURATION_MS);
        const batch = Math.floor(crossing / batchSize);
        const send = sent.find((x) => x.device === d && x.batch === batch);
        return {
          key: `${trip.shipmentId}|${trip.readings[e.from]!.t}`,
          sendAt: send?.sendAt,
          status: send?.status,
        };
      }),
    );
    const due = expected.filter((e) => e.sendAt !== undefined && e.status === 202);
    const settleUntil = performance.now() + settle * 1000;
    while (due.some((e) => !raised.has(e.key)) && performance.now() < settleUntil && !guard.aborted)
      await sleep(250);
    await sleep(1_000); // a late duplicate would show now
    const measuredExcursions = due.filter((e) => e.sendAt! >= measureFrom && e.sendAt! < measureTo);
    const latencies = measuredExcursions.flatMap((e) => {
      const r = raised.get(e.key);
      return r ? [r.at - e.sendAt!] : [];
    });
    const missing = due.filter((e) => !raised.has(e.key)).length;
    const duplicates = [...raised.values()].filter((r) => r.count > 1).length;
    const unexpected = [...raised.keys()].filter((k) => !expected.some((e) => e.key === k)).length;

    const inWindow = sent.filter((x) => x.sendAt >= measureFrom && x.sendAt < measureTo);
    const accepted = inWindow.filter((x) => x.status === 202).reduce((n, x) => n + x.readings, 0);
    const failedBatches = sent.filter((x) => x.status !== 202).length;
    const allAccepted = sent.filter((x) => x.status === 202).reduce((n, x) => n + x.readings, 0);
    const readingsPerSecond = accepted / duration;
    const httpMs = summarize(inWindow.map((x) => x.doneAt - x.sendAt));
    const lateSends = inWindow.filter(
      (x, i) =>
        i > 0 && x.sendAt - (t0 + (x.device * intervalMs) / devices + x.batch * intervalMs) > intervalMs,
    ).length;
    const drainSeconds = drainedAt === undefined ? null : round((drainedAt - loadEnd) / 1000, 1);
    const latency = summarize(latencies);
    const cpuPer1000 = Object.fromEntries(
      Object.entries(window.processes).map(([name, p]) => [
        name,
        p.cpuSeconds === null || allAccepted === 0
          ? null
          : round((p.cpuSeconds * 1000) / (allAccepted / 1000), 1),
      ]),
    );
    const loadAverage = machine().loadAverage;
    Object.assign(result, {
      readings: {
        offeredPerSecond: rate,
        acceptedInWindow: accepted,
        acceptedTotal: allAccepted,
        failedBatches,
        lateSends,
      },
      throughput: { readingsPerSecond: round(readingsPerSecond, 0) },
      httpMs: roundSummary(httpMs),
      consumer: { lagAtLoadEnd: lagAtEnd, drainSeconds },
      excursions: {
        injected: expected.length,
        sentCrossing: due.length,
        measured: measuredExcursions.length,
        raised: raised.size,
        missing,
        duplicates,
        unexpected,
        latencyMs: roundSummary(latency),
      },
      cpuMsPer1000Readings: cpuPer1000,
      resources: window,
      loadAverageAtEnd: loadAverage,
    });

    const verdicts = [
      {
        target: '>= 5,000 readings/s sustained',
        value: `${round(readingsPerSecond, 0)}/s accepted, ${failedBatches} failed batches, consumer drained ${drainSeconds ?? '-'} s after the load`,
        pass: readingsPerSecond >= 5000 && failedBatches === 0 && drainSeconds !== null && drainSeconds <= 10,
      },
      {
        target: 'p99 reading -> excursion event <= 1 s',
        value: `p50 ${round(latency.p50, 0)} ms, p99 ${round(latency.p99, 0)} ms over ${latency.count} excursions`,
        pass: latency.count > 0 && latency.p99 <= 1000,
      },
      {
        target: 'every excursion raised exactly once',
        value: `${raised.size} raised for ${due.length} injected, ${missing} missing, ${duplicates} twice, ${unexpected} unexpected`,
        pass: missing === 0 && duplicates === 0 && unexpected === 0,
      },
    ];
    result.targets = verdicts;
    result.finishedAt = new Date().toISOString();
    saveJsonFile(outJson, result);

    log('\n== results');
    log(
      `${'readings/s'.padEnd(12)}${'http p50'.padStart(10)}${'http p99'.padStart(10)}${'drain s'.padStart(9)}${'exc p50'.padStart(9)}${'exc p99'.padStart(9)}${'exc max'.padStart(9)}`,
    );
    log(
      `${String(round(readingsPerSecond, 0)).padEnd(12)}${String(round(httpMs.p50, 1)).padStart(10)}${String(round(httpMs.p99, 1)).padStart(10)}${String(drainSeconds ?? '-').padStart(9)}${String(round(latency.p50, 0)).padStart(9)}${String(round(latency.p99, 0)).padStart(9)}${String(round(latency.max, 0)).padStart(9)}`,
    );
    log('\nCPU ms per 1,000 readings (whole load, warmup included, until the consumer drained):');
    log(
      Object.entries(cpuPer1000)
        .map(
          ([k, v]) =>
            `  ${k.padEnd(10)} ${String(v ?? '-').padStart(8)}   (${window.processes[k]?.cpuPercent ?? '-'} % of a core)`,
        )
        .join('\n'),
    );
    log('\ntargets:');
    for (const v of verdicts) log(`  ${v.pass ? 'PASS' : 'FAIL'}  ${v.target.padEnd(40)} ${v.value}`);
    log(
      `\nload average at start ${m.loadAverage.join(' ')}, at end ${loadAverage.join(' ')} (${m.cpus} CPUs)`,
    );
    if (busy || loadAverage[0]! > m.cpus * 0.5)
      log('WARNING: the machine was busy during the run; the figures are not representative.');
    log(`result: ${rel(outJson)}`);
    return 0;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    sampler?.stop();
    await ingest?.stop();
    await sys?.stop();
    guard.system = undefined;
    if (!a.keep) {
      const problems = await cleanupRun(t, ['catalog', 'orders', 'logistics']);
      if (problems.length) log(`   cleanup: ${problems.join('; ')}`);
    }
  }
};

guard.finish(main);
