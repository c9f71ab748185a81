import { describe, expect, it } from 'vitest';
import { commandHandler, type CommandStore, type Loaded } from '../src/command/handler';
import { memoryStore, type Counter } from './fixtures/memory-store';
import { change } from '../src/domain/outcome';

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
