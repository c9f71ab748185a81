import { DomainError } from '../domain/errors';
import type { Logger } from '../logger';
import { withoutTrace } from '../telemetry/trace-context';

/** One measure of how far behind the service is, with the bound past which new work is refused. */
export interface AdmissionCheck {
  /** Named in the 503's message and the log, e.g. 'outbox backlog'. */
  name: string;
  max: number;
  read: () => Promise<number>;
}

/**
 * Backpressure: the service says "not now" (503 with Retry-After) while any check is past its bound, instead of
 * accepting work it cannot finish in time (an order accepted past capacity would only expire later). The checks
 * are read in the background every refreshMs, so admitting a request costs nothing.
 */
export class Admission {
  private over: { name: string; value: number; max: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly checks: AdmissionCheck[],
    private readonly o: { log: Logger; refreshMs?: number; retryAfterSeconds?: number },
  ) {}

  start(): this {
    this.running = true;
    const tick = () =>
      withoutTrace(() => this.refresh()).finally(() => {
        if (this.running) this.timer = setTimeout(tick, this.o.refreshMs ?? 1000).unref();
      });
    void tick();
    return this;
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** Throws a DomainError 'service.unavailable' with Retry-After while the service is over a bound. */
  admit(what: string): void {
    if (!this.over) return;
    const { name, value, max } = this.over;
    throw new DomainError(
      'service.unavailable',
      `too busy to accept ${what} now (${name} ${value} over ${max}); try again shortly`,
      [],
      this.o.retryAfterSeconds ?? 5,
    );
  }

  async refresh(): Promise<void> {
    let over: typeof this.over;
    for (const c of this.checks) {
      try {
        const value = await c.read();
        if (value > c.max) {
          over = { name: c.name, value, max: c.max };
          break;
        }
      } catch (err) {
        this.o.log.warn({ err, check: c.name }, 'admission check failed; not counted');
      }
    }
    if (over && !this.over) this.o.log.warn(over, 'refusing new work: over a bound');
    if (!over && this.over) this.o.log.info(this.over, 'accepting new work again');
    this.over = over;
  }
}
