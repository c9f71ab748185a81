import { deadLetterTopic, findEventDefinition, fromWire, type TypedEnvelope } from '@ftt/contracts';
import type { Admin, Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from '../logger';
import { ensureTopics } from './topics';
import { groupLag } from './lag';
import { consumerTelemetry, type Processing } from '../telemetry/kafka';

/** Throw this from a handler when retrying cannot help: the message goes straight to the dead letters. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

export interface ConsumerOptions {
  kafka: Kafka;
  /** Used to write dead letters. */
  producer: Producer;
  groupId: string;
  topicPrefix: string;
  /** Logical topic names from @ftt/contracts Topics. */
  topics: string[];
  log: Logger;
  handle: (event: TypedEnvelope, meta: MessageMeta) => Promise<void>;
  /**
   * Optional: handle a fetched batch of one partition at once (its decoded events in offset order, those not acted
   * on and the malformed ones left out; the malformed are dead-lettered first). Called once per batch, retried with
   * backoff like a single message; the batch's offsets are resolved only after it returned. When it keeps failing
   * (or throws PermanentError) the batch's events go one by one through `handle`, so only the poisonous one is
   * dead-lettered. Consumers without it keep the per-message path. It must be idempotent as `handle` is.
   */
  handleBatch?: ((events: TypedEnvelope[], meta: BatchMeta) => Promise<void>) | undefined;
  /** For topics created by this consumer (existing topics keep theirs); 3 by default. */
  numPartitions?: number | undefined;
  /** Partitions handled at once by this process (4 by default). */
  partitionsConsumedConcurrently?: number | undefined;
  /**
   * Within one fetched batch of a partition, how many message keys are handled at once (10 by default); messages of
   * one key always go one after another, in offset order. Handlers must already be safe to run concurrently for
   * different keys (partitions and service instances run concurrently too).
   */
  keyConcurrency?: number | undefined;
  /**
   * The event types `handle` acts on (eventHandler's actsOn). A message whose ce_type header names another type of
   * the contracts is passed over without decoding, validating or a span: on a shared topic most events are for
   * other services, and decoding them was a share of every consumer's CPU. A message with a missing or unknown
   * type is decoded as before (and dead-lettered when it is not an event of the contracts).
   */
  actsOn?: ReadonlySet<string> | undefined;
  maxAttempts?: number;
  retryBaseMs?: number;
  fromBeginning?: boolean;
  onProcessed?: (outcome: 'ok' | 'dead_letter', topic: string) => void;
}

export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
}

export interface BatchMeta {
  topic: string;
  partition: number;
  /** The offsets of `events`, in the same order. */
  offsets: string[];
}

export interface RunningConsumer {
  consumer: Consumer;
  /** Logical topics consumed (operators inspect and replay their dead letters). */
  topics: string[];
  /** The consumer group that commits these topics' offsets (their lag is this group's, not the service's default). */
  groupId: string;
  stop: () => Promise<void>;
  /** Pause / resume every subscribed topic (used by operators and tests). */
  pause: () => void;
  resume: () => void;
  /** Messages of the consumed topics this group has not processed yet (for backpressure). */
  lag: () => Promise<number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const headerText = (headers: IHeaders | undefined, name: string): string | undefined => {
  const v = headers?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
};

/**
 * A consumer-group loop with the guarantees the saga needs:
 * - every message is decoded and validated against the contracts; an invalid one is dead-lettered at once;
 * - a failing handler is retried with exponential backoff, then dead-lettered with its error;
 * - offsets are resolved (and so committed) only after the batch's messages were handled or dead-lettered;
 * - messages of one key are handled in order; different keys of a batch, and partitions, run concurrently.
 * Handlers must be idempotent: after a crash, messages since the last commit are delivered again.
 * With telemetry on, each message is handled inside a 'process' span that continues the message's
 * trace, and the handler's event.traceparent is that span's, so the events it causes nest under it.
 */
export const runConsumer = async (o: ConsumerOptions): Promise<RunningConsumer> => {
  // Subscribing before any producer ran must not miss the first messages: the topics exist before the group joins.
  await ensureTopics(o.kafka, o.topicPrefix, o.topics, o.numPartitions);
  const maxAttempts = o.maxAttempts ?? 5;
  const retryBaseMs = o.retryBaseMs ?? 100;
  const keyConcurrency = o.keyConcurrency ?? 10;
  const consumer = o.kafka.consumer({
    groupId: o.groupId,
    // With minBytes 1 the broker answers a fetch as soon as any message arrives, so the wait bounds only
    // idle polls: 20 ms cost each idle consumer 50 fetches a second (measured: ~0.5 core across the three
    // services and the broker with nothing to do); 3 s (the heartbeat interval) keeps idle cost low and hops
    // just as fast.
    maxWaitTimeInMs: 3000,
    minBytes: 1,
    sessionTimeout: 10_000,
    heartbeatInterval: 3_000,
    rebalanceTimeout: 20_000,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 3000 },
  });
  const fullTopics = o.topics.map((t) => o.topicPrefix + t);
  const telemetry = consumerTelemetry({ kafka: o.kafka, groupId: o.groupId, topics: fullTopics });

