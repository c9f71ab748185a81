/**
 * Buyers who ask for their payment (or pay, with the simulated provider) a moment before orders has created it:
 * catalog's answer is on its way. Instead of a 409 and a retry loop in the browser, the request waits briefly and is
 * woken when this process writes the order's payment (or its rejection); another process's write is seen by the
 * request's own look every `lookMs`. Nothing here is state: a restart only means the next look finds it.
 *
 * A request listens *before* it loads the order: a write that lands between its load and its wait still wakes it
 * (listening after the load lost that wake-up, and the request slept a whole look).
 */
export class PaymentReady {
  private readonly listeners = new Map<string, Set<Listener>>();

  /** The order's payment (or its end) was written: wake everyone listening for it. */
  notify(orderId: string): void {
    const set = this.listeners.get(orderId);
    if (!set) return;
    this.listeners.delete(orderId);
    for (const l of set) l.fire();
  }

  /** Start listening for `notify(orderId)`; `wait` resolves at once if it came meanwhile. Always `close` it. */
  listen(orderId: string): Listening {
    let set = this.listeners.get(orderId);
    if (!set) this.listeners.set(orderId, (set = new Set()));
    const l = new Listener();
    set.add(l);
    const close = () => {
      l.fire();
      if (set.delete(l) && !set.size && this.listeners.get(orderId) === set) this.listeners.delete(orderId);
    };
    return { wait: (ms) => l.wait(ms), close };
  }

  /** Orders someone is listening for (for tests and metrics). */
  get size(): number {
    return this.listeners.size;
  }
}

export interface Listening {
  /** Until notified (at once if that happened since `listen`) or `ms` passed. */
  wait: (ms: number) => Promise<void>;
  close: () => void;
}

class Listener {
  private fired = false;
  private wake: (() => void) | undefined;

  fire(): void {
    this.fired = true;
    this.wake?.();
  }

  wait(ms: number): Promise<void> {
    if (this.fired) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
