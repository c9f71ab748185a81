/** Measurements of bench/history.ts: idle CPU of every process, and sequential latency of one read endpoint. */
import { scrapeCommands, type CommandCounts } from './db-commands';
import { sleep } from './kafka';
import type { ProcSampler } from './proc';
import { round, roundSummary, summarize } from './stats';

/** The processes whose idle CPU is added up (the bench itself is reported, not added). */
export const IDLE_PROCESSES = ['catalog', 'orders', 'logistics', 'kafka', 'mongo'] as const;
const SERVICES = ['catalog', 'orders', 'logistics'];

export interface IdleCpu {
  seconds: number;
  /** % of one core per process over the whole window. */
  percent: Record<string, number | null>;
  cpuSeconds: Record<string, number | null>;
  maxRssMb: Record<string, number | null>;
  /** catalog + orders + logistics + kafka + mongo, % of one core. */
  totalPercent: number | null;
  servicesPercent: number | null;
  /** The total per slice of `sliceSeconds`: a transient (a checkpoint after the seed) shows as a falling series. */
  slices: (number | null)[];
  sliceSeconds: number;
  /**
   * Database commands the three services sent per second while idle (their own count, MONGO_COMMAND_STATS),
   * by command; null when not counted.
   */
  serviceCommandsPerSecond: { total: number; byCommand: Record<string, number> } | null;
  /**
   * The database server's own opcounters over the window, per second: every client's, so other runs on
   * the same server show here (and in mongo's CPU) too.
   */
  databaseServer: { opsPerSecond: Record<string, number>; connections: number | null } | null;
}

export type ServerStatus = () => Promise<{
  opcounters: Record<string, number>;
  connections: number | null;
} | null>;

const perSecond = (before: Record<string, number>, after: Record<string, number>, seconds: number) => {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d > 0) out[k] = Math.round((d / seconds) * 10) / 10;
  }
  return out;
};

const sum = (xs: (number | null | undefined)[]): number | null =>
  xs.some((x) => x === null || x === undefined)
    ? null
    : round(
        xs.reduce<number>((a, b) => a + b!, 0),
        2,
      );

/** No traffic for `seconds`: CPU time of each process from /proc, sampled once a second. */
export const measureIdle = async (o: {
  sampler: ProcSampler;
  seconds: number;
  sliceSeconds: number;
  label: string;
  aborted: () => boolean;
  log: (line: string) => void;
  /** The services' base URLs by name, for their command counts (scraped just outside the window). */
  serviceUrls: Record<string, string>;
  serverStatus: ServerStatus;
}): Promise<IdleCpu> => {
  const commandsBefore: CommandCounts = await scrapeCommands(o.serviceUrls);
  const serverBefore = await o.serverStatus();
  const start = o.sampler.sample().at;
  const slices: (number | null)[] = [];
  let sliceStart = start;
  const end = start + o.seconds * 1000;
  // Slices end at start + k * sliceSeconds (the last one at the end); a remainder under a second is not a slice.
  for (let k = 1; !o.aborted() && end - sliceStart > 1000; k++) {
    await sleep(Math.max(0, Math.min(start + k * o.sliceSeconds * 1000, end) - performance.now()));
    const at = o.sampler.sample().at;
    const w = o.sampler.window(sliceStart, at);
    const total = sum(IDLE_PROCESSES.map((n) => w.processes[n]?.cpuPercent));
    slices.push(total);
    o.log(
      `${o.label} idle ${Math.round((at - start) / 1000)
        .toString()
        .padStart(3)}s  ` +
        IDLE_PROCESSES.map((n) => `${n} ${w.processes[n]?.cpuPercent ?? '-'}%`).join('  ') +
        `  all ${total ?? '-'}% of one core`,
    );
    sliceStart = at;
  }
  const w = o.sampler.window(start, performance.now());
  const seconds = Math.max(w.wallSeconds, 0.1);
  const serverAfter = await o.serverStatus();
  // Database commands per second by command name, all services together.
  const byCommand = (c: CommandCounts) => {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(c)) {
      const [kind, , command] = k.split(' ');
      if (kind === 'db' && command) out[command] = (out[command] ?? 0) + v;
    }
    return out;
  };
  const commands = perSecond(byCommand(commandsBefore), byCommand(await scrapeCommands(o.serviceUrls)), seconds);
  const commandTotal = Object.values(commands).reduce((x, y) => x + y, 0);
  const pick = <K extends 'cpuPercent' | 'cpuSeconds' | 'maxRssMb'>(k: K) =>
    Object.fromEntries([...IDLE_PROCESSES, 'bench'].map((n) => [n, w.processes[n]?.[k] ?? null]));
  const percent = pick('cpuPercent');
  return {
    seconds: w.wallSeconds,
    percent,
    cpuSeconds: pick('cpuSeconds'),
    maxRssMb: pick('maxRssMb'),
    totalPercent: sum(IDLE_PROCESSES.map((n) => percent[n])),
    servicesPercent: sum(SERVICES.map((n) => percent[n])),
    slices,
    sliceSeconds: o.sliceSeconds,
    serviceCommandsPerSecond: Object.keys(commands).length
      ? { total: Math.round(commandTotal * 10) / 10, byCommand: commands }
      : null,
    databaseServer:
      serverBefore && serverAfter
        ? {
            opsPerSecond: perSecond(serverBefore.opcounters, serverAfter.opcounters, seconds),
            connections: serverAfter.connections,
          }
        : null,
  };
};