  const deadLetter = async (topic: string, partition: number, message: KafkaMessage, error: string) => {
    const headers: IHeaders = { ...(message.headers ?? {}) };
    headers['x-dlq-error'] = error.slice(0, 4000);
    headers['x-dlq-source-topic'] = topic;
    headers['x-dlq-source-partition'] = String(partition);
    headers['x-dlq-source-offset'] = message.offset;
    headers['x-dlq-consumer-group'] = o.groupId;
    headers['x-dlq-failed-at'] = new Date().toISOString();
    await o.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    o.log.warn(
      { topic, partition, offset: message.offset, type: headerText(message.headers, 'ce_type'), error },
      'message dead-lettered',
    );
    o.onProcessed?.('dead_letter', topic);
  };

  /** Decode, handle with retries, or dead-letter; never throws for the message's own faults. */
  const processMessage = async (
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    span: Processing | undefined,
  ): Promise<{ outcome: 'ok' | 'dead_letter'; error?: string }> => {
    const logicalTopic = topic.slice(o.topicPrefix.length);
    const decoded = fromWire({ value: message.value, headers: message.headers ?? {} });
    if (!decoded.ok) {
      await deadLetter(topic, partition, message, decoded.error);
      return { outcome: 'dead_letter', error: decoded.error };
    }
    span?.identify(decoded.event.id, decoded.event.type);
    const event = span ? { ...decoded.event, traceparent: span.traceparent } : decoded.event;
    for (let attempt = 1; ; attempt++) {
      try {
        await o.handle(event, { topic: logicalTopic, partition, offset: message.offset });
        o.onProcessed?.('ok', topic);
        return { outcome: 'ok' };
      } catch (err) {
        const e = err as Error;
        if (err instanceof PermanentError || attempt >= maxAttempts) {
          const error = `${e.name}: ${e.message}`;
          await deadLetter(topic, partition, message, error);
          return { outcome: 'dead_letter', error };
        }
        span?.retrying(attempt, e);
        o.log.warn(
          { err, attempt, type: decoded.event.type, eventId: decoded.event.id },
          'handler failed, retrying',
        );
        await sleep(Math.min(retryBaseMs * 2 ** (attempt - 1), 5000));
        await heartbeat();
      }
    }
  };

  /**
   * The batch path: skip what is not acted on, dead-letter what does not decode, hand the rest over at once with
   * retries; when the batch keeps failing, fall back to one message at a time (so a poisonous one is isolated).
   */
  const processBatch = async (
    handleBatch: NonNullable<ConsumerOptions['handleBatch']>,
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    k: {
      resolveOffset: (offset: string) => void;
      heartbeat: () => Promise<void>;
      isRunning: () => boolean;
      isStale: () => boolean;
      commitOffsetsIfNecessary: () => Promise<void>;
    },
  ) => {
    const logicalTopic = topic.slice(o.topicPrefix.length);
    const items: { message: KafkaMessage; event: TypedEnvelope }[] = [];
    for (const message of messages) {
      if (o.actsOn) {
        const type = headerText(message.headers, 'ce_type');
        if (type !== undefined && !o.actsOn.has(type) && findEventDefinition(type)) {
          o.onProcessed?.('ok', topic);
          continue;
        }
      }
      const decoded = fromWire({ value: message.value, headers: message.headers ?? {} });
      if (!decoded.ok) {
        await deadLetter(topic, partition, message, decoded.error);
        continue;
      }
      items.push({ message, event: decoded.event });
    }
    const resolveAll = async () => {
      const last = messages[messages.length - 1];
      if (last) k.resolveOffset(last.offset);
      await k.commitOffsetsIfNecessary();
      await k.heartbeat();
    };
    if (items.length === 0) return resolveAll();
    const meta: BatchMeta = { topic: logicalTopic, partition, offsets: items.map((i) => i.message.offset) };
    for (let attempt = 1; ; attempt++) {
      if (!k.isRunning() || k.isStale()) return; // nothing resolved: the batch is fetched again
      try {
        await handleBatch(
          items.map((i) => i.event),
          meta,
        );
        for (const _ of items) o.onProcessed?.('ok', topic);
        return resolveAll();
      } catch (err) {
        if (err instanceof PermanentError || attempt >= maxAttempts) {
          o.log.warn(
            { err, topic, partition, size: items.length },
            'batch failed, handling its messages one by one',
          );
          break;
        }
        o.log.warn({ err, attempt, topic, partition, size: items.length }, 'batch handler failed, retrying');
        await sleep(Math.min(retryBaseMs * 2 ** (attempt - 1), 5000));
        await k.heartbeat();
      }
    }
    // One at a time, in order: each is handled with its retries or dead-lettered, and resolved as it is done.
    for (const { message } of items) {
      if (!k.isRunning() || k.isStale()) return;
      await processMessage(topic, partition, message, k.heartbeat, undefined);
      k.resolveOffset(message.offset);
      await k.commitOffsetsIfNecessary();
    }
    return resolveAll();
  };

