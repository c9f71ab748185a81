import { deadLetterTopic } from '@ftt/contracts';
import type { IHeaders } from 'kafkajs';
import { z } from 'zod';
import { DomainError } from '../errors';
import { AdminReason } from '../admin/audit';
import type { AdminDeps } from '../admin/deps';
import { registerLagAndAuditRoutes } from '../admin/routes';
import type { Api } from './api';
import { nameSchemas } from './views';

export type { AdminDeps };

const DeadLetter = z.object({
  topic: z.string(),
  /** The consumed topic it came from, as the replay endpoint takes it. */
  sourceTopic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  key: z.string().nullable(),
  type: z.string().optional(),
  eventId: z.string().optional(),
  error: z.string().optional(),
  source: z
    .object({ topic: z.string(), partition: z.string(), offset: z.string(), group: z.string() })
    .partial(),
  failedAt: z.string().optional(),
});
type DeadLetter = z.infer<typeof DeadLetter>;

const DeadLetterList = z.object({ deadLetters: z.array(DeadLetter) });
const OutboxBacklog = z.object({ backlog: z.number().int() });
nameSchemas({ DeadLetter, DeadLetterList, OutboxBacklog });
interface RawDeadLetter extends DeadLetter {
  value: Buffer | null;
  headers: IHeaders;
}

const text = (h: IHeaders, name: string) => {
  const v = h[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : one.toString();
};

/** Read a dead-letter topic from the start up to its end offsets: bounded in count and time. */
const readDeadLetters = async (d: AdminDeps, topic: string, limit: number): Promise<RawDeadLetter[]> => {
  const full = d.topicPrefix + deadLetterTopic(topic);
  const admin = d.kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(full)) return [];
    const ends = await admin.fetchTopicOffsets(full);
    const starts = await admin.fetchTopicOffsetsByTimestamp(full, 0);
    const remaining = new Map(
      ends
        .map(
          (e) =>
            [
              e.partition,
              {
                end: Number(e.high),
                start: Number(starts.find((s) => s.partition === e.partition)?.offset ?? 0),
              },
            ] as const,
        )
        .filter(([, r]) => r.end > r.start),
    );
    if (remaining.size === 0) return [];
    const out: RawDeadLetter[] = [];
    // A throw-away group: reading dead letters must not move any real consumer's offsets.
    const consumer = d.kafka.consumer({
      groupId: `ftt-admin-dlq-${Date.now()}-${Math.random()}`,
      maxWaitTimeInMs: 50,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: full, fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ partition, message }) => {
            const r = remaining.get(partition);
            if (r && Number(message.offset) < r.end) {
              const h = message.headers ?? {};
              out.push({
                topic: full,
                sourceTopic: topic,
                partition,
                offset: message.offset,
                key: message.key?.toString() ?? null,
                type: text(h, 'ce_type'),
                eventId: text(h, 'ce_id'),
                error: text(h, 'x-dlq-error'),
                source: {
                  topic: text(h, 'x-dlq-source-topic'),
                  partition: text(h, 'x-dlq-source-partition'),
                  offset: text(h, 'x-dlq-source-offset'),
                  group: text(h, 'x-dlq-consumer-group'),
                },
                failedAt: text(h, 'x-dlq-failed-at'),
                value: message.value,
                headers: h,
              });
              if (Number(message.offset) + 1 >= r.end) remaining.delete(partition);
            }
            if (remaining.size === 0 || out.length >= limit) resolve();
          },
        });
      });
      await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
    } finally {
      await consumer.disconnect();
    }
    return out.slice(0, limit);
  } finally {
    await admin.disconnect();
  }
};

/**
 * Operator endpoints (operators): the outbox backlog, and the dead letters of the topics this service
 * consumes, which can be replayed to their source topic once the cause is fixed. Replay is safe
 * because consumers are idempotent.
 */
export const registerAdminRoutes = (api: Api, d: AdminDeps): void => {
  const TopicQuery = z.strictObject({
    topic: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  });
  const topicsOf = (topic?: string) => {
    const consumed = d.consumedTopics();
    if (topic && !consumed.includes(topic)) {
      throw new DomainError('topic.not_found', `this service does not consume ${topic}`, [
        { field: 'query.topic', message: `one of ${consumed.join(', ')}` },
      ]);
    }
    return topic ? [topic] : consumed;
  };
  api.route({
    method: 'get',
    path: '/admin/outbox',
    summary: 'Events written but not yet published (the outbox backlog). Operators only.',
    tags: ['operations'],
    auth: ['operator'],
    response: OutboxBacklog,
    handler: async () => ({ backlog: (await d.relay?.backlog()) ?? 0 }),
  });
  api.route({
    method: 'get',
    path: '/admin/dead-letters',
    summary: 'Dead letters of the topics this service consumes, with the error of each. Operators only.',
    tags: ['operations'],
    auth: ['operator'],
    query: TopicQuery,
    response: DeadLetterList,
    errors: [404], // a topic this service does not consume
    handler: async ({ query }) => {
      const all: DeadLetter[] = [];
      for (const topic of topicsOf(query.topic)) {
        for (const { value: _v, headers: _h, ...dl } of await readDeadLetters(d, topic, query.limit))
          all.push(dl);
      }
      return { deadLetters: all.slice(0, query.limit) };
    },
  });
  api.route({
    method: 'post',
    path: '/admin/dead-letters/replay',
    summary:
      'Publish one dead letter again to its source topic (original key, value and CloudEvents headers), with the ' +
      'reason recorded in the audit. Operators only.',
    tags: ['operations'],
    auth: ['operator'],
    body: z.strictObject({
      topic: z.string().min(1).max(200),
      partition: z.number().int().min(0),
      offset: z.string().regex(/^\d+$/),
      // an operator says why a message is sent again (the audit shows it): required like every admin action's
      reason: AdminReason,
    }),
    response: z.object({ replayed: z.literal(true), to: z.string() }),
    errors: [404],
    handler: async ({ body, principal }) => {
      topicsOf(body.topic);
      const letters = await readDeadLetters(d, body.topic, 10_000);
      const dl = letters.find((l) => l.partition === body.partition && l.offset === body.offset);
      if (!dl)
        throw new DomainError(
          'dead_letter.not_found',
          `no dead letter at ${body.topic}[${body.partition}]@${body.offset}`,
        );
      const headers: IHeaders = {};
      for (const [k, v] of Object.entries(dl.headers))
        if (!k.startsWith('x-dlq-') && v !== undefined) headers[k] = v;
      headers['x-replayed-from'] = `${dl.topic}[${dl.partition}]@${dl.offset}`;
      const to = d.topicPrefix + body.topic;
      // no document to ride in: audited first, so a crash in between leaves an entry, never an unaudited replay
      await d.audit.record(principal, {
        action: 'dead_letter.replay',
        target: { type: 'dead_letter', id: `${dl.topic}[${dl.partition}]@${dl.offset}` },
        reason: body.reason,
        details: { to, eventId: dl.eventId, type: dl.type, key: dl.key },
      });
      await d.producer.send({ topic: to, acks: -1, messages: [{ key: dl.key, value: dl.value, headers }] });
      return { replayed: true as const, to };
    },
  });
  registerLagAndAuditRoutes(api, d);
};
