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
 * accepting work it cannot finish in time (an order accepted past capacity would only expire later).
 */
export class Admission {
  private over: { name: string; value: number; max: number } | undefined;
  private readAt = 0;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly checks: AdmissionCheck[],
    private readonly o: { log: Logger; refreshMs?: number; retryAfterSeconds?: number },
  ) {}

  /**
   * Throws a DomainError 'service.unavailable' with Retry-After while the service is over a bound. The checks
   * are read at most every refreshMs, in the background and only while requests come: an idle service reads
   * nothing, and a request never waits for a read (it is judged on the last one).
   */
  admit(what: string): void {
    if (!this.reading && Date.now() - this.readAt >= (this.o.refreshMs ?? 1000)) {
      this.reading = withoutTrace(() => this.refresh()).finally(() => {
        this.readAt = Date.now();
        this.reading = undefined;
      });
    }
    if (!this.over) return;
    const { name, value, max } = this.over;
    throw new DomainError(
      'service.unavailable',
      `too busy to accept ${what} now (${name} ${value} over ${max}); try again shortly`,
      [],
      this.o.retryAfterSeconds ?? 5,
    );
  }

  /** Reads every check now (the first read also happens on the first request). */
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
