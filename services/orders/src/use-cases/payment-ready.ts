/**
 * Buyers who ask for their payment (or pay, with the simulated provider) a moment before orders has created it:
 * catalog's answer is on its way. Instead of a 409 and a retry loop in the browser, the request waits briefly and is
 * woken when this process writes the order's payment (or its rejection); another process's write is seen by the
 * request's own look every `lookMs`. Nothing here is state: a restart only means the next look finds it.
 */
export class PaymentReady {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** The order's payment (or its end) was written: wake everyone waiting for it. */
  notify(orderId: string): void {
    const set = this.waiters.get(orderId);
    if (!set) return;
    this.waiters.delete(orderId);
    for (const wake of set) wake();
  }

  /** Resolves when `notify(orderId)` is called or after `ms`, whichever comes first. */
  wait(orderId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(orderId);
      if (!set) this.waiters.set(orderId, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (!set.size && this.waiters.get(orderId) === set) this.waiters.delete(orderId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  /** Orders someone is waiting for (for tests and metrics). */
  get size(): number {
    return this.waiters.size;
  }
}
