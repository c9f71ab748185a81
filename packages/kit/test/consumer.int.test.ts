import { listingSnapshot } from './fixtures/listing-snapshot';
import { createEvent, Topics, toWire, type ListingSnapshot } from '@ftt/contracts';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventProbe, eventually, testEnv } from '../src/testing';
import {
  AggregateStore,
  connectMongo,
  createKafka,
  createLogger,
  createProducer,
  runConsumer,
  type RunningConsumer,
} from '../src/index';

const t = testEnv('consumer');
const log = createLogger('test', 'silent');
let db: Connection;
let probe: EventProbe;
let consumer: RunningConsumer;
const kafka = createKafka('consumer-test', t.kafkaBrokers.split(','), log);
const producer = createProducer(kafka);
const attempts = new Map<string, number>();
const handled: string[] = [];

const snapshot = listingSnapshot;

/** A consumer group of this run's listings topic (`name` tells the tests' groups apart). */
const listingsGroup = (name: string) => ({
  kafka,
  producer,
  groupId: `${t.topicPrefix}${name}`,
  topicPrefix: t.topicPrefix,
  topics: [Topics.listings],
  log,
});

beforeAll(async () => {
  db = await connectMongo(t.mongoUrl);
  await producer.connect();
  probe = await new EventProbe(t).listen([Topics.listings]);
  const store = new AggregateStore(db.collection('readmodel'));
  consumer = await runConsumer({
    ...listingsGroup('consumer-test'),
    retryBaseMs: 10,
    maxAttempts: 3,
    actsOn: new Set(['ftt.catalog.listing.updated.v1', 'ftt.catalog.listing.published.v1']),
    handle: async (event) => {
      handled.push(event.id);
      if (
        event.type !== 'ftt.catalog.listing.updated.v1' &&
        event.type !== 'ftt.catalog.listing.published.v1'
      )
        return;
      const d = event.data;
      attempts.set(d.listingId, (attempts.get(d.listingId) ?? 0) + 1);
      if (d.title === 'always fails') throw new Error('downstream keeps failing');
      // An idempotent, order-aware effect: count applications, keep the newest snapshot only.
      const current = await store.get<{ listingVersion: number; applied: number }>(d.listingId);
      if (!current) {
        await store.insert(
          d.listingId,
          { listingVersion: d.version, price: d.unitPrice.amount, applied: 1 },
          { processedEventId: event.id },
        );
        return;
      }
      if (d.version <= current.listingVersion) return; // older than what we hold: no effect
      await store.update(
        d.listingId,
        current.version,
        { listingVersion: d.version, price: d.unitPrice.amount, applied: current.applied + 1 },
        { processedEventId: event.id },
      );
    },
  });
});
afterAll(async () => {
  await consumer.stop();
  await probe.close();
  await producer.disconnect();
  await db.close();
});

const readModel = (id: string) => db.collection('readmodel').findOne({ _id: id as never });

