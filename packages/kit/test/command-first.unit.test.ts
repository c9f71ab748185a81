import { describe, expect, it } from 'vitest';
import { commandHandler, type CommandStore, type Loaded } from '../src/command/handler';
import { change } from '../src/domain/outcome';

interface Counter {
  id: string;
  n: number;
}

/** An in-memory store with the same conditional-write contract as the kit's AggregateStore. */
const memoryStore = () => {
  const docs = new Map<string, { state: Counter; version: number }>();
  const calls = { load: 0, insert: 0, update: 0 };
  const store: CommandStore<Counter> = {
    load: async (id) => {
      calls.load++;
      const d = docs.get(id);
      return d ? { state: d.state, version: d.version } : null;
    },
    insert: async (state) => {
      calls.insert++;
      if (docs.has(state.id)) return 'duplicate';
      docs.set(state.id, { state, version: 1 });
      return 'written';
    },
    update: async (state, expected) => {
      calls.update++;
      const d = docs.get(state.id);
      if (!d || d.version !== expected) return 'conflict';
      docs.set(state.id, { state, version: expected + 1 });
      return 'written';
    },
  };
  return { docs, calls, store };
};

const handler = (store: CommandStore<Counter>) =>
  commandHandler<Counter, string>({ aggregate: 'counter', store, clock: () => new Date(0), toEvents: () => [] });

const increment = (id: string) => (c: Counter | null) => change<Counter, string>({ id, n: (c?.n ?? 0) + 1 });

describe('commandHandler with what the caller already loaded', () => {
  it('decides on the given aggregate without loading it again', async () => {
    const m = memoryStore();
    m.docs.set('a', { state: { id: 'a', n: 1 }, version: 1 });
    const first: Loaded<Counter> = { state: { id: 'a', n: 1 }, version: 1 };
    await handler(m.store)('a', increment('a'), {}, first);
    expect(m.calls.load).toBe(0);
    expect(m.docs.get('a')).toEqual({ state: { id: 'a', n: 2 }, version: 2 });
  });

  it('a stale given aggregate conflicts, and the next attempt loads and decides on fresh state', async () => {
    const m = memoryStore();
    m.docs.set('a', { state: { id: 'a', n: 5 }, version: 3 });
    const stale: Loaded<Counter> = { state: { id: 'a', n: 1 }, version: 1 };
    await handler(m.store)('a', increment('a'), {}, stale);
    expect(m.calls.load).toBe(1);
    expect(m.docs.get('a')).toEqual({ state: { id: 'a', n: 6 }, version: 4 });
  });

  it('null means a new id: insert without a read; if it exists after all, the next attempt loads it', async () => {
    const m = memoryStore();
    await handler(m.store)('new', increment('new'), {}, null);
    expect(m.calls).toEqual({ load: 0, insert: 1, update: 0 });
    m.docs.set('taken', { state: { id: 'taken', n: 7 }, version: 2 });
    await handler(m.store)('taken', increment('taken'), {}, null);
    expect(m.docs.get('taken')).toEqual({ state: { id: 'taken', n: 8 }, version: 3 });
  });
});
