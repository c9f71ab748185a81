import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sleep, type Prng } from './chaos-http';
import { root, type ServiceName, type ServiceProcess } from './system';

/** Runs one of the project's server scripts without blocking the event loop (the load keeps running). */
export const serverScript = (
  script: 'servers-up.sh' | 'servers-down.sh',
  ...args: string[]
): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn('bash', [join(root, 'scripts', script), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${out.slice(-2000)}`)),
    );
  });

/** Stop the Kafka broker (SIGTERM, its clean shutdown) and start it again on the same data. */
export const restartKafka = async (): Promise<{ downMs: number }> => {
  const t0 = Date.now();
  await serverScript('servers-down.sh', 'kafka');
  await serverScript('servers-up.sh', 'kafka');
  return { downMs: Date.now() - t0 };
};

/** A restart can fail when the machine is saturated (ready too late): kill what is left and try again. */
export const startWithRetry = async (p: ServiceProcess, attempts = 3): Promise<void> => {
  for (let i = 1; ; i++) {
    try {
      await p.start();
      return;
    } catch (err) {
      if (i >= attempts) throw err;
      await p.kill();
      await sleep(2000);
    }
  }
};

export interface FaultRecord {
  /** ms since the schedule started */
  at: number;
  what: string;
  /** how long until the victim was back (ready) */
  tookMs: number;
}

/**
 * Kills services with SIGKILL at moments drawn from a seeded PRNG and restarts them at once (as a
 * supervisor would), and restarts the Kafka broker once. The first kills are a shuffled list that
 * hits every service `minPerService` times; after that the victim is drawn at random. Faults never
 * overlap: a service is not killed while the broker is down (it could not start without it).
 */
export class KillSchedule {
  readonly kills: Record<ServiceName, number> = { catalog: 0, orders: 0, logistics: 0 };
  brokerRestarts = 0;
  readonly log: FaultRecord[] = [];
  private readonly started = Date.now();

  constructor(
    private readonly rng: Prng,
    private readonly services: Record<ServiceName, ServiceProcess[]>,
    private readonly o: {
      minPerService: number;
      /** [min, max] ms between two faults */
      gapMs: [number, number];
      /**
       * Restart the broker once, at the first fault slot where this says so (e.g. half the orders
       * driven) and at least one service was killed; without it the broker is left alone.
       */
      restartKafkaWhen?: () => boolean;
      onFault?: (r: FaultRecord) => void;
    },
  ) {}

  minimumDone(): boolean {
    return (
      Object.values(this.kills).every((n) => n >= this.o.minPerService) &&
      (this.o.restartKafkaWhen === undefined || this.brokerRestarts > 0)
    );
  }

  /** Keeps injecting faults until `stop()` says so and every service got its minimum. */
  async run(stop: () => boolean): Promise<void> {
    const names = Object.keys(this.services) as ServiceName[];
    const first = this.rng.shuffle(names.flatMap((n) => Array<ServiceName>(this.o.minPerService).fill(n)));
    let total = 0;
    while (!(stop() && this.minimumDone())) {
      await sleep(this.rng.int(this.o.gapMs[0], this.o.gapMs[1]));
      if (stop() && this.minimumDone()) break;
      const kafkaDue = this.o.restartKafkaWhen && this.brokerRestarts === 0 && total > 0;
      if (kafkaDue && (this.o.restartKafkaWhen!() || stop())) {
        const at = Date.now() - this.started;
        const { downMs } = await restartKafka();
        this.brokerRestarts++;
        this.record({ at, what: 'kafka broker stopped and restarted', tookMs: downMs });
        continue;
      }
      const name = first.shift() ?? this.rng.pick(names);
      const instances = this.services[name];
      const victim = this.rng.pick(instances);
      const at = Date.now() - this.started;
      await victim.kill();
      await startWithRetry(victim);
      this.kills[name]++;
      total++;
      this.record({
        at,
        what: `SIGKILL ${name}#${victim.instance} (pid restarted)`,
        tookMs: Date.now() - this.started - at,
      });
    }
  }

  private record(r: FaultRecord) {
    this.log.push(r);
    this.o.onFault?.(r);
  }
}
