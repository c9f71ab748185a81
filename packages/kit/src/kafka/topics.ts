import type { Kafka } from 'kafkajs';

/**
 * Create the topics this service reads and writes if they do not exist yet, so a consumer can
 * subscribe before the first producer ran. Keyed topics need several partitions to spread load.
 * Returns once every partition of every topic has a leader: a fresh KRaft topic can answer
 * UNKNOWN_TOPIC_OR_PARTITION for a moment after its creation, and kafkajs only retries LEADER_NOT_AVAILABLE.
 */
export const ensureTopics = async (
  kafka: Kafka,
  prefix: string,
  topics: string[],
  numPartitions = 3,
): Promise<void> => {
  const wanted = topics.map((t) => prefix + t);
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Services start together and create the same topics: another's creation in flight shows up here as
    // "already exists" or as a topic without a leader yet. Look again until every topic is there and led.
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((t) => !existing.has(t));
        if (missing.length) {
          await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions })), waitForLeaders: true });
        }
        const { topics: meta } = await admin.fetchTopicMetadata({ topics: wanted });
        const leaderless = meta.filter((t) => !t.partitions.length || t.partitions.some((p) => p.leader < 0));
        if (!leaderless.length) return;
        throw new Error(`topics without a leader yet: ${leaderless.map((t) => t.name).join(', ')}`);
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, Math.min(100 * attempt, 1_000)));
      }
    }
  } finally {
    await admin.disconnect();
  }
};
