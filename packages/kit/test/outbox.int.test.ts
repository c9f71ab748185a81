import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Topics } from '@ftt/contracts';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventProbe, eventually, testEnv } from '../src/testing';
import {
  AggregateStore,
  connectMongo,
  createKafka,
  createLogger,
  createProducer,
  EventPublisher,
  OutboxRelay,
} from '../src/index';

const t = testEnv('outbox');
const log = createLogger('test', 'silent');
let db: Connection;
let probe: EventProbe;
const kafka = createKafka('outbox-test', t.kafkaBrokers.split(','), log);
const producer = createProducer(kafka);

beforeAll(async () => {
  db = await connectMongo(t.mongoUrl);
  await producer.connect();
  probe = await new EventProbe(t).listen([Topics.orders]);
});
afterAll(async () => {
  await probe.close();
  await producer.disconnect();
  await db.close();
});

/**
 * Counts the calls of one method of a collection (the relay releases one document and claims with findOneAndUpdate,
 * and releases a batch with updateMany; writers use updateOne). `restore` puts the method back.
 */
const counting = (c: ReturnType<Connection['collection']>, method: 'findOneAndUpdate' | 'updateMany') => {
  const target = c as unknown as Record<string, (...a: unknown[]) => unknown>;
  const original = target[method]!.bind(c);
  const counter = { calls: 0, restore: () => void (target[method] = original) };
  target[method] = (...a: unknown[]) => {
    counter.calls++;
    return original(...a);
  };
  return counter;
};

