import { Topics, type OutgoingEvent } from '@ftt/contracts';
import { runService } from '@ftt/kit';
import { openColdChainCollections } from './data/cold-chain-collections';
import { DeviceRepo } from './data/device-repo';
import { ingestApi } from './http/ingest-api';
import { ingestConfigSchema } from './ingest-config';

/**
 * Batches published within `lingerMs` of each other go to the broker in one produce request: under load many
 * loggers' requests share one round trip (each request is still answered only once the broker has its batch).
 */
export const lingering = (publish: (events: OutgoingEvent[]) => Promise<void>, lingerMs: number) => {
  let queue: { events: OutgoingEvent[]; done: (err?: unknown) => void }[] = [];
  const flush = async () => {
    const now = queue;
    queue = [];
    try {
      await publish(now.flatMap((q) => q.events));
      for (const q of now) q.done();
    } catch (err) {
      for (const q of now) q.done(err);
    }
  };
  return (events: OutgoingEvent[]) =>
    new Promise<void>((resolve, reject) => {
      if (queue.length === 0) setTimeout(() => void flush(), lingerMs);
      queue.push({ events, done: (err) => (err ? reject(err as Error) : resolve()) });
    });
};

/**
 * The readings ingest: its own process (it scales with the number of loggers, logistics with shipments). It reads
 * devices from logistics' database and produces to the readings topic; it consumes nothing and has no outbox
 * (there is no state to keep with the event: a logger whose batch was not acknowledged sends it again).
 */
export const startIngest = (env: NodeJS.ProcessEnv) =>
  runService(
    'logistics-ingest',
    ingestConfigSchema,
    env,
    async ({ config, auth, log, db, publisher, clock }) => {
      const c = await openColdChainCollections(db);
      return {
        api: ingestApi(auth, {
          devices: new DeviceRepo(c.devices, c.attachments),
          publish: lingering((events) => publisher.publish(events), config.INGEST_LINGER_MS),
          clock,
          log,
          maxFutureMs: config.READINGS_MAX_FUTURE_MS,
          maxAgeMs: config.READINGS_MAX_AGE_MS,
          credentialCacheMs: config.DEVICE_CACHE_MS,
        }),
        produces: [Topics.readings],
      };
    },
  );
