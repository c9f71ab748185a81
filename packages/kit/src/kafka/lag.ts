import type { Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/** Messages a consumer group has not committed yet, per topic partition (uncommitted = from the log start). */
export const groupLag = async (admin: Admin, groupId: string, topics: string[]): Promise<PartitionLag[]> => {
  const committed = await admin.fetchOffsets({ groupId, topics });
  const lags = await Promise.all(
    topics.map(async (topic) => {
      const ends = await admin.fetchTopicOffsets(topic).catch(() => []);
      const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
      return ends.map((p) => {
        const c = Number(mine.find((x) => x.partition === p.partition)?.offset ?? -1);
        const from = c >= 0 ? c : Number(p.low);
        return { topic, partition: p.partition, lag: Math.max(0, Number(p.high) - from) };
      });
    }),
  );
  return lags.flat();
};
