import { Topics } from '@ftt/contracts';
import { Api, OutboxRelay, runConsumer, runService } from '@ftt/kit';
import { configSchema } from './config';
import { openCollections } from './data/collections';
import { createLotRepo } from './data/lot-repo';
import { createOrderFactsRepo } from './data/order-facts-repo';
import { createShipmentRepo } from './data/shipment-repo';
import { traceIds } from './domain/trace/identifiers';
import { publicRoutes } from './http/public-routes';
import { shipmentRoutes } from './http/shipment-routes';
import { traceRoutes } from './http/trace-routes';
import { makeEventHandler } from './messaging/handle-event';
import { makeOrderEvents } from './use-cases/order-events';
import { makeRecordLot } from './use-cases/record-lot';
import { makeShipmentQueries } from './use-cases/shipment-queries';
import { makeShipmentSteps } from './use-cases/shipment-steps';
import { makeTrace } from './use-cases/trace';

/** Composition root: repositories -> use cases -> HTTP routes, the orders/listings consumer and the outbox relay. */
export const startLogistics = (env: NodeJS.ProcessEnv) =>
  runService('logistics', configSchema, env, async ({ config, log, db, kafka, producer, publisher }) => {
    const clock = { now: () => new Date() };
    const c = await openCollections(db);
    const relay = new OutboxRelay({ collections: [c.shipments], publisher, log });
    const shipments = createShipmentRepo(c.shipments, relay);
    const lots = createLotRepo(c.lots);
    const orders = createOrderFactsRepo(c.orders);

    const steps = makeShipmentSteps({ shipments, clock });
    const queries = makeShipmentQueries({ shipments, openLimit: config.OPEN_SHIPMENTS_LIMIT });
    const trace = makeTrace({ shipments, lots, orders, clock, ids: traceIds(config.TRACE_ID_BASE) });
    const orderEvents = makeOrderEvents({ shipments, orders, steps, clock, log });
    const recordLot = makeRecordLot({ lots });

    const api = new Api(
      {
        title: 'FieldToTable logistics',
        version: '1.0.0',
        description:
          'Shipments from farm to door, partner steps, public tracking, and traceability exports (EPCIS 2.0, FSMA 204).',
      },
      { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE },
    );
    shipmentRoutes(api, { steps, queries, clock });
    publicRoutes(api, { queries });
    traceRoutes(api, { trace });

    return {
      api,
      relay,
      start: async () => [
        await runConsumer({
          kafka,
          producer,
          groupId: config.CONSUMER_GROUP ?? `${config.TOPIC_PREFIX}logistics`,
          topicPrefix: config.TOPIC_PREFIX,
          topics: [Topics.orders, Topics.listings],
          log,
          handle: makeEventHandler({ orders: orderEvents, lots: recordLot, log }),
        }),
      ],
    };
  });
