import { createEvent } from '@ftt/contracts';
import type { Producer, ProducerBatch } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { EventPublisher, type PublishItem } from '../src/kafka/publisher';
import { listingSnapshot } from './fixtures/listing-snapshot';

const item = (listingId: string): PublishItem => {
  const e = createEvent('ftt.catalog.listing.published.v1', listingSnapshot(listingId, 1, 100), {
    source: '/t',
    correlationid: 'c',
  });
  return { topic: e.topic, key: e.key, envelope: e.envelope };
};

/** A producer whose requests finish when the test says so; a request with a key in `refuse` fails. */
const fakeProducer = (refuse: Set<string> = new Set()) => {
  const requests: { keys: string[]; done: () => void }[] = [];
  const producer = {
    sendBatch: (b: ProducerBatch) =>
      new Promise((resolve, reject) => {
        const keys = (b.topicMessages ?? []).flatMap((t) => t.messages.map((m) => String(m.key)));
        requests.push({
          keys,
          done: () =>
            keys.some((k) => refuse.has(k))
              ? reject(Object.assign(new Error('message too large'), { name: 'KafkaJSProtocolError', retriable: false }))
              : resolve([]),
        });
      }),
  } as unknown as Producer;
  return { producer, requests };
};

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('EventPublisher coalesces what arrives while a request is in flight', () => {
  it('sends at once when idle, then everything that waited in one request, in arrival order', async () => {
    const { producer, requests } = fakeProducer();
    const p = new EventPublisher(producer, 'x.');
    const first = p.publish([item('a')]);
    await settle();
    expect(requests.map((r) => r.keys)).toEqual([['a']]);
    const second = p.publish([item('b'), item('c')]);
    const third = p.publish([item('d')]);
    await settle();
    expect(requests).toHaveLength(1); // waiting for the first to be acknowledged
    requests[0]!.done();
    await first;
    await settle();
    expect(requests.map((r) => r.keys)).toEqual([['a'], ['b', 'c', 'd']]);
    requests[1]!.done();
    await Promise.all([second, third]);
  });

  it('a content error in a coalesced request fails only the caller whose events caused it', async () => {
    const { producer, requests } = fakeProducer(new Set(['bad']));
    const p = new EventPublisher(producer, 'x.');
    const first = p.publish([item('a')]);
    const good = p.publish([item('g')]);
    const bad = p.publish([item('bad')]);
    await settle();
    requests[0]!.done();
    await first;
    await settle();
    requests[1]!.done(); // g + bad together: refused
    await settle();
    // Each caller again on its own.
    for (let i = 2; i < 4; i++) {
      await settle();
      requests[i]!.done();
    }
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow('message too large');
    expect(requests.map((r) => r.keys)).toEqual([['a'], ['g', 'bad'], ['g'], ['bad']]);
  });
});
