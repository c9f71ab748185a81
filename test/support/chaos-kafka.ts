import { Topics } from '@ftt/contracts';
import { EventProbe, type testEnv } from '@ftt/kit/testing';
import { Kafka, logLevel } from 'kafkajs';
import { sleep } from './chaos-http';
import type { ServiceName } from './system';

type Env = ReturnType<typeof testEnv>;

export const ALL_TOPICS = Object.values(Topics) as string[];

/** What each service consumes (services/<name>/src/service.ts). */
export const CONSUMED: Record<ServiceName, string[]> = {
  catalog: [Topics.orders],
  orders: [Topics.listings, Topics.stock, Topics.shipments],
  logistics: [Topics.orders, Topics.listings],
};

/** Consumer group ids: TOPIC_PREFIX + service name, or CONSUMER_GROUP when a run sets it. */
export const groupsOf = (t: Env, groupOf: (s: ServiceName) => string = (s) => t.topicPrefix + s) =>
  (Object.keys(CONSUMED) as ServiceName[]).map((s) => ({
    service: s,
    groupId: groupOf(s),
    topics: CONSUMED[s],
  }));

const admin = async (t: Env) => {
  const kafka = new Kafka({
    clientId: `chaos-admin-${t.run}`,
    brokers: t.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 5 },
  });
  const a = kafka.admin();
  await a.connect();
  return a;
};

/** Messages on each (prefixed) topic: high - low watermark summed over partitions. */
export const topicSizes = async (t: Env, topics: string[]): Promise<Record<string, number>> => {
  const a = await admin(t);
  try {
    const out: Record<string, number> = {};
    for (const topic of topics) {
      const offsets = await a.fetchTopicOffsets(t.topicPrefix + topic);
      out[topic] = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    }
    return out;
  } finally {
    await a.disconnect();
  }
};

/**
 * Lag of each consumer group: messages on its topics beyond its committed offsets. A group that never
 * committed on a partition owes everything from the low watermark.
 */
export const consumerLag = async (
  t: Env,
  groups: ReturnType<typeof groupsOf>,
): Promise<Record<string, number>> => {
  const a = await admin(t);
  try {
    const out: Record<string, number> = {};
    for (const g of groups) {
      let lag = 0;
      for (const topic of g.topics) {
        const full = t.topicPrefix + topic;
        const ends = await a.fetchTopicOffsets(full);
        const [committed] = await a.fetchOffsets({ groupId: g.groupId, topics: [full] });
        for (const e of ends) {
          const c = Number(committed?.partitions.find((p) => p.partition === e.partition)?.offset ?? -1);
          lag += Number(e.high) - (c < 0 ? Number(e.low) : c);
        }
      }
      out[g.groupId] = lag;
    }
    return out;
  } finally {
    await a.disconnect();
  }
};

/** Whether the groups are active (have members): after a service is stopped for good, they must not be. */
export const groupStates = async (t: Env, groupIds: string[]) => {
  const a = await admin(t);
  try {
    const { groups } = await a.describeGroups(groupIds);
    return Object.fromEntries(groups.map((g) => [g.groupId, { state: g.state, members: g.members.length }]));
  } finally {
    await a.disconnect();
  }
};

export interface TopicDump {
  probe: EventProbe;
  /** Every message read, per logical topic (dead-letter topics included, as `<topic>.dlq`). */
  sizes: Record<string, number>;
}

/**
 * Everything on the run's topics and their dead-letter topics, read from the beginning by a fresh
 * EventProbe, waiting until it has read as many messages as the topics hold.
 */
export const readAllTopics = async (t: Env, timeoutMs = 120_000): Promise<TopicDump> => {
  const probe = await new EventProbe(t).listen(ALL_TOPICS);
  const withDlq = ALL_TOPICS.flatMap((x) => [x, `${x}.dlq`]);
  const sizes = await topicSizes(t, withDlq);
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const until = Date.now() + timeoutMs;
  while (probe.raw.length < total) {
    if (Date.now() > until)
      throw new Error(`read ${probe.raw.length} of ${total} messages within ${timeoutMs} ms`);
    await sleep(200);
  }
  await probe.close();
  return { probe, sizes };
};
