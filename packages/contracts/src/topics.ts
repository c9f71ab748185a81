/**
 * Topic names and what each is keyed by. Every event of an aggregate whose order matters shares
 * one topic and one key, so Kafka keeps them in order on one partition:
 * the saga (orders, stock, shipments) is keyed by order id, listings by listing id, sensor readings by device id.
 */
export const Topics = {
  listings: 'ftt.catalog.listings.v1',
  stock: 'ftt.catalog.stock.v1',
  orders: 'ftt.orders.v1',
  shipments: 'ftt.logistics.shipments.v1',
  /** Temperature loggers' readings, keyed by device id (ingest produces, logistics consumes). */
  readings: 'ftt.logistics.readings.v1',
  /** People and their memberships, keyed by person id (identity produces). */
  people: 'ftt.identity.people.v1',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Dead letters of a consumer group go to one topic per source topic. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/** Tests and parallel environments isolate themselves with a prefix on every topic name. */
export const prefixed = (prefix: string, topic: string): string => `${prefix}${topic}`;
