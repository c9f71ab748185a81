import { randomUUID } from 'node:crypto';
import { connectMongo, createProducer, ensureTopics } from '@ftt/kit';
import { benchKafka, joined, kitLikeConsumer, sleep } from './kafka';
import { roundSummary, summarize } from './stats';

/**
 * The floor: what the infrastructure alone costs, measured on the same broker and database as the saga.
 *
 * Kafka hop: one message produced with acks=-1 (as the outbox relay publishes) and consumed by a
 * consumer-group member with the kit's settings (maxWaitTimeInMs 250), serially, one at a time; the time
 * from calling send() to the consumer's eachMessage. The value and headers are the size of a saga event.
 */
export const measureKafkaHop = async (o: {
  brokers: string;
  topicPrefix: string;
  count: number;
  timeoutMs: number;
}) => {
  const kafka = benchKafka(`bench-floor-${randomUUID().slice(0, 8)}`, o.brokers);
  const topic = `${o.topicPrefix}bench.floor.hop`;
  await ensureTopics(kafka, '', [topic]);
  const producer = createProducer(kafka);
  const consumer = kitLikeConsumer(kafka, `${o.topicPrefix}bench-floor-${randomUUID()}`);
  const waiting = new Map<string, (at: number) => void>();
  await producer.connect();
  await consumer.connect();
  try {
    const isJoined = joined(consumer);
    // A fresh topic: from the beginning, so the first message is not lost to the offset reset.
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const at = performance.now();
        const id = message.key?.toString() ?? '';
        waiting.get(id)?.(at);
        waiting.delete(id);
      },
    });
    await isJoined;
    // A saga event: ~600 bytes of JSON and the CloudEvents headers.
    const value = JSON.stringify({ orderId: randomUUID(), pad: 'x'.repeat(520) });
    const headers = (id: string): Record<string, string> => ({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: id,
      ce_source: '/bench',
      ce_type: 'bench.floor.hop.v1',
      ce_time: new Date().toISOString(),
      ce_correlationid: id,
    });
    const warmup = 20;
    const hops: number[] = [];
    let lost = 0;
    const until = performance.now() + o.timeoutMs;
    for (let i = 0; i < o.count + warmup && performance.now() < until; i++) {
      const id = randomUUID();
      const arrived = new Promise<number>((resolve) => waiting.set(id, resolve));
      const t0 = performance.now();
      await producer.send({ topic, acks: -1, messages: [{ key: id, value, headers: headers(id) }] });
      const at = await Promise.race([arrived, sleep(5_000).then(() => undefined)]);
      if (at === undefined) {
        waiting.delete(id);
        lost++;
        continue;
      }
      if (i >= warmup) hops.push(at - t0);
    }
    return { messages: hops.length, lost, hopMs: roundSummary(summarize(hops)), raw: summarize(hops) };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
};

/**
 * The database server: `$inc` of one field of one document through the kit's connectMongo, for a fixed
 * time: serially, with a few concurrent callers on one connection, and the same callers on as many
 * connections (the server's own concurrency; an update lost there is counted as `lostUpdates`).
 */
export const measureMongoUpdates = async (o: { mongoUrl: string; ms: number; concurrency: number }) => {
  const run = async (label: string, poolSize: number, concurrency: number) => {
    const conn = await connectMongo(o.mongoUrl, poolSize, { monitorCommands: false });
    try {
      const col = conn.db!.collection<{ _id: string; n: number }>('floor');
      const _id = `${label}-${randomUUID()}`;
      await col.insertOne({ _id, n: 0 });
      for (let i = 0; i < 20; i++) await col.updateOne({ _id }, { $inc: { n: 1 } }); // warm
      let done = 0;
      const lat: number[] = [];
      const t0 = performance.now();
      const until = t0 + o.ms;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = 0; i < 1_000_000 && performance.now() < until; i++) {
            const s = performance.now();
            await col.updateOne({ _id }, { $inc: { n: 1 } });
            lat.push(performance.now() - s);
            done++;
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const doc = await col.findOne({ _id });
      return {
        label,
        poolSize,
        concurrency,
        updates: done,
        updatesPerSecond: Math.round(done / seconds),
        latencyMs: roundSummary(summarize(lat)),
        lostUpdates: done + 20 - (doc?.n ?? 0),
      };
    } finally {
      await conn.close().catch(() => undefined);
    }
  };
  const serial = await run('serial', 1, 1);
  const concurrentOneConnection = await run('concurrent-1-connection', 1, o.concurrency);
  const concurrentManyConnections = await run('concurrent-n-connections', o.concurrency, o.concurrency);
  return { serial, concurrentOneConnection, concurrentManyConnections };
};
