import { parseArgs, type ParseArgsConfig } from 'node:util';
import { relative } from 'node:path';
import { buildServices } from '../../scripts/build';
import type { ServiceRuntime } from '../../test/support/system';
import { machine, ProcSampler } from './proc';
import { listening, type BenchSystem } from './system';

/** A number option in min..max, or exit 2 naming it. */
export const numberOption = (name: string, v: string, min: number, max: number): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number in ${min}..${max} (got ${v})`);
    process.exit(2);
  }
  return n;
};

/** A path as the user typed it best: relative to the working directory when it is below it. */
export const relPath = (p: string) => {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
};

/**
 * A bench run's guard: every wait in a run is bounded, and this bounds the whole run too. The budget running out,
 * or a first SIGINT/SIGTERM, aborts it (the current load driver stops, the services are stopped, the figures cover
 * what ran); a second signal kills the services at once. `finish` runs the bench and exits with its code.
 */
export class RunGuard {
  aborted = false;
  reason = '';
  /** The services of the state being measured, killed on a second signal or an exit. */
  system: BenchSystem | undefined;
  /** The load driver running now, stopped on abort. */
  driver: { stopped: boolean } | undefined;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    budgetMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.watchdog = setTimeout(
      () => this.abort(`run exceeded its time budget of ${Math.round(budgetMs / 60000)} min`),
      budgetMs,
    );
    this.watchdog.unref();
    let interrupts = 0;
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.on(sig, () => {
        if (++interrupts > 1) {
          this.system?.killNow();
          process.exit(130);
        }
        this.abort(`${sig} received`);
      });
    }
    process.on('exit', () => this.system?.killNow());
  }

  abort(why: string): void {
    if (!this.aborted) this.log(`\n*** aborting: ${why} (stopping the services; a second Ctrl-C kills them)`);
    this.aborted = true;
    this.reason ||= why;
    if (this.driver) this.driver.stopped = true;
  }

  readonly isAborted = (): boolean => this.aborted;

  finish(main: () => Promise<number>): void {
    main()
      .then((code) => {
        clearTimeout(this.watchdog);
        process.exit(code);
      })
      .catch((err) => {
        if (this.aborted) {
          console.error(`ABORTED (${this.reason}) before the run finished: ${(err as Error).message}`);
          this.system?.killNow();
          process.exit(130);
        }
        console.error('bench failed:', err);
        this.system?.killNow();
        process.exit(1);
      });
  }
}

/** Whether Kafka and the database server this run uses answer; the first that does not is named, with the fix. */
export const serversAnswer = async (env: { kafkaBrokers: string; mongoUrl: string }): Promise<boolean> => {
  const db = new URL(env.mongoUrl);
  for (const [what, hp] of [
    ['Kafka', env.kafkaBrokers.split(',')[0]!],
    ['the database server', `${db.hostname}:${db.port || 27017}`],
  ] as const) {
    if (!(await listening(hp))) {
      console.error(`${what} is not answering on ${hp}: start the servers with \`bash scripts/servers-up.sh\``);
      return false;
    }
  }
  return true;
};

/**
 * The machine the run starts on, logged; busy when its load average is past half its CPUs (the figures are then
 * not representative, and the report says so).
 */
export const startingMachine = (log: (line: string) => void) => {
  const m = machine();
  log(
    `machine: ${m.cpus} x ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, node ${m.node}, load average ${m.loadAverage.join(' ')}`,
  );
  const busy = m.loadAverage[0]! > m.cpus * 0.5;
  if (busy)
    log(
      `WARNING: load average ${m.loadAverage[0]} on ${m.cpus} CPUs: the machine is busy; these figures are not representative`,
    );
  return { m, busy };
};

/** Options every bench takes: the services' LOG_LEVEL, the PRNG seed, --keep (the run's databases and topics), --help. */
const COMMON_OPTIONS = {
  'log-level': { type: 'string', default: 'info' },
  seed: { type: 'string', default: '1' },
  keep: { type: 'boolean', default: false },
  runtime: { type: 'string', default: 'dist' },
  help: { type: 'boolean', default: false },
} as const;

/** The help line of --runtime, shared by every bench. */
export const RUNTIME_HELP = `  --runtime <dist|tsx>     dist: the services compiled by \`pnpm build\`, which the bench runs first, as deployed;
                           tsx: the TypeScript sources through tsx's loader, the way before #15 (default dist)`;

/** --runtime, or exit 2. */
export const runtimeOption = (v: string): ServiceRuntime => {
  if (v !== 'dist' && v !== 'tsx') {
    console.error(`--runtime must be dist or tsx (got ${v})`);
    process.exit(2);
  }
  return v;
};

/**
 * Makes the services of this run start the given way (ServiceProcess reads FTT_SERVICE_RUNTIME). For dist it builds
 * them first, so a build older than the sources can never be what is measured.
 */
export const prepareServices = async (runtime: ServiceRuntime, log: (line: string) => void): Promise<void> => {
  process.env.FTT_SERVICE_RUNTIME = runtime;
  if (runtime !== 'dist') return;
  const t0 = performance.now();
  const built = await buildServices();
  const entries = built.flatMap((b) => b.files.filter((f) => f.path.endsWith('.mjs')).map((f) => f.path));
  log(`built ${entries.join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
};

/** The command line: the bench's own options and the common ones, strictly; --help prints the help and exits. */
export const benchArgs = <O extends NonNullable<ParseArgsConfig['options']>>(help: string, options: O) => {
  const { values } = parseArgs<{ options: O & typeof COMMON_OPTIONS; strict: true }>({
    options: { ...options, ...COMMON_OPTIONS },
    strict: true,
  });
  if ((values as { help?: boolean }).help) {
    console.log(help);
    process.exit(0);
  }
  return values;
};

/** Samples the CPU and memory of the three services (the current processes of sys) and the servers, every second. */
export const sampleSystem = (sys: BenchSystem, servers: Record<string, number>) =>
  new ProcSampler(() => ({
    catalog: sys.catalog.pid,
    orders: sys.orders.pid,
    logistics: sys.logistics.pid,
    ...servers,
  })).start(1000);