describe('the consumer', () => {
  it('when the same event is delivered twice, then it has one effect', async () => {
    const e = await probe.send('ftt.catalog.listing.published.v1', snapshot('l-dup', 1, 100));
    await probe.send('ftt.catalog.listing.published.v1', snapshot('l-dup', 1, 100), { id: e.id });
    const marker = await probe.send('ftt.catalog.listing.updated.v1', snapshot('l-dup', 2, 120));
    await eventually(async () => (await readModel('l-dup'))?.listingVersion === 2);
    const doc = await readModel('l-dup');
    expect(doc?.applied).toBe(2);
    expect(doc?.processedEventIds).toEqual([e.id, marker.id]);
  });

  it('when an older event arrives after a newer one, then the newer state stays', async () => {
    await probe.send('ftt.catalog.listing.published.v1', snapshot('l-old', 1, 100));
    await probe.send('ftt.catalog.listing.updated.v1', snapshot('l-old', 3, 300));
    await probe.send('ftt.catalog.listing.updated.v1', snapshot('l-old', 2, 200));
    await eventually(() => attempts.get('l-old') === 3);
    const doc = await readModel('l-old');
    expect(doc).toMatchObject({ listingVersion: 3, price: 300, applied: 2 });
  });

  it('when a message is malformed or fails every retry, then it is dead-lettered with the error and the next one is processed', async () => {
    // All three share one key, so one partition: the bad ones must not block the good one behind them.
    const mk = (d: ListingSnapshot) =>
      toWire(
        'same-key',
        createEvent('ftt.catalog.listing.published.v1', d, { source: '/t', correlationid: 'c' }).envelope,
      );
    await probe.sendRaw(Topics.listings, {
      key: 'same-key',
      value: '{not json',
      headers: { ce_type: 'ftt.catalog.listing.published.v1' },
    });
    await probe.sendRaw(Topics.listings, mk({ ...snapshot('l-fail', 1, 100), title: 'always fails' }));
    await probe.sendRaw(Topics.listings, mk(snapshot('l-after', 1, 100)));
    await eventually(async () => (await readModel('l-after')) !== null);
    const dead = await eventually(() => {
      const d = probe.deadLetters(Topics.listings);
      return d.length >= 2 ? d : undefined;
    });
    expect(dead?.find((d) => d.value === '{not json')?.headers['x-dlq-error']).toMatch(/not JSON/);
    expect(dead?.find((d) => d.value.includes('always fails'))?.headers['x-dlq-error']).toMatch(
      /downstream keeps failing/,
    );
    expect(dead?.every((d) => d.headers['x-dlq-source-topic'] === t.topicPrefix + Topics.listings)).toBe(
      true,
    );
    expect(attempts.get('l-fail')).toBe(3);
  });

  it('when a message is of a type the service does not act on, then it is passed over undecoded, and the next one is processed', async () => {
    // Not even valid JSON: a type outside actsOn is never decoded, so it cannot be dead-lettered here either.
    // One key, so one partition: all three are consumed in this order.
    await probe.sendRaw(Topics.listings, {
      key: 'l-next',
      value: '{not json either',
      headers: { ce_type: 'ftt.catalog.listing.archived.v1' },
    });
    const archived = await probe.send('ftt.catalog.listing.archived.v1', {
      listingId: 'l-next',
      farmId: 'f-1',
      version: 2,
      archivedAt: new Date().toISOString(),
    });
    await probe.send('ftt.catalog.listing.published.v1', snapshot('l-next', 1, 100));
    await eventually(async () => (await readModel('l-next')) !== null);
    expect(handled).not.toContain(archived.id);
    expect(probe.deadLetters(Topics.listings).some((d) => d.value === '{not json either')).toBe(false);
  });
});

describe('the consumer, with one partition holding many keys', () => {
  it('when a batch holds several keys, then different keys are handled at once and each key\'s messages in their order', async () => {
    const seen: { key: string; version: number }[] = [];
    let running = 0;
    let most = 0;
    const group = await runConsumer({
      ...listingsGroup('consumer-keys'),
      handle: async (event) => {
        if (event.type !== 'ftt.catalog.listing.published.v1' || !event.data.listingId.startsWith('kc-')) return;
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 30 + Math.random() * 30)); // a handler's database round trips
        seen.push({ key: event.data.listingId, version: event.data.version });
        running--;
      },
    });
    try {
      const keys = ['kc-a', 'kc-b', 'kc-c', 'kc-d', 'kc-e'].map((k) => `${k}-${t.run}`);
      // All in partition 0, in one request, so that one fetch brings several keys in one batch.
      const messages = [1, 2, 3].flatMap((version) =>
        keys.map((key) => {
          const e = createEvent('ftt.catalog.listing.published.v1', snapshot(key, version, 100), {
            source: '/test',
            correlationid: key,
          });
          return { ...toWire(key, e.envelope), partition: 0 };
        }),
      );
      await producer.send({ topic: `${t.topicPrefix}${Topics.listings}`, messages });
      await eventually(() => seen.length === messages.length, 20_000);
      for (const key of keys) expect(seen.filter((s) => s.key === key).map((s) => s.version)).toEqual([1, 2, 3]);
      expect(most).toBeGreaterThan(1);
    } finally {
      await group.stop();
    }
  });
});
