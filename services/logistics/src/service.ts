import { Topics } from '@ftt/contracts';
import { runService } from '@ftt/kit';
import { configSchema } from './config';
import { openCollections } from './data/collections';
import { LotRepo } from './data/lot-repo';
import { OrderFactsRepo } from './data/order-facts-repo';
import { RunRepo } from './data/run-repo';
import { ShipmentRepo } from './data/shipment-repo';
import { PartnerRepo } from './data/partner-repo';
import { traceIds } from './domain/trace/identifiers';
import { logisticsApi } from './http/api';
import { createEventHandler } from './messaging/event-handler';
import { createContext } from './use-cases/context';

/** Composition root: repositories -> use-case context -> HTTP routes, the orders/listings consumer and the outbox relay. */
export const startLogistics = (env: NodeJS.ProcessEnv) =>
  runService('logistics', configSchema, env, async ({ config, auth, log, db, consume, clock, outboxRelay, audit }) => {
    const c = await openCollections(db);
    const relay = outboxRelay([c.shipments, c.orders]);
    const ctx = createContext({
      clock,
      log,
      // Publish right away; the relay's scan is only the safety net for crashes.
      kick: (shipmentId) => relay.kick(c.shipments, shipmentId),
      kickOrder: (orderId) => relay.kick(c.orders, orderId),
      shipments: new ShipmentRepo(c.shipments),
      lots: new LotRepo(c.lots),
      orders: new OrderFactsRepo(c.orders),
      runs: new RunRepo(c.runs),
      openShipmentsLimit: config.OPEN_SHIPMENTS_LIMIT,
      traceIds: traceIds(config.TRACE_ID_BASE),
    });

    const partners = new PartnerRepo(db.collection('partners') as never, c.shipments);
    await partners.backfill(clock());
    return {
      api: logisticsApi(auth, ctx, { partners, audit }),
      produces: [Topics.shipments],
      relay,
      start: async () => [
        await consume([Topics.orders, Topics.listings], createEventHandler(ctx)),
      ],
    };
  });