  await consumer.connect();
  // On KRaft the metadata request that auto-creates a missing topic answers UNKNOWN_TOPIC_OR_PARTITION
  // at first, which kafkajs does not retry: a service starting before its topics exist would crash.
  for (let attempt = 1; ; attempt++) {
    try {
      await consumer.subscribe({ topics: fullTopics, fromBeginning: o.fromBeginning ?? true });
      break;
    } catch (err) {
      if (attempt >= 10 || (err as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
      await sleep(200 * attempt);
    }
  }
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: 500,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: o.partitionsConsumedConcurrently ?? 4,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
      if (o.handleBatch) {
        await processBatch(o.handleBatch, batch.topic, batch.partition, batch.messages, {
          resolveOffset,
          heartbeat,
          isRunning,
          isStale,
          commitOffsetsIfNecessary,
        });
        return;
      }
      // Messages of one key (one aggregate) are handled in their order; different keys of the batch at once, up to
      // keyConcurrency. Handling a partition one message at a time made every handler's database round trips add up
      // (measured: catalog took 28 ms a message, mostly waiting, so its three partitions capped the saga near 25/s).
      const byKey = new Map<string, KafkaMessage[]>();
      for (const message of batch.messages) {
        if (o.actsOn) {
          const type = headerText(message.headers, 'ce_type');
          if (type !== undefined && !o.actsOn.has(type) && findEventDefinition(type)) {
            o.onProcessed?.('ok', batch.topic);
            continue;
          }
        }
        const key = message.key?.toString() ?? '';
        const same = byKey.get(key);
        if (same) same.push(message);
        else byKey.set(key, [message]);
      }
      const handleInOrder = async (messages: KafkaMessage[]) => {
        for (const message of messages) {
          if (!isRunning() || isStale()) return;
          const span = telemetry.start({
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString(),
            // The transport header names the producer's send span; the CloudEvents attribute, the writer's.
            traceparent:
              headerText(message.headers, 'traceparent') ?? headerText(message.headers, 'ce_traceparent'),
          });
          const process = () => processMessage(batch.topic, batch.partition, message, heartbeat, span);
          let result: Awaited<ReturnType<typeof process>>;
          try {
            result = span ? await span.run(process) : await process();
          } catch (err) {
            span?.fail(err); // e.g. the dead-letter topic is unreachable: kafkajs retries the batch
            throw err;
          }
          span?.end(result.outcome, result.error);
          await heartbeat(); // sent only when the heartbeat interval has passed: a long batch keeps the group's session
        }
      };
      const groups = [...byKey.values()];
      const workers = Array.from({ length: Math.min(keyConcurrency, groups.length) }, async () => {
        for (let g = groups.shift(); g; g = groups.shift()) await handleInOrder(g);
      });
      // Every worker finishes before a failure is passed on (kafkajs then fetches the batch again): no key's handling
      // may still run while its messages are handled a second time.
      const failed = (await Promise.allSettled(workers)).find((w) => w.status === 'rejected');
      if (failed) throw failed.reason;
      // Offsets only once the whole batch is done (a stop or rebalance half way resolves nothing: the batch comes
      // again, and handlers are idempotent).
      if (!isRunning() || isStale()) return;
      const last = batch.messages[batch.messages.length - 1];
      if (last) resolveOffset(last.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    },
  });
  let admin: Admin | undefined;
  return {
    consumer,
    topics: o.topics,
    groupId: o.groupId,
    stop: async () => {
      await telemetry.stop();
      await consumer.disconnect();
      await admin?.disconnect().catch(() => undefined);
    },
    lag: async () => {
      if (!admin) {
        const a = o.kafka.admin();
        await a.connect();
        admin = a;
      }
      return (await groupLag(admin, o.groupId, fullTopics)).reduce((n, p) => n + p.lag, 0);
    },
    pause: () => consumer.pause(fullTopics.map((topic) => ({ topic }))),
    resume: () => consumer.resume(fullTopics.map((topic) => ({ topic }))),
  };
};