export interface Latency {
  url: string;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  /** From a parsed reply before the measurement: how much the endpoint returns. */
  items: number | null;
  responseBytes: number | null;
  ms: ReturnType<typeof roundSummary>;
  /** Stopped early because the time cap was reached. */
  capped: boolean;
}

/**
 * `count` sequential GETs after `warmup` unmeasured ones, each timed from send to the last byte
 * (keep-alive connection, the body drained). At most `maxSeconds` of measuring.
 */
export const measureGets = async (o: {
  url: string;
  bearer?: string | undefined;
  count: number;
  warmup: number;
  maxSeconds: number;
  /** Items in the parsed reply (e.g. r => r.orders.length). */
  items: (body: unknown) => number;
  aborted: () => boolean;
}): Promise<Latency> => {
  const headers: Record<string, string> = o.bearer ? { authorization: `Bearer ${o.bearer}` } : {};
  let items: number | null = null;
  let responseBytes: number | null = null;
  try {
    const res = await fetch(o.url, { headers, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    responseBytes = Buffer.byteLength(text);
    items = res.ok ? o.items(JSON.parse(text)) : null;
  } catch {
    // counted below as errors
  }
  const statuses: Record<string, number> = {};
  const ms: number[] = [];
  let errors = 0;
  const until = performance.now() + o.maxSeconds * 1000;
  let capped = false;
  for (let i = 0; i < o.warmup + o.count && !o.aborted(); i++) {
    if (i >= o.warmup && performance.now() > until) {
      capped = true;
      break;
    }
    const t0 = performance.now();
    let status = 0;
    try {
      const res = await fetch(o.url, { headers, signal: AbortSignal.timeout(60_000) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 0;
    }
    const took = performance.now() - t0;
    if (i < o.warmup) continue;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== 200) errors++;
    else ms.push(took);
  }
  return {
    url: o.url,
    requests: ms.length + errors,
    errors,
    statuses,
    items,
    responseBytes,
    ms: roundSummary(summarize(ms)),
    capped,
  };
};

export const ratio = (seeded: number | null | undefined, empty: number | null | undefined): number | null =>
  seeded === null || seeded === undefined || empty === null || empty === undefined || empty <= 0
    ? null
    : round(seeded / empty, 2);
