import { createEvent, type OutgoingEvent } from '@ftt/contracts';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AggregateStore,
  change,
  commandHandler,
  connectMongo,
  ignore,
  isDomainError,
  reject,
  type CommandStore,
} from '../src/index';
import { testEnv } from '../src/testing';

// A tally: the smallest aggregate that shows lost updates (two writers adding 1 must make 2).
interface Tally {
  id: string;
  count: number;
}

const t = testEnv('command');
let db: Connection;
let store: AggregateStore;
const kicked: string[] = [];

const tallies = (): CommandStore<Tally> => ({
  load: async (id, processedEventId) => {
    const doc = await store.collection.findOne({ _id: id } as never);
    if (!doc) return null;
    return {
      state: { id, count: Number(doc.count) },
      version: Number(doc.version),
      seen: processedEventId ? ((doc.processedEventIds ?? []) as string[]).includes(processedEventId) : false,
    };
  },
  insert: (s, events, processedEventId) => store.insert(s.id, { count: s.count }, { events, processedEventId }),
  update: (s, v, events, processedEventId) => store.update(s.id, v, { count: s.count }, { events, processedEventId }),
});

const event = (id: string, now: Date): OutgoingEvent =>
  createEvent(
    'ftt.orders.order.expired.v1',
    { orderId: `ord-${id}`, expiredAt: now.toISOString() },
    { source: '/fieldtotable/test', correlationid: id, now },
  );

const handle = (store: CommandStore<Tally> = tallies()) =>
  commandHandler<Tally, 'counted'>({
    aggregate: 'tally',
    store,
    clock: () => new Date(),
    toEvents: (events, c) => events.map(() => event(c.id, c.now)),
    kick: (id) => kicked.push(id),
  });

const add = (current: Tally | null, id: string) =>
  change<Tally, 'counted'>({ id, count: (current?.count ?? 0) + 1 }, ['counted']);

beforeAll(async () => {
  db = await connectMongo(t.mongoUrl);
  store = new AggregateStore(db.collection('tallies') as never);
});
afterAll(async () => {
  await db.dropDatabase();
  await db.close();
});

describe('the command handler', () => {
  it('when the aggregate does not exist, then the decider sees null and the handler inserts it with its event, and kicks the outbox', async () => {
    const r = await handle()('new', (current) => add(current, 'new'));
    expect(r).toMatchObject({ result: 'written', state: { count: 1 }, events: 1 });
    const doc = await store.collection.findOne({ _id: 'new' } as never);
    expect(doc).toMatchObject({ count: 1, version: 1, outboxPending: 1 });
    expect(kicked).toContain('new');
  });

  it('when 20 commands change one aggregate at once, then each is applied once or refused as a conflict, and none is lost', async () => {
    const h = handle();
    await h('busy', (current) => add(current, 'busy'));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => h('busy', (current) => add(current, 'busy'))),
    );
    const written = results.filter((r) => r.status === 'fulfilled' && r.value.result === 'written').length;
    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'tally.conflict' });
    expect(written + refused.length).toBe(20);
    expect(written).toBeGreaterThanOrEqual(10); // retries on conflicts: most get through
    const doc = await store.collection.findOne({ _id: 'busy' } as never);
    expect(doc).toMatchObject({ count: 1 + written, version: 1 + written, outboxPending: 1 + written });
  });

  it('when the same event is handled twice, then the second is a duplicate and changes nothing', async () => {
    const h = handle();
    await h('dup', (current) => add(current, 'dup'));
    const first = await h('dup', (current) => add(current, 'dup'), { processedEventId: 'evt-1' });
    const again = await h('dup', (current) => add(current, 'dup'), { processedEventId: 'evt-1' });
    expect(first.result).toBe('written');
    expect(again.result).toBe('duplicate');
    expect(await store.collection.findOne({ _id: 'dup' } as never)).toMatchObject({ count: 2, version: 2 });
  });

  it('when the decider ignores, then nothing is written and the reason comes back as a value', async () => {
    const h = handle();
    await h('late', (current) => add(current, 'late'));
    const r = await h('late', () => ignore('already counted'));
    expect(r).toEqual({ result: 'ignored', state: { id: 'late', count: 1 }, reason: 'already counted' });
    expect(await store.collection.findOne({ _id: 'late' } as never)).toMatchObject({ version: 1 });
  });

  it('when the decider rejects, then the caller gets a DomainError with its code and nothing is written', async () => {
    const h = handle();
    await h('closed', (current) => add(current, 'closed'));
    const err = await h('closed', () => reject('tally.invalid_transition', 'the tally is closed')).catch((e) => e);
    expect(isDomainError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'tally.invalid_transition', message: 'the tally is closed' });
    expect(await store.collection.findOne({ _id: 'closed' } as never)).toMatchObject({ version: 1 });
  });

  it('when another writer keeps winning, then the handler gives up after its attempts with a conflict error', async () => {
    let calls = 0;
    const h = commandHandler<Tally, 'counted'>({
      aggregate: 'tally',
      store: { ...tallies(), update: async () => 'conflict' },
      clock: () => new Date(),
      toEvents: () => [],
      maxAttempts: 3,
    });
    await handle()('contended', (current) => add(current, 'contended'));
    const err = await h('contended', (current) => {
      calls++;
      return add(current, 'contended');
    }).catch((e) => e);
    expect(err).toMatchObject({ code: 'tally.conflict' });
    expect(calls).toBe(3);
  });
});

