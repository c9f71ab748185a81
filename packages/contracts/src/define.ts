import type { z } from 'zod';
import type { TopicName } from './topics';

export interface EventDefinition<T extends string, S extends z.ZodType> {
  /** CloudEvents type; the trailing .vN is the schema version and never changes shape once published. */
  readonly type: T;
  readonly topic: TopicName;
  readonly schema: S;
  /** Partition key: the aggregate whose order matters. */
  readonly key: (data: z.infer<S>) => string;
  /** CloudEvents subject. */
  readonly subject: (data: z.infer<S>) => string;
  readonly description: string;
}

export const defineEvent = <T extends string, S extends z.ZodType>(
  def: EventDefinition<T, S>,
): EventDefinition<T, S> => def;

/**
 * Events about one order, on `topic`: keyed by the order id (so they stay in order with the rest of its saga) and
 * with the order as their subject.
 */
export const aboutOrder = (topic: TopicName) => ({
  topic,
  key: (d: { orderId: string }) => d.orderId,
  subject: (d: { orderId: string }) => `order/${d.orderId}`,
});
