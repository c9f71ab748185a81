import { createKafka, createLogger, type Kafka } from '@ftt/kit';

export type Consumer = ReturnType<Kafka['consumer']>;
export type Producer = ReturnType<Kafka['producer']>;

const quiet = createLogger('bench', 'silent');

/** A kafkajs client with the services' own settings (kit createKafka), its log silenced. */
export const benchKafka = (clientId: string, brokers: string): Kafka =>
  createKafka(clientId, brokers.split(','), quiet);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A consumer configured like the kit's runConsumer (250 ms max wait, 1 byte min). */
export const kitLikeConsumer = (kafka: Kafka, groupId: string): Consumer =>
  kafka.consumer({
    groupId,
    maxWaitTimeInMs: 250,
    minBytes: 1,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 20_000,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 3000 },
  });

/** Resolves when the consumer has joined its group (bounded). */
export const joined = (consumer: Consumer, timeoutMs = 60_000): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`consumer did not join its group in ${timeoutMs} ms`)),
      timeoutMs,
    );
    consumer.on(consumer.events.GROUP_JOIN, () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Delete every topic of a run (best effort, bounded). */
export const deleteTopicsWithPrefix = async (kafka: Kafka, prefix: string): Promise<number> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
    return topics.length;
  } finally {
    await admin.disconnect();
  }
};
