/**
 * A small time-bounded memo for the readings consumer's hot lookups (a device's attachments, a shipment's range and
 * end): a batch a second per logger would otherwise read them from the database every time. Entries live `ttlMs`;
 * this process forgets a device's entry at once when it attaches or detaches it, other instances within `ttlMs`.
 */
export class Recent<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 20_000,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = await load();
    if (this.ttlMs > 0) {
      if (this.entries.size >= this.max) this.entries.clear();
      this.entries.set(key, { value, until: now + this.ttlMs });
    }
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
