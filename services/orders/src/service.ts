import { Topics } from '@ftt/contracts';
import { Admission, backfillPageKeys, runService, startSweeper, type RunningConsumer } from '@ftt/kit';
import { checkConfig, configSchema, faultPoints } from './config';
import { openCollections } from './data/collections';
import { FarmMoneyRepo } from './data/farm-money-repo';
import { ORDER_PAGE_KEY_FIELDS, ORDER_PAGE_KEYS_VERSION, orderPageKeys } from './data/order-pages';
import { IdempotencyRepo } from './data/idempotency-repo';
import { DocumentNumberRepo } from './data/document-numbers';
import { InvoiceDetailsRepo } from './data/invoice-details-repo';
import { ListingRepo } from './data/listing-repo';
import { OrderRepo } from './data/order-repo';
import { ensureAdminIndexes, OrderAdminRepo } from './data/order-admin-repo';
import { OrderFiguresRepo } from './data/order-figures-repo';
import { createFault } from './fault';
import { ordersApi } from './http/api';
import { createEventHandler } from './messaging/event-handler';
import { createSimulatedProvider } from './payments/simulated-provider';
import { createStripeProvider, stripeClient } from './payments/stripe-provider';
import { DEMO_OFFER } from './domain/delivery-offer';
import { createContext } from './use-cases/context';
import { OfferRepo } from './data/offer-repo';
import { Offers } from './use-cases/offers';
import { Markets } from './use-cases/markets';
import { MarketRepo } from './data/market-repo';
import { BUNDLED_MARKETS } from './domain/market';
import { TAX_RATES } from './domain/receipts/tax-rates';
import { sweepOnce } from './use-cases/sweep';

export const CONSUMED_TOPICS = [Topics.listings, Topics.stock, Topics.shipments, Topics.people];

export const startOrders = (env: NodeJS.ProcessEnv) =>
  runService('orders', configSchema, env, async ({ config, auth, log, db, consume, clock, outboxRelay, audit }) => {
    checkConfig(config);
    const collections = await openCollections(db);
    await ensureAdminIndexes(collections.orders);
    const relay = outboxRelay([collections.orders, collections.markets]);

    const stripe = config.STRIPE_SECRET_KEY
      ? stripeClient({ secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE })
      : undefined;
    const provider = stripe ? createStripeProvider(stripe) : createSimulatedProvider(clock);
    if (provider.name === 'simulated') log.warn({ provider: provider.name }, 'no STRIPE_SECRET_KEY: payments are SIMULATED, no money moves');
    else log.info({ provider: provider.name, apiBase: config.STRIPE_API_BASE ?? 'api.stripe.com' }, 'payment provider');

    // The bundled demo offer is the initial content of regions that have none; operators publish from then on.
    // audit entries ride in the orders' and offers' own writes (recovered after a crash)
    await audit.watch(collections.offers);
    await audit.watch(collections.orders);
    await audit.watch(collections.markets);
    // The bundled markets (nl: the market of everything stored before markets existed) where none is stored.
    const markets = new Markets(new MarketRepo(collections.markets), clock, config.TAX_MARKET);
    await markets.seed(BUNDLED_MARKETS);
    const offers = new Offers(new OfferRepo(collections.offers), clock);
    await offers.seed(DEMO_OFFER);
    // Orders stored before their lists were day-bucketed, or before the running payout totals: once per store.
    const client = db.getClient();
    const money = new FarmMoneyRepo(collections.farmMoney, client);
    const backfilled = await backfillPageKeys(collections.orders, collections.pageBuckets, {
      version: ORDER_PAGE_KEYS_VERSION,
      projection: ORDER_PAGE_KEY_FIELDS,
      keysOf: (d) => orderPageKeys(d as { farmIds?: string[]; state: string; placedAt: string }),
    });
    const farmsKnown = async () => {
      // The farms orders' read model knows (one document per listing, read in _id order).
      const docs = await collections.listings.find({}, { projection: { 'snapshot.farmId': 1 } }).sort({ _id: 1 }).toArray();
      return [...new Set(docs.map((d) => String((d.snapshot as { farmId?: string } | undefined)?.farmId ?? '')).filter(Boolean))];
    };
    const reconciled = await money.initialize(collections.orders, farmsKnown);
    if (backfilled || reconciled) log.info({ backfilled, reconciled }, 'orders: bucket keys and payout totals set for stored orders');
    const ctx = createContext({
      offers,
      markets,
      orders: new OrderRepo(collections.orders, { directory: collections.pageBuckets, money, client }),
      listings: new ListingRepo(collections.listings),
      idempotency: new IdempotencyRepo(collections.idempotency),
      provider,
      settings: {
        deliveryFeeMinor: config.DELIVERY_FEE_MINOR,
        platformFeeBps: config.PLATFORM_FEE_BPS,
        paymentTimeoutSeconds: config.PAYMENT_TIMEOUT_SECONDS,
        followUpDelaySeconds: config.FOLLOW_UP_DELAY_SECONDS,
        deliveryOffer: DEMO_OFFER,
        markets: new Map(BUNDLED_MARKETS.map((m) => [m.code, m])),
      },
      clock,
      log,
      fault: createFault(faultPoints(config), log),
    });

    let consumer: RunningConsumer | undefined;
    const admission = new Admission(
      [
        { name: 'orders in flight', max: config.ADMIT_MAX_IN_FLIGHT, read: () => ctx.orders.countInFlight() },
        { name: 'consumer lag', max: config.ADMIT_MAX_CONSUMER_LAG, read: async () => (consumer ? consumer.lag() : 0) },
        { name: 'outbox backlog', max: config.ADMIT_MAX_OUTBOX_BACKLOG, read: () => relay.backlog() },
      ],
      { log, retryAfterSeconds: config.ADMIT_RETRY_AFTER_SECONDS },
    );
    const api = ordersApi(auth, ctx, {
      provider: provider.name,
      admit: (what) => admission.admit(what),
      stripe: stripe && config.STRIPE_WEBHOOK_SECRET ? { stripe, secret: config.STRIPE_WEBHOOK_SECRET } : undefined,
      admin: { admin: new OrderAdminRepo(collections.orders), audit },
      figures: new OrderFiguresRepo(collections.orders),
      receipts: { numbers: new DocumentNumberRepo(db.collection('document_numbers') as never), rates: TAX_RATES[config.TAX_MARKET]!, invoices: new InvoiceDetailsRepo(db.collection('invoice_details') as never) },
    });

    return {
      api,
      produces: [Topics.orders],
      relay,
      start: async () => {
        consumer = await consume(CONSUMED_TOPICS, createEventHandler(ctx));
        return [
          consumer,
          startSweeper('orders-sweeper', config.SWEEP_INTERVAL_MS, () => sweepOnce(ctx), log),
        ];
      },
    };
  });
