import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from '../logger';

export type { Kafka };

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'debug', // kafkajs is chatty at info (joins, rebalances); keep them at debug
  [logLevel.DEBUG]: 'debug',
};

export const createKafka = (clientId: string, brokers: string[], log: Logger): Kafka =>
  new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        log[LEVELS[level] ?? 'info']({ kafka: rest }, `kafka: ${message}`);
      },
  });

export const createProducer = (kafka: Kafka): Producer =>
  kafka.producer({
    // Java-compatible murmur2 partitioning, so keys land where any other client would put them.
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: true,
    retry: { retries: 5 },
  });