describe('many commands at once (a batch)', () => {
  const batchStore = (): CommandStore<Tally> => ({
    ...tallies(),
    insertMany: (items) => store.insertMany(items.map((i) => ({ id: i.state.id, state: { count: i.state.count }, events: i.events }))),
    updateMany: (items) =>
      store.updateMany(items.map((i) => ({ id: i.state.id, expectedVersion: i.expectedVersion, set: { count: i.state.count }, events: i.events }))),
  });

  it('when a batch holds new ones, changes, a stale change, an existing "new" one and a rejection, then each is written once with its event, the stale ones are decided again on what is stored, and the rejection is its result alone', async () => {
    const h = handle(batchStore());
    for (const id of ['b-old', 'b-stale', 'b-exists']) await h(id, (c) => add(c, id));
    const loaded = async (id: string) => (await batchStore().load(id))!;
    // the relay has published what they carried
    await store.collection.updateMany({ _id: { $in: ['b-old', 'b-stale', 'b-exists'] } } as never, { $set: { outbox: [], outboxPending: 0 } });
    const old = await loaded('b-old');
    const stale = await loaded('b-stale');
    // another writer changes b-stale after it was loaded
    await h('b-stale', (c) => add(c, 'b-stale'));
    const results = await h.many([
      { id: 'b-new', decide: (c) => add(c, 'b-new'), loaded: null },
      { id: 'b-old', decide: (c) => add(c, 'b-old'), loaded: old },
      { id: 'b-stale', decide: (c) => add(c, 'b-stale'), loaded: stale },
      { id: 'b-exists', decide: (c) => (c ? ignore('there already') : add(c, 'b-exists')), loaded: null },
      { id: 'b-refused', decide: () => reject('tally.invalid', 'no tallies of this kind'), loaded: null },
    ]);
    expect(results.map((r) => r.result)).toEqual(['written', 'written', 'written', 'ignored', 'rejected']);
    const r4 = results[4]!;
    expect(r4.result === 'rejected' && r4.error.code).toBe('tally.invalid');
    const docs = await store.collection.find({ _id: { $in: ['b-new', 'b-old', 'b-stale', 'b-exists', 'b-refused'] } } as never).sort({ _id: 1 }).toArray();
    expect(docs.map((d) => [d._id, d.count, d.version, (d.outbox as unknown[]).length])).toEqual([
      ['b-exists', 1, 1, 0],
      ['b-new', 1, 1, 1],
      ['b-old', 2, 2, 1],
      // the other writer's event is pending: the batch leaves it, the one-by-one write adds its own behind it
      ['b-stale', 3, 3, 2],
    ]);
  });
});
