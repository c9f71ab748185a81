import { describe, expect, it } from 'vitest';
import { commandHandler, type CommandStore } from '../src/command/handler';
import { memoryStore, type Counter } from './fixtures/memory-store';
import { isDomainErrorWith } from '../src/domain/errors';
import { change, ignore, reject } from '../src/domain/outcome';

const remembering = (store: CommandStore<Counter>) =>
  commandHandler<Counter, string>({ aggregate: 'counter', store, clock: () => new Date(0), toEvents: () => [], rememberMs: 60_000 });

const increment = (id: string) => (c: Counter | null) => change<Counter, string>({ id, n: (c?.n ?? 0) + 1 });

describe('commandHandler remembering what it wrote (rememberMs)', () => {
  it('decides the next command on what it wrote, without loading', async () => {
    const m = memoryStore();
    const h = remembering(m.store);
    await h('a', increment('a'), {}, null);
    await h('a', increment('a'));
    await h('a', increment('a'));
    expect(m.calls).toEqual({ load: 0, insert: 1, update: 2 });
    expect(m.docs.get('a')).toEqual({ state: { id: 'a', n: 3 }, version: 3 });
    expect(h.remembered('a')).toEqual({ state: { id: 'a', n: 3 }, version: 3 });
  });

  it('without rememberMs every command loads', async () => {
    const m = memoryStore();
    const h = commandHandler<Counter, string>({ aggregate: 'counter', store: m.store, clock: () => new Date(0), toEvents: () => [] });
    await h('a', increment('a'), {}, null);
    await h('a', increment('a'));
    expect(m.calls.load).toBe(1);
    expect(h.remembered('a')).toBeUndefined();
  });

  it('a write elsewhere makes the remembered version conflict: decided again on what is stored', async () => {
    const m = memoryStore();
    const h = remembering(m.store);
    await h('a', increment('a'), {}, null);
    m.elsewhere('a', 10);
    const r = await h('a', increment('a'));
    expect(r).toMatchObject({ result: 'written', state: { n: 11 }, version: 3 });
    expect(m.docs.get('a')).toEqual({ state: { id: 'a', n: 11 }, version: 3 });
    expect(m.calls.load).toBe(1);
  });

  it('an ignore decided on memory is decided again on what is stored (memory may be behind)', async () => {
    const m = memoryStore();
    const h = remembering(m.store);
    await h('a', increment('a'), {}, null);
    m.elsewhere('a', 5);
    // Applies only from n >= 3: memory (n = 1) would ignore it, the stored order (n = 5) takes it.
    const r = await h('a', (c) => (c && c.n >= 3 ? change<Counter, string>({ id: 'a', n: c.n * 2 }) : ignore('too early')));
    expect(r).toMatchObject({ result: 'written', state: { n: 10 } });
    expect(m.docs.get('a')?.state.n).toBe(10);
  });

  it('a rejection decided on memory is decided again on what is stored, and thrown only if that rejects too', async () => {
    const m = memoryStore();
    const h = remembering(m.store);
    await h('a', increment('a'), {}, null);
    m.elsewhere('a', 5);
    const onlyFromThree = (c: Counter | null) => (c && c.n >= 3 ? change<Counter, string>({ id: 'a', n: 0 }) : reject('counter.invalid_transition', 'too low'));
    await expect(h('a', onlyFromThree)).resolves.toMatchObject({ result: 'written', state: { n: 0 } });
    // Now memory and store agree on n = 0: the rejection stands.
    const err = await h('a', onlyFromThree).catch((e: unknown) => e);
    expect(isDomainErrorWith(err, 'invalid_transition')).toBe(true);
  });

  it('memory is a copy: changing the state a command returned does not change what is remembered', async () => {
    const m = memoryStore();
    const h = remembering(m.store);
    const r = await h('a', increment('a'), {}, null);
    if (r.result === 'written') r.state.n = 99;
    expect(h.remembered('a')?.state.n).toBe(1);
  });

  it('what the caller loaded wins over memory', async () => {
    const m = memoryStore();
    const h = remembering(m.store);
    await h('a', increment('a'), {}, null);
    m.elsewhere('a', 7);
    const r = await h('a', increment('a'), {}, { state: { id: 'a', n: 7 }, version: 2 });
    expect(r).toMatchObject({ result: 'written', state: { n: 8 } });
    expect(m.calls.load).toBe(0);
  });
});
