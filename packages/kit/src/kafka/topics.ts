import type { Kafka } from 'kafkajs';

/**
 * Create the topics this service reads and writes if they do not exist yet, so a consumer can
 * subscribe before the first producer ran. Keyed topics need several partitions to spread load.
 */
export const ensureTopics = async (
  kafka: Kafka,
  prefix: string,
  topics: string[],
  numPartitions = 3,
): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.map((t) => prefix + t).filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions })),
        waitForLeaders: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
};
