/**
 * The saga load generator: orders at a fixed arrival rate through the real services (three OS
 * processes), Kafka and the database server; per order the time from POST to order.confirmed and to
 * shipment.created; the floor (a bare Kafka hop, a bare database update) measured in the same run.
 *
 *   pnpm bench:saga [--rate 100,200] [--duration 60] [--warmup 10] [--telemetry on|off|both] [--out f.json]
 *
 * See bench/README.md for the method and how to read the results.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { connectMongo } from '@ftt/kit';
import { testEnv } from '@ftt/kit/testing';
import { Topics } from '../packages/contracts/src/topics';
import { root } from '../test/support/system';
import { perOrder, scrapeCommands } from './lib/db-commands';
import { measureKafkaHop, measureMongoUpdates } from './lib/floor';
import { benchKafka } from './lib/kafka';
import { OrderDriver, seedWorld } from './lib/load';
import { SagaObserver } from './lib/observer';
import { runPhase, type PhaseResult } from './lib/phase';
import { machine, ProcSampler, serverPids } from './lib/proc';
import {
  HOPS_TO_CONFIRMED,
  HOPS_TO_SHIPMENT,
  P99_TARGET_MS,
  ratios,
  recoverySeconds,
  stageTable,
  table,
  targets,
  telemetryComparison,
  type Floor,
} from './lib/report';
import { prng } from './lib/stats';
import { callTree, flameSvg, readProfile, topSelf } from './lib/flame';
import { histogramSvg, timelineSvg } from './lib/svg';
import { gitInfo, saveJsonFile } from './lib/run-info';
import {
  numberOption as num,
  relPath as rel,
  RunGuard,
  benchArgs,
  prepareServices,
  RUNTIME_HELP,
  runtimeOption,
  sampleSystem,
  serversAnswer,
  startingMachine,
} from './lib/run';
import { cleanupRun, dbUrl, SERVICES, startBenchSystem, type BenchSystem } from './lib/system';

const HELP = `pnpm bench:saga [options]

  --rate <n[,n...]>        orders per second; several rates run one after another on the same system (default 100,200)
  --duration <s>           measured seconds per rate (default 60)
  --warmup <s>             seconds at the rate before measuring (default 10)
  --settle <s>             after the last order, how long to wait for stragglers before counting them stuck (default 30)
  --telemetry <mode>       on | off | both: a fresh system per mode, OTEL_SDK_DISABLED=true when off (default both)
  --out <file.json>        result file (default bench/results/<timestamp>.json; the SVG is written next to it)
  --lines <n>              order lines per order, each from a different farm (= shipments per order) (default 1)
  --farms <n>              farms to seed (default 4)
  --listings <n>           published listings per farm (default 5)
  --buyers <n>             distinct buyers placing orders (default 20)
  --floor-hops <n>         messages for the Kafka hop floor (default 500)
  --floor-db-seconds <s>   seconds per database update floor measurement (default 3)
  --floor-db-concurrency <n>  concurrent updaters in the database floor (default 4)
  --log-level <level>      the services' LOG_LEVEL (default info, as in production)
  --seed <n>               PRNG seed of the order mix (default 1)
  --overload <n>           after the rates, an overload phase: n orders/s for --overload-seconds, then --recover-rate
                           for --recover-seconds; reports refused (503) vs accepted-then-unconfirmed and the recovery
                           timeline (SVG) (default 0: none)
  --overload-seconds <s>   (default 30)
  --recover-rate <n>       (default 50)
  --recover-seconds <s>    (default 60)
  --count-commands <on|off>  the services count their database commands by collection (driver command monitoring,
                           which costs them CPU: use it for the breakdown, not for capacity) (default off; the
                           database server's own operation counters are always reported)
  --profile                run the services with --cpu-prof and write a flame graph SVG per service next to the result
  --keep                   keep the run's databases and topics (default: dropped at the end)
${RUNTIME_HELP}
  --check                  exit 1 when a target fails
  --help`;

const a = benchArgs(HELP, {
  rate: { type: 'string', default: '100,200' },
  duration: { type: 'string', default: '60' },
  warmup: { type: 'string', default: '10' },
  settle: { type: 'string', default: '30' },
  telemetry: { type: 'string', default: 'both' },
  out: { type: 'string' },
  lines: { type: 'string', default: '1' },
  farms: { type: 'string', default: '4' },
  listings: { type: 'string', default: '5' },
  buyers: { type: 'string', default: '20' },
  'floor-hops': { type: 'string', default: '500' },
  'floor-db-seconds': { type: 'string', default: '3' },
  'floor-db-concurrency': { type: 'string', default: '4' },
  check: { type: 'boolean', default: false },
  overload: { type: 'string', default: '0' },
  'overload-seconds': { type: 'string', default: '30' },
  'recover-rate': { type: 'string', default: '50' },
  'recover-seconds': { type: 'string', default: '60' },
  profile: { type: 'boolean', default: false },
  'count-commands': { type: 'string', default: 'off' },
});
if (!['on', 'off'].includes(a['count-commands'])) {
  console.error('--count-commands must be on or off');
  process.exit(2);
}

const rates = a.rate.split(',').map((r) => num('rate', r.trim(), 0.1, 5000));
const duration = num('duration', a.duration, 1, 3600);
const warmup = num('warmup', a.warmup, 0, 600);
const settle = num('settle', a.settle, 1, 600);
const lines = Math.round(num('lines', a.lines, 1, 50));
const farms = Math.round(num('farms', a.farms, 1, 100));
const listingsPerFarm = Math.round(num('listings', a.listings, 1, 100));
const buyers = Math.round(num('buyers', a.buyers, 1, 1000));
const floorHops = Math.round(num('floor-hops', a['floor-hops'], 10, 100_000));
const floorDbSeconds = num('floor-db-seconds', a['floor-db-seconds'], 0.5, 120);
const floorDbConcurrency = Math.round(num('floor-db-concurrency', a['floor-db-concurrency'], 1, 64));
const seed = Math.round(num('seed', a.seed, 0, 2 ** 31));
const overload = num('overload', a.overload, 0, 5000);
const overloadSeconds = num('overload-seconds', a['overload-seconds'], 1, 600);
const recoverRate = num('recover-rate', a['recover-rate'], 0.1, 5000);
const recoverSeconds = num('recover-seconds', a['recover-seconds'], 1, 600);
if (!['on', 'off', 'both'].includes(a.telemetry)) {
  console.error('--telemetry must be on, off or both');
  process.exit(2);
}
if (lines > farms) {
  console.error(`--lines ${lines} needs at least as many --farms (each line is from another farm)`);
  process.exit(2);
}
const runtime = runtimeOption(a.runtime);
const modes: ('on' | 'off')[] = a.telemetry === 'both' ? ['on', 'off'] : [a.telemetry as 'on' | 'off'];

const startedAt = new Date();
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const outJson = a.out ?? join(root, 'bench', 'results', `${stamp}.json`);
const outSvg = `${outJson.replace(/\.json$/, '')}-histogram.svg`;
const outBase = outJson.replace(/\.json$/, '');
// --profile: every service writes a V8 CPU profile when it stops (node refuses --cpu-prof in NODE_OPTIONS).
const profileDir = `${outBase}-profiles`;
if (a.profile) process.env.FTT_SERVICE_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${profileDir}`;

const log = (line: string) => console.log(line);

// Every loop below is bounded; this bounds the whole run as well (startup, floor, phases, settling).
const budgetMs =
  (5 * 60 +
    modes.length *
      (3 * 60 +
        rates.reduce((s) => s + warmup + duration + settle + 15, 0) +
        (overload > 0 ? overloadSeconds + recoverSeconds + settle + 15 : 0))) *
  1000;
const guard = new RunGuard(budgetMs, log);

const git = () => gitInfo(root);

const saveJson = (v: unknown) => saveJsonFile(outJson, v);

const main = async (): Promise<number> => {
  const env = testEnv('bench');
  if (!(await serversAnswer(env))) return 2;
  log(
    `saga bench: rates ${rates.join(', ')}/s, ${warmup}s warmup + ${duration}s measured each, telemetry ${modes.join(' then ')}, runtime ${runtime}`,
  );
  await prepareServices(runtime, log);
  const { m, busy } = startingMachine(log);

  const result: Record<string, unknown> & {
    phases: (PhaseResult & { ratios?: unknown; dbCommandsPerOrder?: unknown; serverOpsPerOrder?: unknown })[];
  } = {
    startedAt: startedAt.toISOString(),
    command: `pnpm bench:saga ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { ...m, busyAtStart: busy },
    git: git(),
    options: {
      rates,
      duration,
      warmup,
      settle,
      telemetry: modes,
      lines,
      farms,
      listingsPerFarm,
      buyers,
      seed,
      logLevel: a['log-level'],
      runtime,
    },
    hops: { toConfirmed: HOPS_TO_CONFIRMED, toShipment: HOPS_TO_SHIPMENT },
    floor: undefined,
    phases: [],
    systems: [],
  };
  let floor: Floor | undefined;
  // The database server's operation counters (serverStatus opcounters), read around each phase.
  const admin = await connectMongo(dbUrl(env, 'benchfloor'), 1);
  const serverOps = async (): Promise<Record<string, number> | null> => {
    try {
      const r = await admin.db!.admin().command({ serverStatus: 1 });
      return Object.fromEntries(Object.entries((r.opcounters ?? {}) as Record<string, unknown>).map(([k, v]) => [k, Number(v)]));
    } catch {
      return null;
    }
  };
  const profiled = new Map<number | undefined, { service: string; mode: string }>();

  for (const mode of modes) {
    if (guard.aborted) break;
    const t = mode === modes[0] ? env : testEnv('bench');
    log(
      `\n== telemetry ${mode}: starting catalog, orders, logistics (run ${t.run}, topic prefix ${t.topicPrefix})`,
    );
    let sys: BenchSystem | undefined;
    let observer: SagaObserver | undefined;
    let driver: OrderDriver | undefined;
    let sampler: ProcSampler | undefined;
    const t0 = performance.now();
    try {
      sys = await startBenchSystem(t, {
        OTEL_SDK_DISABLED: mode === 'off' ? 'true' : 'false',
        // Counting needs the metrics, which exist only with telemetry on.
        MONGO_COMMAND_STATS: mode === 'on' && a['count-commands'] === 'on' ? 'on' : 'off',
        LOG_LEVEL: a['log-level'],
      });
      guard.system = sys;
      const s = sys;
      for (const name of SERVICES) profiled.set(s[name].pid, { service: name, mode });
      const servers = serverPids(root);
      sampler = sampleSystem(sys, servers);
      log(
        `   ready in ${((performance.now() - t0) / 1000).toFixed(1)}s: catalog ${s.catalog.url} (pid ${s.catalog.pid}), orders ${s.orders.url} (pid ${s.orders.pid}), logistics ${s.logistics.url} (pid ${s.logistics.pid})`,
      );

      observer = new SagaObserver(benchKafka(`bench-observer-${t.run}`, t.kafkaBrokers), t.topicPrefix);
      await observer.start([Topics.orders, Topics.stock, Topics.shipments]);
      const world = await seedWorld(t, s.catalog.url, { farms, listingsPerFarm, stock: 1_000_000 });
      log(
        `   seeded ${world.farms.length} farms, ${world.listings.length} published listings with 1,000,000 units each`,
      );
      driver = new OrderDriver({
        t,
        ordersUrl: s.orders.url,
        observer,
        world,
        lines,
        random: prng(seed), // the same order mix in every mode
        payTimeoutMs: Math.max(settle + 30, 180) * 1000, // covers the probes too
        httpTimeoutMs: 30_000,
      });
      guard.driver = driver;
      if (guard.aborted) driver.stopped = true;
      await driver.init(buyers);
      const probes = await driver.probe(180_000);
      log(
        `   orders knows every listing; ${probes.length} probe orders went all the way to shipment created`,
      );

      if (!floor && !guard.aborted) {
        log('   floor: bare Kafka hop (acks -1, consumer maxWait 250 ms, minBytes 1), serial ...');
        const kafka = await measureKafkaHop({
          brokers: t.kafkaBrokers,
          topicPrefix: t.topicPrefix,
          count: floorHops,
          timeoutMs: 120_000,
        });
        log(
          `   floor: hop p50 ${kafka.hopMs.p50} ms, p99 ${kafka.hopMs.p99} ms over ${kafka.messages} messages (${kafka.lost} lost)`,
        );
        log('   floor: database single-document $inc via connectMongo ...');
        const mongo = await measureMongoUpdates({
          mongoUrl: dbUrl(t, 'benchfloor'),
          ms: floorDbSeconds * 1000,
          concurrency: floorDbConcurrency,
        });
        log(
          `   floor: ${mongo.serial.updatesPerSecond} updates/s serial, ${mongo.concurrentOneConnection.updatesPerSecond}/s with ${floorDbConcurrency} callers on one connection, ` +
            `${mongo.concurrentManyConnections.updatesPerSecond}/s on ${floorDbConcurrency} connections (${mongo.concurrentManyConnections.lostUpdates} updates lost)`,
        );
        floor = { kafka, mongo };
        result.floor = {
          kafkaHop: { messages: kafka.messages, lost: kafka.lost, latencyMs: kafka.hopMs },
          hopFloorToConfirmedMs: {
            p50: kafka.hopMs.p50 === null ? null : kafka.hopMs.p50 * HOPS_TO_CONFIRMED,
            p99: kafka.hopMs.p99 === null ? null : kafka.hopMs.p99 * HOPS_TO_CONFIRMED,
          },
          hopFloorToShipmentMs: {
            p50: kafka.hopMs.p50 === null ? null : kafka.hopMs.p50 * HOPS_TO_SHIPMENT,
            p99: kafka.hopMs.p99 === null ? null : kafka.hopMs.p99 * HOPS_TO_SHIPMENT,
          },
          databaseUpdates: mongo,
          measuredWith: `telemetry-${mode} system idle on the same broker and database server`,
        };
      }

      const measure = async (rate: number, schedule?: { rate: number; seconds: number }[]) => {
        log(
          schedule
            ? `\n-- telemetry ${mode} overload: ${schedule.map((x) => `${x.rate}/s for ${x.seconds}s`).join(', then ')}; up to ${settle}s to settle`
            : `\n-- telemetry ${mode} @${rate}/s: ${warmup}s warmup, ${duration}s measured, up to ${settle}s to settle`,
        );
        const urls = { catalog: s.catalog.url, orders: s.orders.url, logistics: s.logistics.url };
        const commandsBefore = await scrapeCommands(urls);
        const serverBefore = await serverOps();
        const placedBefore = driver!.records.length;
        const phase = await runPhase({
          telemetry: mode,
          rate,
          warmupSeconds: schedule ? 0 : warmup,
          durationSeconds: schedule ? schedule.reduce((t, x) => t + x.seconds, 0) : duration,
          ...(schedule ? { schedule } : {}),
          settleSeconds: settle,
          driver: driver!,
          sampler: sampler!,
          services: SERVICES,
          aborted: guard.isAborted,
          log,
        });
        // Per order accepted (201): refused ones (503) store nothing.
        const placed = driver!.records.slice(placedBefore).filter((r) => r.status === 201).length;
        const dbCommandsPerOrder = perOrder(commandsBefore, await scrapeCommands(urls), placed);
        const serverAfter = await serverOps();
        // The database server's own counters (every client; during a phase only the services use it).
        const serverOpsPerOrder =
          serverBefore && serverAfter
            ? Object.fromEntries(
                Object.entries(serverAfter)
                  .map(([k, v]) => [k, Math.round(((v - (serverBefore[k] ?? 0)) / Math.max(placed, 1)) * 10) / 10] as const)
                  .filter(([, v]) => v > 0),
              )
            : null;
        if (serverOpsPerOrder)
          log(
            `   database server operations per order: ${Object.values(serverOpsPerOrder)
              .reduce((x, y) => x + y, 0)
              .toFixed(1)} (${Object.entries(serverOpsPerOrder)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')})`,
          );
        if (dbCommandsPerOrder) {
          const d = dbCommandsPerOrder;
          log(`   Kafka messages per order: ${d.kafka.published} published, ${d.kafka.consumed} handled by the services' consumers`);
          if (d.total > 0)
            log(
              `   database commands per order (counted by the services): ${d.total} (${Object.entries(d.byCommand)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')})\n   by service and collection: ${Object.entries(d.detail)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`,
            );
        }
        result.phases.push({ ...phase, dbCommandsPerOrder, serverOpsPerOrder, ratios: ratios(phase, floor) });
        saveJson(result);
        if (phase.orders.lostOrStuck > 0) {
          log(
            `   ${phase.orders.lostOrStuck} measured orders lost or stuck: ${JSON.stringify(phase.orders.stuckStages)}; failures ${JSON.stringify(phase.orders.failures)}`,
          );
        }
      };
      for (const rate of rates) {
        if (guard.aborted) break;
        await measure(rate);
      }
      if (overload > 0 && !guard.aborted)
        await measure(recoverRate, [
          { rate: overload, seconds: overloadSeconds },
          { rate: recoverRate, seconds: recoverSeconds },
        ]);
      const life = sampler.window(0, performance.now());
      (result.systems as unknown[]).push({
        telemetry: mode,
        run: t.run,
        logs: `test-results/logs/${t.run}-<service>-1-1.log`,
        maxRssMbOverLifetime: Object.fromEntries(
          Object.entries(life.processes).map(([k, v]) => [k, v.maxRssMb]),
        ),
        ordersPlaced: driver.records.length,
      });
    } finally {
      if (driver) driver.stopped = true;
      guard.driver = undefined;
      await observer?.stop();
      if (sys) {
        log(`   stopping the telemetry-${mode} services`);
        await sys.stop();
      }
      guard.system = undefined;
      sampler?.stop();
      if (!a.keep) {
        const problems = await cleanupRun(t, [...SERVICES, 'benchfloor']);
        if (problems.length) log(`   cleanup: ${problems.join('; ')}`);
      }
    }
  }

  await admin.close();
  const comparison = telemetryComparison(result.phases, m.cpus);
  const verdicts = targets(result.phases, floor, comparison);
  result.targets = verdicts;
  result.telemetryComparison = comparison;
  result.aborted = guard.aborted ? guard.reason : false;
  result.finishedAt = new Date().toISOString();
  result.machine = { ...(result.machine as object), loadAverageAtEnd: machine().loadAverage };
  saveJson(result);

  if (result.phases.length) {
    const panels = result.phases.map((p) => ({
      title: `telemetry ${p.telemetry} @${p.rate}/s: ${p.orders.measured} orders, p50 ${p.latencyMs.postToConfirmed.p50 ?? '-'} ms, p99 ${p.latencyMs.postToConfirmed.p99 ?? '-'} ms to confirmed; ${p.orders.lostOrStuck} lost/stuck`,
      confirmed: p.histogram.confirmed,
      shipment: p.histogram.shipment,
      marks: [
        { label: 'p50', ms: p.latencyMs.postToConfirmed.p50 ?? NaN, color: 'navy' },
        { label: 'p99', ms: p.latencyMs.postToConfirmed.p99 ?? NaN, color: 'crimson' },
        ...(floor
          ? [
              {
                label: `hop floor x${HOPS_TO_CONFIRMED}`,
                ms: floor.kafka.raw.p50 * HOPS_TO_CONFIRMED,
                color: 'dimgray',
                dash: true,
              },
            ]
          : []),
      ],
    }));
    mkdirSync(dirname(outSvg), { recursive: true });
    writeFileSync(
      outSvg,
      histogramSvg(
        `FieldToTable saga latency (${m.cpus} CPUs, ${startedAt.toISOString().slice(0, 16)}Z)`,
        panels,
      ),
    );
  }

  const extraFiles: string[] = [];
  for (const p of result.phases.filter((x) => x.schedule)) {
    const file = `${outBase}-overload-telemetry-${p.telemetry}.svg`;
    const rec = recoverySeconds(p, P99_TARGET_MS);
    writeFileSync(
      file,
      timelineSvg(
        `Overload, telemetry ${p.telemetry}: ${p.schedule!.map((x) => `${x.rate}/s for ${x.seconds} s`).join(', then ')} (${p.orders.refused} refused, ${p.orders.notConfirmed} accepted but unconfirmed)`,
        p.throughput.sendTimeline,
        { overloadEndSecond: p.schedule![0]!.seconds, targetMs: P99_TARGET_MS, recoveredSecond: rec === null ? null : rec + p.schedule![0]!.seconds },
      ),
    );
    extraFiles.push(file);
  }
  if (a.profile && existsSync(profileDir)) {
    for (const f of readdirSync(profileDir).filter((x) => x.endsWith('.cpuprofile'))) {
      // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (others: the tsx loader).
      const pid = Number(/\.(\d+)\.0\.\d+\.cpuprofile$/.exec(f)?.[1]);
      const who = profiled.get(pid);
      if (!who) continue; // a worker thread's profile (the tsx loader)
      const profile = readProfile(join(profileDir, f));
      const file = `${outBase}-flame-${who.service}-telemetry-${who.mode}.svg`;
      writeFileSync(file, flameSvg(`${who.service} (telemetry ${who.mode}), whole run`, profile));
      extraFiles.push(file);
      log(`\n${who.service} (telemetry ${who.mode}): top self time`);
      for (const t of topSelf(callTree(profile).root, 12)) log(`  ${String(t.share).padStart(5)} %  ${t.name}`);
    }
  }

  log('\n== results');
  if (result.phases.length) {
    log(table(result.phases, floor));
    log('');
    log(stageTable(result.phases));
  }
  if (floor) {
    log(
      `\nfloor: Kafka hop p50 ${floor.kafka.hopMs.p50} ms p99 ${floor.kafka.hopMs.p99} ms (x${HOPS_TO_CONFIRMED} to confirmed = ${(floor.kafka.raw.p50 * HOPS_TO_CONFIRMED).toFixed(1)} ms p50); ` +
        `database ${floor.mongo.serial.updatesPerSecond} single-doc updates/s serial, ${floor.mongo.concurrentOneConnection.updatesPerSecond}/s x${floorDbConcurrency} on one connection`,
    );
  }
  if (comparison.length) {
    log('\ntelemetry on vs off:');
    for (const c of comparison) {
      log(
        `  @${c.rate}/s: confirmed/s on/off = ${c.throughputRatioOnOff} (${c.confirmedPerSecond.on} / ${c.confirmedPerSecond.off}); ` +
          `p50 on/off = ${c.p50RatioOnOff}; services CPU per order on/off = ${c.servicesCpuRatioOnOff} ` +
          `(${c.servicesCpuMsPerOrder.on} / ${c.servicesCpuMsPerOrder.off} ms); CPU-bound capacity on/off = ${c.capacityRatioOnOff} ` +
          `(${c.cpuBoundCapacityPerSecond.on} / ${c.cpuBoundCapacityPerSecond.off} orders/s)`,
      );
    }
  }
  log('\ntargets:');
  for (const v of verdicts) {
    log(
      `  ${v.pass === null ? 'n/a ' : v.pass ? 'PASS' : 'FAIL'}  ${v.target.padEnd(46)} ${v.phase.padEnd(22)} ${v.value}`,
    );
  }
  if (busy || machine().loadAverage[0]! > m.cpus * 0.5)
    log('\nWARNING: the machine was busy during the run; the figures are not representative.');
  if (guard.aborted) log(`\nABORTED: ${guard.reason}; the figures cover what ran.`);
  log(`\nresult: ${rel(outJson)}${result.phases.length ? `\nhistogram: ${rel(outSvg)}` : ''}`);
  for (const f of extraFiles) log(`svg: ${rel(f)}`);
  if (guard.aborted) return 1;
  return a.check && verdicts.some((v) => v.pass === false) ? 1 : 0;
};

guard.finish(main);