describe('the outbox', () => {
  /** A relay over the test's orders collection (as a service starts one), publishing to the broker unless told. */
  const ordersRelay = (o: { pollMs: number; publisher?: EventPublisher; releaseDelayMs?: number; leaseMs?: number }) =>
    new OutboxRelay({
      collections: [db.collection('orders')],
      publisher: o.publisher ?? new EventPublisher(producer, t.topicPrefix),
      log,
      pollMs: o.pollMs,
      releaseDelayMs: o.releaseDelayMs,
      leaseMs: o.leaseMs,
    });

  it('when a process is SIGKILLed after the state write and before the publish, then a restarted relay publishes the event once', async () => {
    const orderId = `ord-${t.run}-crash`;
    const run = promisify(execFile);
    const child = await run(
      process.execPath,
      ['--import', 'tsx', 'packages/kit/test/fixtures/crash-after-write.ts', t.mongoUrl, orderId],
      {
        cwd: new URL('../../..', import.meta.url).pathname,
      },
    ).catch((err: { signal?: string; stdout?: string }) => err);
    expect((child as { signal?: string }).signal).toBe('SIGKILL');
    const eventId = /written (\S+)/.exec(String(child.stdout))?.[1];
    expect(eventId).toBeTruthy();

    const stored = await db.collection('orders').findOne({ _id: orderId as never });
    expect(stored?.outboxPending).toBe(1);
    expect(probe.events.some((e) => e.id === eventId)).toBe(false);

    // "After restart": a new relay (as a restarted service would start) finds the entry by scanning.
    const relay = ordersRelay({ pollMs: 100 });
    relay.start();
    await eventually(() => probe.events.some((e) => e.id === eventId));
    await eventually(
      async () => (await db.collection('orders').findOne({ _id: orderId as never }))?.outboxPending === 0,
    );
    await new Promise((r) => setTimeout(r, 500)); // give a duplicate the chance to show up
    await relay.stop();
    expect(probe.events.filter((e) => e.id === eventId)).toHaveLength(1);
    const after = await db.collection('orders').findOne({ _id: orderId as never });
    expect(after?.outbox).toEqual([]);
  });

  it('when the broker is unreachable, then the entry stays pending and is published once it is back', async () => {
    const orderId = `ord-${t.run}-retry`;
    const store = new AggregateStore(db.collection('orders'));
    const { createEvent } = await import('@ftt/contracts');
    const event = createEvent(
      'ftt.orders.order.completed.v1',
      { orderId, completedAt: new Date().toISOString() },
      { source: '/t', correlationid: orderId },
    );
    await store.insert(orderId, { state: 'completed' }, { events: [event] });
    let failures = 0;
    const flaky = {
      publish: async (items: Parameters<EventPublisher['publish']>[0]) => {
        if (failures++ < 2) throw new Error('broker unreachable (simulated)');
        return new EventPublisher(producer, t.topicPrefix).publish(items);
      },
    } as EventPublisher;
    const relay = ordersRelay({ pollMs: 50, publisher: flaky });
    relay.start();
    await eventually(() => probe.events.some((e) => e.id === event.envelope.id));
    await relay.stop();
    expect(failures).toBeGreaterThanOrEqual(3);
    expect(probe.events.filter((e) => e.id === event.envelope.id)).toHaveLength(1);
  });

  it('when several events are written to one aggregate, then they are published in order under its key', async () => {
    const orderId = `ord-${t.run}-order`;
    const store = new AggregateStore(db.collection('orders'));
    const relay = ordersRelay({ pollMs: 50 });
    relay.start();
    const { createEvent } = await import('@ftt/contracts');
    const ids: string[] = [];
    await store.insert(orderId, { n: 0 });
    for (let i = 1; i <= 5; i++) {
      const e = createEvent(
        'ftt.orders.payment.failed.v1',
        { orderId, paymentId: `pi_${i}`, provider: 'test', reason: `try ${i}` },
        { source: '/t', correlationid: orderId },
      );
      ids.push(e.envelope.id);
      const w = await store.update(orderId, i, { n: i }, { events: [e] });
      expect(w).toBe('written');
      relay.kick(db.collection('orders'), orderId);
    }
    await eventually(() => ids.every((id) => probe.events.some((e) => e.id === id)));
    await relay.stop();
    const seen = probe.events.filter((e) => ids.includes(e.id)).map((e) => e.id);
    expect(seen).toEqual(ids);
  });
  it('when a relay runs in the writer\'s process, then the write itself hands its events over: published with no kick and no scan', async () => {
    const orderId = `ord-${t.run}-leased`;
    const orders = db.collection('orders');
    const store = new AggregateStore(orders);
    const relay = ordersRelay({ pollMs: 600_000 }); // its scan is far away: only the writes can publish
    relay.start();
    const { createEvent } = await import('@ftt/contracts');
    const event = (i: number) =>
      createEvent(
        'ftt.orders.payment.failed.v1',
        { orderId, paymentId: `pi_${i}`, provider: 'test', reason: `try ${i}` },
        { source: '/t', correlationid: orderId },
      );
    const first = event(0);
    expect(await store.insert(orderId, { n: 0 }, { events: [first] })).toBe('written');
    await eventually(() => probe.events.some((e) => e.id === first.envelope.id));
    await eventually(async () => (await orders.findOne({ _id: orderId as never }))?.outboxPending === 0);
    // Writes in quick succession: the first takes the lease, the next ones find it pending and write without;
    // the leased publish drains them after its own, in order.
    const later = [1, 2, 3].map(event);
    for (const [i, e] of later.entries()) expect(await store.update(orderId, i + 1, { n: i + 1 }, { events: [e] })).toBe('written');
    const ids = later.map((e) => e.envelope.id);
    await eventually(() => ids.every((id) => probe.events.some((e) => e.id === id)));
    await eventually(async () => (await orders.findOne({ _id: orderId as never }))?.outboxPending === 0);
    await relay.stop();
    const stored = await orders.findOne({ _id: orderId as never });
    expect(stored?.outbox).toEqual([]);
    expect(stored?.outboxLeaseUntil).toBeNull();
    expect(probe.events.filter((e) => ids.includes(e.id)).map((e) => e.id)).toEqual(ids);
    expect(probe.events.filter((e) => e.id === first.envelope.id)).toHaveLength(1);
  });

  it('when the next write of a document comes while its published events wait for their release, then that write releases them', async () => {
    const orderId = `ord-${t.run}-folded`;
    const orders = db.collection('orders');
    const [single, batches] = [counting(orders, 'findOneAndUpdate'), counting(orders, 'updateMany')];
    const releases = () => single.calls + batches.calls;
    const store = new AggregateStore(orders);
    const relay = ordersRelay({ pollMs: 600_000, releaseDelayMs: 5_000, leaseMs: 60_000 });
    relay.start();
    try {
      const { createEvent } = await import('@ftt/contracts');
      const event = (i: number) =>
        createEvent('ftt.orders.payment.failed.v1', { orderId, paymentId: `pi_${i}`, provider: 'test', reason: `try ${i}` }, { source: '/t', correlationid: orderId });
      const [a, b] = [event(1), event(2)];
      expect(await store.insert(orderId, { n: 0 }, { events: [a] })).toBe('written');
      relay.kick(orders, orderId); // as a service's command handler does after every write with events
      await eventually(() => probe.events.some((e) => e.id === a.envelope.id));
      // Published, not released yet: still on the document under the relay's lease, and no backlog.
      expect(await orders.findOne({ _id: orderId as never })).toMatchObject({ outboxPending: 1, outboxLeaseUntil: expect.any(Date) });
      expect(await relay.backlog()).toBe(0);

      expect(await store.update(orderId, 1, { n: 1 }, { events: [b] })).toBe('written');
      relay.kick(orders, orderId);
      await eventually(() => probe.events.some((e) => e.id === b.envelope.id));
      const between = await orders.findOne({ _id: orderId as never });
      expect(between?.outbox.map((e: { eventId: string }) => e.eventId)).toEqual([b.envelope.id]);
      expect(between?.outboxPending).toBe(1);
      expect(releases()).toBe(0);
    } finally {
      // A graceful stop releases what still waits: the one release of the relay's own.
      await relay.stop();
      single.restore();
      batches.restore();
    }
    expect(releases()).toBe(1);
    expect(await orders.findOne({ _id: orderId as never })).toMatchObject({ n: 1, version: 2, outbox: [], outboxPending: 0, outboxLeaseUntil: null });
    expect(probe.events.filter((e) => e.data && (e.data as { orderId?: string }).orderId === orderId)).toHaveLength(2);
  });

  it('when no write follows a published event, then the relay releases it after its delay', async () => {
    const orderId = `ord-${t.run}-delayed`;
    const orders = db.collection('orders');
    const store = new AggregateStore(orders);
    const relay = ordersRelay({ pollMs: 600_000, releaseDelayMs: 300 });
    relay.start();
    try {
      const { createEvent } = await import('@ftt/contracts');
      const e = createEvent('ftt.orders.payment.failed.v1', { orderId, paymentId: 'pi_1', provider: 'test', reason: 'no' }, { source: '/t', correlationid: orderId });
      expect(await store.insert(orderId, { n: 0 }, { events: [e] })).toBe('written');
      await eventually(() => probe.events.some((x) => x.id === e.envelope.id));
      await eventually(async () => (await orders.findOne({ _id: orderId as never }))?.outboxPending === 0, 5_000);
      expect(await orders.findOne({ _id: orderId as never })).toMatchObject({ outbox: [], outboxLeaseUntil: null });
    } finally {
      await relay.stop();
    }
  });

  it('when no write takes them, then the published events of many documents are released in one update, and a document that got another event meanwhile on its own', async () => {
    const orders = db.collection('orders');
    const [single, batches] = [counting(orders, 'findOneAndUpdate'), counting(orders, 'updateMany')];
    const store = new AggregateStore(orders);
    const relay = ordersRelay({ pollMs: 600_000, releaseDelayMs: 400, leaseMs: 60_000 });
    relay.start();
    const { createEvent, toOutboxEntries } = { ...(await import('@ftt/contracts')), ...(await import('../src/mongo/outbox')) };
    const ids = [0, 1, 2, 3, 4].map((i) => `ord-${t.run}-batch-${i}`);
    const event = (orderId: string, reason: string) =>
      createEvent('ftt.orders.payment.failed.v1', { orderId, paymentId: 'pi_1', provider: 'test', reason }, { source: '/t', correlationid: orderId });
    const first = ids.map((id) => event(id, 'first'));
    const second = event(ids[4]!, 'second'); // one document publishes two events at once
    const later = event(ids[0]!, 'later');
    try {
      for (const [i, id] of ids.entries()) expect(await store.insert(id, { n: 0 }, { events: i === 4 ? [first[i]!, second] : [first[i]!] })).toBe('written');
      await eventually(() => [...first, second].every((e) => probe.events.some((x) => x.id === e.envelope.id)));
      // Another process adds an event behind the published one, which is under this relay's lease: it cannot take it.
      await orders.updateOne({ _id: ids[0] as never }, { $push: { outbox: { $each: toOutboxEntries([later]) } }, $inc: { outboxPending: 1 } } as never);

      await eventually(() => probe.events.some((x) => x.id === later.envelope.id), 5_000);
      await eventually(async () => (await orders.countDocuments({ _id: { $in: ids as never[] }, outboxPending: 0, outboxLeaseUntil: null })) === ids.length, 5_000);
    } finally {
      await relay.stop();
      single.restore();
      batches.restore();
    }
    for (const id of ids) expect(await orders.findOne({ _id: id as never })).toMatchObject({ outbox: [], outboxPending: 0, outboxLeaseUntil: null });
    // One document alone: the one that got another event (its release, then the claim that publishes that event).
    expect(single.calls).toBe(2);
    // The rest in batches: one a tick per number of events (the ages of the five may straddle a tick), one more later.
    expect(batches.calls).toBeGreaterThanOrEqual(2);
    expect(batches.calls).toBeLessThanOrEqual(5);
    for (const e of [...first, second, later]) expect(probe.events.filter((x) => x.id === e.envelope.id)).toHaveLength(1);
  });
});
