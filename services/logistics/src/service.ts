import { Topics } from '@ftt/contracts';
import { backfillPageKeys, PageDirectory, runConsumer, runService, startSweeper } from '@ftt/kit';
import { configSchema } from './config';
import { openColdChainCollections } from './data/cold-chain-collections';
import { openCollections } from './data/collections';
import { DeviceRepo } from './data/device-repo';
import { DropPhotoRepo } from './data/drop-photo-repo';
import { ReadingRepo } from './data/reading-repo';
import { LotRepo } from './data/lot-repo';
import { OrderFactsRepo } from './data/order-facts-repo';
import { RunRepo } from './data/run-repo';
import { ShipmentRepo } from './data/shipment-repo';
import { SHIPMENT_PAGE_KEY_FIELDS, SHIPMENT_PAGE_KEYS_VERSION, shipmentPageKeys } from './data/shipment-pages';
import { PartnerRepo } from './data/partner-repo';
import { PersonalDataRepo } from './data/personal-data-repo';
import { traceIds } from './domain/trace/identifiers';
import { logisticsApi } from './http/api';
import { createEventHandler } from './messaging/event-handler';
import { peopleSteps } from './messaging/people-steps';
import { createReadingsBatchHandler, createReadingsHandler } from './messaging/readings-handler';
import { createContext } from './use-cases/context';
import { eraseWaiting } from './use-cases/erasure';
import { Recent } from './use-cases/recent';

/** Composition root: repositories -> use-case context -> HTTP routes, the orders/listings consumer and the outbox relay. */
export const startLogistics = (env: NodeJS.ProcessEnv) =>
  runService('logistics', configSchema, env, async ({ config, auth, log, db, consume, clock, outboxRelay, audit, kafka, producer }) => {
    const c = await openCollections(db);
    const cc = await openColdChainCollections(db);
    const relay = outboxRelay([c.shipments, c.orders]);
    // Shipments stored before the partner's lists were day-bucketed: their keys, once per store.
    const directory = new PageDirectory(c.pageBuckets);
    const backfilled = await backfillPageKeys(c.shipments, directory, {
      version: SHIPMENT_PAGE_KEYS_VERSION,
      projection: SHIPMENT_PAGE_KEY_FIELDS,
      keysOf: (d) => shipmentPageKeys(d as { partnerId?: string | null; status: string; createdAt: string }),
    });
    if (backfilled) log.info({ backfilled }, 'logistics: bucket keys set for stored shipments');
    const ctx = createContext({
      clock,
      log,
      shipments: new ShipmentRepo(c.shipments, directory),
      lots: new LotRepo(c.lots),
      orders: new OrderFactsRepo(c.orders),
      runs: new RunRepo(c.runs),
      openShipmentsLimit: config.OPEN_SHIPMENTS_LIMIT,
      traceIds: traceIds(config.TRACE_ID_BASE),
      appUrl: config.APP_URL,
      coldChain: {
        devices: new DeviceRepo(cc.devices, cc.attachments),
        readings: new ReadingRepo(cc.readings),
        detector: { minDurationMs: config.EXCURSION_MIN_MS, maxGapMs: config.EXCURSION_MAX_GAP_MS },
        curvePoints: config.CURVE_POINTS,
        attachmentsOf: new Recent(config.COLD_CHAIN_MEMO_MS),
        shipmentOf: new Recent(config.COLD_CHAIN_MEMO_MS),
      },
      dropPhotos: new DropPhotoRepo(db.collection('drop_photos') as never),
    });

    const partners = new PartnerRepo(db.collection('partners') as never, c.shipments);
    await audit.watch(db.collection('partners') as never);
    await partners.backfill(clock());
    const personalData = new PersonalDataRepo({
      shipments: c.shipments,
      runs: c.runs,
      partners: db.collection('partners') as never,
      erasures: db.collection('erasures') as never,
    });
    await personalData.ensureIndexes();
    return {
      api: logisticsApi(auth, ctx, { partners, audit }),
      produces: [Topics.shipments],
      relay,
      start: async () => [
        await consume([Topics.orders, Topics.listings, Topics.people], createEventHandler(ctx, peopleSteps(personalData, partners, audit))),
        // a person who left while a box of theirs was on its way: erased once it ends
        startSweeper('erasure-sweeper', config.ERASURE_SWEEP_MS, () => eraseWaiting(ctx, personalData), log),
        // Readings in a group of their own: their volume never holds up the saga's events, and lag shows apart.
        await runConsumer({
          kafka,
          producer,
          groupId: `${config.CONSUMER_GROUP ?? `${config.TOPIC_PREFIX}logistics`}-readings`,
          topicPrefix: config.TOPIC_PREFIX,
          topics: [Topics.readings],
          log,
          handle: createReadingsHandler(ctx),
          // A fetched batch at once (one bulk write, one detector run per shipment); one by one only on failure.
          handleBatch: createReadingsBatchHandler(ctx),
          actsOn: createReadingsHandler(ctx).actsOn,
          numPartitions: config.READINGS_PARTITIONS,
          partitionsConsumedConcurrently: config.READINGS_PARTITIONS,
        }),
      ],
    };
  });
