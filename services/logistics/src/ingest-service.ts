import { Topics } from '@ftt/contracts';
import { runService } from '@ftt/kit';
import { openColdChainCollections } from './data/cold-chain-collections';
import { DeviceRepo } from './data/device-repo';
import { ingestApi } from './http/ingest-api';
import { ingestConfigSchema } from './ingest-config';

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
          publish: (events) => publisher.publish(events),
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
