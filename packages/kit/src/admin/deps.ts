import type { Kafka, Producer } from 'kafkajs';
import type { OutboxRelay } from '../mongo/outbox';
import type { AuditLog } from './audit';

/** What a service's operations routes (dead letters, lag, audit) need of it. */
export interface AdminDeps {
  kafka: Kafka;
  producer: Producer;
  topicPrefix: string;
  relay?: OutboxRelay | undefined;
  /** Logical topics this service consumes (their dead letters are this service's to inspect and replay). */
  consumedTopics: () => string[];
  /** This service's default consumer group. */
  groupId: string;
  /** Each running consumer's group and logical topics: a consumer may run in a group of its own (logistics' readings). */
  consumerGroups: () => { groupId: string; topics: string[] }[];
  /** Operator actions are recorded here, in the service's own database. */
  audit: AuditLog;
}
