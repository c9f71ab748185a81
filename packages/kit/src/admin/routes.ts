import { z } from 'zod';
import { DomainError } from '../errors';
import type { Api } from '../http/api';
import type { AdminDeps } from './deps';
import { nameSchemas } from '../http/views';
import { groupLag } from '../kafka/lag';
import { pageView, PageQuery } from '../mongo/page';
import { AuditEntryView } from './audit';

const ConsumerLag = z.object({
  group: z.string(),
  total: z.number().int(),
  topics: z.array(
    z.object({
      topic: z.string(),
      /** The group that consumes this topic (a service may run a consumer in a group of its own). */
      group: z.string(),
      lag: z.number().int(),
    }),
  ),
});
const AuditPageView = pageView(AuditEntryView);
/** One to ten kinds of action, comma-separated, each `<thing>.<verb>` in lower case (farm.suspend, order.refund). */
const ACTIONS = /^[a-z][a-z_]*\.[a-z][a-z_.]*(,[a-z][a-z_]*\.[a-z][a-z_.]*){0,9}$/;
nameSchemas({ ConsumerLag, AuditPage: AuditPageView });

/** The back office's view of a service: its consumer group's lag per topic, and its audit trail of operator actions. */
export const registerLagAndAuditRoutes = (api: Api, d: AdminDeps): void => {
  api.route({
    method: 'get',
    path: '/admin/lag',
    summary:
      "Messages of each consumed topic that the consumer group consuming it has not processed yet. Operators only.",
    tags: ['operations'],
    auth: ['operator'],
    response: ConsumerLag,
    handler: async () => {
      const admin = d.kafka.admin();
      await admin.connect();
      try {
        // each topic's lag in the group that commits it: asking the service's default group about a topic another
        // group consumes reports everything ever written to it as lag
        const perGroup = await Promise.all(
          d.consumerGroups().map(async (c) => {
            const parts = await groupLag(admin, c.groupId, c.topics.map((t) => d.topicPrefix + t));
            return c.topics.map((topic) => ({
              topic,
              group: c.groupId,
              lag: parts.filter((p) => p.topic === d.topicPrefix + topic).reduce((n, p) => n + p.lag, 0),
            }));
          }),
        );
        const topics = perGroup.flat();
        return { group: d.groupId, total: topics.reduce((n, t) => n + t.lag, 0), topics };
      } finally {
        await admin.disconnect();
      }
    },
  });
  api.route({
    method: 'get',
    path: '/admin/audit',
    summary:
      'Operator actions taken on this service (who, when, what, why), newest first, with cursor paging, filtered on ' +
      'the server by kind of action (`action`, one or several comma-separated), operator (`actorId`) and target ' +
      '(`targetType` with `targetId`), each served by an index. Operators only.',
    tags: ['operations'],
    auth: ['operator'],
    query: z.strictObject({
      ...PageQuery,
      targetType: z.string().min(1).max(40).optional(),
      targetId: z.string().min(1).max(200).optional(),
      action: z
        .string()
        .max(400)
        .regex(ACTIONS, 'kinds of action such as farm.suspend, comma-separated (at most 10)')
        .optional()
        .describe('Kinds of action, comma-separated: farm.suspend,farm.reinstate'),
      actorId: z.string().min(1).max(200).optional().describe('The operator who acted (their user id)'),
    }),
    response: AuditPageView,
    handler: async ({ query }) => {
      if ((query.targetType === undefined) !== (query.targetId === undefined)) {
        const field = query.targetType === undefined ? 'query.targetType' : 'query.targetId';
        throw new DomainError('query.invalid', 'targetType and targetId go together', [{ field, message: 'required with the other' }]);
      }
      return d.audit.list({
        target: query.targetType && query.targetId ? { type: query.targetType, id: query.targetId } : undefined,
        actorId: query.actorId,
        actions: query.action ? [...new Set(query.action.split(','))] : undefined,
        cursor: query.cursor,
        limit: query.limit,
      });
    },
  });
};
