import type { mongo } from 'mongoose';
import { metrics } from './metrics';

const published = metrics.counter('outbox_published_total', 'Events the outbox relay published to Kafka');

type Collection = mongo.Collection<mongo.Document>;
const watched = new Map<string, { collection: Collection; count: (c: Collection) => Promise<number> }>();
let observing = false;

/** A mongoose collection (what services pass) proxies the driver's but has no dbName of its own. */
const dbNameOf = (c: Collection): string =>
  (c as { dbName?: string }).dbName ?? (c as unknown as { conn?: { name?: string } }).conn?.name ?? '';

const CLOSED = new Set(['MongoNotConnectedError', 'MongoTopologyClosedError', 'MongoClientClosedError']);

/**
 * The outbox backlog gauge (events written but not yet published, per collection), read when metrics
 * are collected. A collection watched by several relays is counted once; the newest registration wins
 * (a restarted service), and one whose connection was closed is dropped.
 */
export const watchOutbox = (collections: Collection[], count: (c: Collection) => Promise<number>): void => {
  for (const collection of collections) {
    watched.set(`${dbNameOf(collection)}.${collection.collectionName}`, { collection, count });
  }
  if (observing) return;
  observing = true;
  metrics.observableGauge(
    'outbox_backlog',
    'Events written to an outbox and not yet published',
    async (observe) => {
      await Promise.all(
        [...watched].map(async ([key, w]) => {
          try {
            observe(await w.count(w.collection), {
              database: dbNameOf(w.collection),
              collection: w.collection.collectionName,
            });
          } catch (err) {
            if (CLOSED.has((err as Error).name) && watched.get(key) === w) watched.delete(key);
          }
        }),
      );
    },
  );
};

export const countPublished = (collection: Collection, n: number): void =>
  published.inc({ database: dbNameOf(collection), collection: collection.collectionName }, n);
