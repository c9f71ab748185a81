import { listingSnapshot as snapshot } from './fixtures/listing-snapshot';
import { createEvent, Topics, toWire, type ListingSnapshot, type TypedEnvelope } from '@ftt/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { EventProbe, eventually, testEnv } from '../src/testing';
import {
  createKafka,
  createLogger,
  createProducer,
  runConsumer,
  type BatchMeta,
  type RunningConsumer,
} from '../src/index';

/**
 * runConsumer's batch path (handleBatch) against the real broker. Each test has a topic prefix and group of its own,
 * writes its messages under one key (one partition) before the consumer starts, so the first fetch holds them all.
 */
const log = createLogger('test', 'silent');
const open: { consumer?: RunningConsumer; probe: EventProbe; stop: () => Promise<void> }[] = [];

afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.consumer?.stop();
    await o.probe.close();
    await o.stop();
  }
});

const setUp = async () => {
  const t = testEnv('cbatch');
  const kafka = createKafka('consumer-batch-test', t.kafkaBrokers.split(','), log);
  const producer = createProducer(kafka);
  await producer.connect();
  const probe = await new EventProbe(t).listen([Topics.listings]);
  const entry: (typeof open)[number] = { probe, stop: () => producer.disconnect() };
  open.push(entry);
  const wire = (d: ListingSnapshot) =>
    toWire(
      'one-key',
      createEvent('ftt.catalog.listing.published.v1', d, { source: '/t', correlationid: 'c' }).envelope,
    );
  const committed = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [topic] = await admin.fetchOffsets({
        groupId: `${t.topicPrefix}batch`,
        topics: [t.topicPrefix + Topics.listings],
      });
      return (topic?.partitions ?? []).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    } finally {
      await admin.disconnect();
    }
  };
  const start = async (
    handleBatch: (events: TypedEnvelope[], meta: BatchMeta) => Promise<void>,
    handle: (event: TypedEnvelope) => Promise<void> = async () => {
      throw new Error('the per-message path was not expected');
    },
  ) => {
    entry.consumer = await runConsumer({
      kafka,
      producer,
      groupId: `${t.topicPrefix}batch`,
      topicPrefix: t.topicPrefix,
      topics: [Topics.listings],
      log,
      retryBaseMs: 50,
      maxAttempts: 3,
      handle,
      handleBatch,
    });
  };
  return { t, probe, wire, start, committed };
};

const titles = (events: TypedEnvelope[]) =>
  events.map((e) => (e.type === 'ftt.catalog.listing.published.v1' ? e.data.listingId : e.type));

describe('the consumer with a batch handler', () => {
  it('when a partition has several messages, then they are handed over in one call, in order, and committed', async () => {
    const { probe, wire, start, committed } = await setUp();
    for (const id of ['b-1', 'b-2', 'b-3', 'b-4'])
      await probe.sendRaw(Topics.listings, wire(snapshot(id, 1, 100)));
    const calls: { ids: string[]; meta: BatchMeta }[] = [];
    await start(async (events, meta) => {
      calls.push({ ids: titles(events), meta });
    });
    await eventually(async () => (await committed()) === 4);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(['b-1', 'b-2', 'b-3', 'b-4']);
    expect(calls[0]?.meta.offsets).toEqual(['0', '1', '2', '3']);
  });

  it('when a malformed message sits in the middle, then it alone is dead-lettered and the rest is handled', async () => {
    const { t, probe, wire, start, committed } = await setUp();
    await probe.sendRaw(Topics.listings, wire(snapshot('m-1', 1, 100)));
    await probe.sendRaw(Topics.listings, {
      key: 'one-key',
      value: '{not json',
      headers: { ce_type: 'ftt.catalog.listing.published.v1' },
    });
    await probe.sendRaw(Topics.listings, wire(snapshot('m-3', 1, 100)));
    const handled: string[] = [];
    await start(async (events) => {
      handled.push(...titles(events));
    });
    await eventually(async () => (await committed()) === 3);
    expect(handled).toEqual(['m-1', 'm-3']);
    const dead = await eventually(() => {
      const d = probe.deadLetters(Topics.listings);
      return d.length >= 1 ? d : undefined;
    });
    expect(dead).toHaveLength(1);
    expect(dead?.[0]?.value).toBe('{not json');
    expect(dead?.[0]?.headers['x-dlq-source-topic']).toBe(t.topicPrefix + Topics.listings);
  });

  it('when a valid event in the middle fails every retry, then the batch is handled one by one and only that event is dead-lettered', async () => {
    const { probe, wire, start, committed } = await setUp();
    for (const d of [
      snapshot('p-1', 1, 100),
      { ...snapshot('p-2', 1, 100), title: 'poison' },
      snapshot('p-3', 1, 100),
    ])
      await probe.sendRaw(Topics.listings, wire(d));
    let batchCalls = 0;
    const single: string[] = [];
    await start(
      async (events) => {
        batchCalls++;
        if (events.some((e) => e.type === 'ftt.catalog.listing.published.v1' && e.data.title === 'poison'))
          throw new Error('downstream rejects poison');
      },
      async (e) => {
        if (e.type !== 'ftt.catalog.listing.published.v1') return;
        if (e.data.title === 'poison') throw new Error('downstream rejects poison');
        single.push(e.data.listingId);
      },
    );
    await eventually(async () => (await committed()) === 3, 20_000);
    expect(batchCalls).toBe(3); // maxAttempts
    expect(single).toEqual(['p-1', 'p-3']);
    const dead = probe.deadLetters(Topics.listings);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.value).toContain('poison');
    expect(dead[0]?.headers['x-dlq-error']).toMatch(/downstream rejects poison/);
  });

  it('when the batch handler fails, then nothing is committed until a retry succeeds', async () => {
    const { probe, wire, start, committed } = await setUp();
    for (const id of ['r-1', 'r-2']) await probe.sendRaw(Topics.listings, wire(snapshot(id, 1, 100)));
    let attempts = 0;
    let release = false;
    const seen: string[][] = [];
    await start(async (events) => {
      attempts++;
      seen.push(titles(events));
      // Fails until the test has looked at the committed offsets; maxAttempts 3 would end the retries, so the
      // second attempt waits for the release.
      if (attempts === 1) throw new Error('database away');
      while (!release) await new Promise((r) => setTimeout(r, 50));
    });
    await eventually(() => attempts === 2);
    // The first attempt failed and the second has not returned: the group has committed nothing.
    await new Promise((r) => setTimeout(r, 1200)); // longer than the auto-commit interval (500 ms)
    expect(await committed()).toBe(0);
    release = true;
    await eventually(async () => (await committed()) === 2);
    expect(seen).toEqual([
      ['r-1', 'r-2'],
      ['r-1', 'r-2'],
    ]);
  });
});
