/**
 * Idle cost in a few minutes: starts the three services on the running servers, lets them settle, then prints the
 * CPU of each of the five processes (services, Kafka, the database server) over a window with no traffic at all.
 * `pnpm bench:history` measures the same with 100,000 orders stored; this is the quick loop for tuning.
 *
 *   pnpm bench:idle [--settle 60] [--seconds 60] [--runtime dist|tsx]
 */
import { parseArgs } from 'node:util';
import { testEnv } from '@ftt/kit/testing';
import { root } from '../test/support/system';
import { IDLE_PROCESSES } from './lib/history-measure';
import { sleep } from './lib/kafka';
import { ProcSampler, serverPids } from './lib/proc';
import { prepareServices, runtimeOption } from './lib/run';
import { cleanupRun, SERVICES, startBenchSystem } from './lib/system';

const { values: a } = parseArgs({
  options: {
    settle: { type: 'string', default: '60' },
    seconds: { type: 'string', default: '60' },
    runtime: { type: 'string', default: 'dist' },
  },
});
const settle = Number(a.settle);
const seconds = Number(a.seconds);
const runtime = runtimeOption(a.runtime);
console.log(`idle bench: runtime ${runtime}`);
await prepareServices(runtime, (line) => console.log(line));

const t = testEnv('idle');
const sys = await startBenchSystem(t, { LOG_LEVEL: 'warn' });
const sampler = new ProcSampler(() => ({
  catalog: sys.catalog.pid,
  orders: sys.orders.pid,
  logistics: sys.logistics.pid,
  ...serverPids(root),
})).start(1000);
try {
  console.log(`services started; settling ${settle}s, then ${seconds}s of idle ...`);
  await sleep(settle * 1000);
  const from = sampler.sample().at;
  await sleep(seconds * 1000);
  const w = sampler.window(from, sampler.sample().at);
  const pct = (n: string) => w.processes[n]?.cpuPercent ?? null;
  const total = IDLE_PROCESSES.reduce((sum, n) => sum + (pct(n) ?? 0), 0);
  console.log(
    `idle over ${w.wallSeconds}s: ${IDLE_PROCESSES.map((n) => `${n} ${pct(n) ?? '?'}%`).join('  ')}  ` +
      `all five ${Math.round(total * 10) / 10}% of one core (target < 3 %)`,
  );
} finally {
  sampler.stop();
  await sys.stop();
  await cleanupRun(t, SERVICES);
}
