import { deadLetterTopic } from '@ftt/contracts';
import { ensureTopics, type Background, type Logger } from '@ftt/kit';
import type { IHeaders, Kafka } from 'kafkajs';
import type { DeadLetterSeen } from '../use-cases/dead-letters';

const text = (h: IHeaders | undefined, name: string) => {
  const v = h?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
};

/**
 * Reads the dead-letter topics of the given topics (every consumer group writes there) and reports each letter.
 * Raw, not through runConsumer: a dead letter is often a message the contracts refuse, and reading it must not
 * dead-letter it again. A failing report throws, so kafkajs does not commit and delivers it again.
 */
export const runDeadLetterWatch = async (o: {
  kafka: Kafka;
  groupId: string;
  topicPrefix: string;
  topics: string[];
  log: Logger;
  report: (dl: DeadLetterSeen) => Promise<unknown>;
}): Promise<Background> => {
  const dlqs = o.topics.map(deadLetterTopic);
  await ensureTopics(o.kafka, o.topicPrefix, dlqs);
  const consumer = o.kafka.consumer({
    groupId: o.groupId,
    maxWaitTimeInMs: 3000,
    sessionTimeout: 10_000,
    heartbeatInterval: 3000,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 3000 },
  });
  await consumer.connect();
  await consumer.subscribe({ topics: dlqs.map((t) => o.topicPrefix + t), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const h = message.headers;
      await o.report({
        topic: topic.slice(o.topicPrefix.length),
        partition,
        offset: message.offset,
        type: text(h, 'ce_type'),
        eventId: text(h, 'ce_id'),
        group: text(h, 'x-dlq-consumer-group'),
        error: text(h, 'x-dlq-error'),
      });
      o.log.info({ topic, partition, offset: message.offset }, 'dead letter reported');
    },
  });
  return { name: 'dead-letter-watch', stop: () => consumer.disconnect() };
};
