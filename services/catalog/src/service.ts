import { randomUUID } from 'node:crypto';
import { Topics } from '@ftt/contracts';
import { runService, startSweeper } from '@ftt/kit';
import { configSchema } from './config';
import { collections, ensureIndexes } from './data/collections';
import { farmApprovals } from './data/farm-approvals';
import { marketCopies } from './data/market-copies';
import { FarmRepo } from './data/farm-repo';
import { CatalogAdminRepo } from './data/farm-admin-repo';
import { listingImports } from './data/listing-imports';
import { ListingRepo } from './data/listing-repo';
import { PhotoRepo } from './data/photo-repo';
import { ReservationRepo } from './data/reservation-repo';
import { catalogApi } from './http/api';
import { simulatedOnboarding, stripeConnectOnboarding } from './payouts/connect-onboarding';
import { createEventHandler } from './messaging/event-handler';
import { suspensionSteps } from './messaging/suspension-steps';
import { createContext } from './use-cases/context';
import { sweepOnce } from './use-cases/sweep';

export const startCatalog = (env: NodeJS.ProcessEnv) =>
  runService('catalog', configSchema, env, async ({ config, auth, log, db, consume, clock, outboxRelay, audit }) => {
    const cols = collections(db);
    await ensureIndexes(cols);
    await audit.watch(cols.farms);
    const relay = outboxRelay([cols.listings, cols.reservations]);
    const deps = createContext({
      clock,
      log,
      farms: new FarmRepo(cols.farms),
      // the client: an import's row that changes fields and stock writes both in one transaction
      listings: new ListingRepo(cols.listings, db.getClient()),
      reservations: new ReservationRepo(cols.reservations),
      photos: new PhotoRepo(cols.photos),
      newId: randomUUID,
      reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
      approvals: farmApprovals(cols.farmApprovals),
      markets: marketCopies(cols.markets),
      imports: listingImports(cols.listingImports),
      approvalRequired: config.FARM_APPROVAL === 'required',
      payouts: config.STRIPE_SECRET_KEY
        ? stripeConnectOnboarding({ secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE, appUrl: config.APP_URL })
        : simulatedOnboarding(config.APP_URL),
    });
    const admin = new CatalogAdminRepo(cols.farms, cols.reservations);
    return {
      api: catalogApi(auth, deps, { admin, audit }),
      produces: [Topics.listings, Topics.stock],
      relay,
      start: async () => [
        await consume([Topics.orders, Topics.people], createEventHandler(deps, suspensionSteps({ admin, audit }))),
        startSweeper('reservation-sweeper', config.SWEEP_INTERVAL_MS, () => sweepOnce(deps), log),
      ],
    };
  });
