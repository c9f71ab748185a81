import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/** Resident set size in bytes from /proc/<pid>/status (VmRSS), or undefined when the process is gone. */
export const readRss = (pid: number): number | undefined => {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
};

let clkTck: number | undefined;
const ticksPerSecond = (): number => {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
};

/** CPU time (user + system) of a process in seconds from /proc/<pid>/stat, or undefined when it is gone. */
export const readCpuSeconds = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return (utime + stime) / ticksPerSecond();
  } catch {
    return undefined;
  }
};

/** The backing servers' pids from the native runner's pid files (when they run from this checkout). */
export const serverPids = (root: string): Record<string, number> => {
  const dir = join(process.env.FTT_STATE_DIR ?? join(root, '.local'), 'run');
  const out: Record<string, number> = {};
  for (const name of ['kafka', 'mongo']) {
    const file = join(dir, `${name}.pid`);
    if (!existsSync(file)) continue;
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && readRss(pid) !== undefined) out[name] = pid;
  }
  return out;
};

export interface Sample {
  /** performance.now() of the sample. */
  at: number;
  rss: Record<string, number | undefined>;
  cpu: Record<string, number | undefined>;
}

/** Samples RSS and CPU time of named processes once a second (and on demand). */
export class ProcSampler {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: () => Record<string, number | undefined>) {}

  sample(): Sample {
    const rss: Sample['rss'] = {};
    const cpu: Sample['cpu'] = {};
    for (const [name, pid] of Object.entries(this.pids())) {
      rss[name] = pid === undefined ? undefined : readRss(pid);
      cpu[name] = pid === undefined ? undefined : readCpuSeconds(pid);
    }
    rss.bench = process.memoryUsage.rss();
    const u = process.cpuUsage();
    cpu.bench = (u.user + u.system) / 1e6;
    const s = { at: performance.now(), rss, cpu };
    this.samples.push(s);
    return s;
  }

  start(everyMs = 1000): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  latest(): Sample | undefined {
    return this.samples[this.samples.length - 1];
  }

  /** Max RSS (MB) and CPU seconds used per process between two instants. */
  window(from: number, to: number) {
    const inside = this.samples.filter((s) => s.at >= from && s.at <= to);
    const names = new Set(inside.flatMap((s) => Object.keys(s.rss)));
    const first = inside[0];
    const last = inside[inside.length - 1];
    const wall = first && last ? (last.at - first.at) / 1000 : 0;
    const out: Record<
      string,
      { maxRssMb: number | null; cpuSeconds: number | null; cpuPercent: number | null }
    > = {};
    for (const name of names) {
      const rss = inside.map((s) => s.rss[name]).filter((v): v is number => v !== undefined);
      const c0 = first?.cpu[name];
      const c1 = last?.cpu[name];
      const cpuSeconds = c0 !== undefined && c1 !== undefined ? c1 - c0 : null;
      out[name] = {
        maxRssMb: rss.length ? Math.round((Math.max(...rss) / 2 ** 20) * 10) / 10 : null,
        cpuSeconds: cpuSeconds === null ? null : Math.round(cpuSeconds * 100) / 100,
        cpuPercent: cpuSeconds === null || wall <= 0 ? null : Math.round((cpuSeconds / wall) * 1000) / 10,
      };
    }
    return { wallSeconds: Math.round(wall * 10) / 10, processes: out };
  }
}

export const machine = () => {
  const cpus = os.cpus();
  return {
    host: os.hostname(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
};
