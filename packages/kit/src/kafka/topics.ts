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
    // Services start together and create the same topics: another's creation in flight shows up here as
    // "already exists" or as a topic without a leader yet. Look again until every topic is there.
    for (let attempt = 1; ; attempt++) {
      const existing = new Set(await admin.listTopics());
      const missing = topics.map((t) => prefix + t).filter((t) => !existing.has(t));
      if (!missing.length) return;
      try {
        await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions })), waitForLeaders: true });
        return;
      } catch (err) {
        if (attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
};
