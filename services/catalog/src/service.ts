import { randomUUID } from 'node:crypto';
import { Topics } from '@ftt/contracts';
import { OutboxRelay, runService, startSweeper } from '@ftt/kit';
import { configSchema } from './config';
import { collections, ensureIndexes } from './data/collections';
import { FarmRepo } from './data/farm-repo';
import { ListingRepo } from './data/listing-repo';
import { ReservationRepo } from './data/reservation-repo';
import { catalogApi } from './http/api';
import { createEventHandler } from './messaging/event-handler';
import { catalogContext } from './use-cases/context';
import { sweepOnce } from './use-cases/sweep';

export const startCatalog = (env: NodeJS.ProcessEnv) =>
  runService('catalog', configSchema, env, async ({ config, auth, log, db, publisher, consume }) => {
    const cols = collections(db);
    await ensureIndexes(cols);
    const relay = new OutboxRelay({ collections: [cols.listings, cols.reservations], publisher, log, pollMs: config.OUTBOX_SCAN_MS });
    const deps = catalogContext({
      farms: new FarmRepo(cols.farms),
      listings: new ListingRepo(cols.listings),
      reservations: new ReservationRepo(cols.reservations),
      clock: () => new Date(),
      newId: randomUUID,
      kick: (collection, id) => relay.kick(cols[collection], id),
      reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
      log,
    });
    return {
      api: catalogApi(auth, deps),
      produces: [Topics.listings, Topics.stock],
      relay,
      start: async () => [
        await consume([Topics.orders], createEventHandler(deps)),
        startSweeper('reservation-sweeper', config.SWEEP_INTERVAL_MS, () => sweepOnce(deps), log),
      ],
    };
  });
