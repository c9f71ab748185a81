import { PaymentReady } from './payment-ready';
import {
  commandHandler,
  envelopesFor,
  eventSource,
  ignore,
  type CommandHandler,
  type Decide,
  type Logger,
} from '@ftt/kit';
import type { DomainEvent, Order, OrderOutcome } from '../domain/order';
import type { OrderSettings } from '../domain/place';
import type { Fault } from '../fault';
import type { Offers } from './offers';
import type { IdempotencyStore, ListingStore, OrderStore, PaymentProvider } from './ports';

export const SOURCE = eventSource('orders');

/** What service.ts provides: the ports, the settings, the clock and the log. */
export interface Deps {
  orders: OrderStore;
  listings: ListingStore;
  idempotency: IdempotencyStore;
  provider: PaymentProvider;
  /**
   * The fees and timeouts. Its `deliveryOffer` is only the bundled one, written at start for regions without one:
   * pricing (placing, quoting) takes the published offer from `offers` (`await ctx.offers.current()`).
   */
  settings: OrderSettings;
  /** The published delivery offer (cached). */
  offers: Offers;
  clock: () => Date;
  log: Logger;
  /** Publish the order's outbox now rather than at the relay's next scan. */
  kick: (orderId: string) => void;
  fault: Fault;
}

/** What every use case gets: the deps and the order's command handler built on them. */
export interface Context extends Deps {
  /**
   * The one way an order changes: load, decide, one conditional write of state + events + consumed event id,
   * again on a version conflict; a rejection is thrown as a DomainError, an ignore comes back as a value.
   */
  handleOrder: CommandHandler<Order, DomainEvent>;
  /** Requests waiting for an order's payment to be created (see payment-ready.ts). */
  paymentReady: PaymentReady;
}

/**
 * How long the order handler remembers what it wrote: longer than a saga takes from POST to confirmed under load
 * (catalog's answer, the buyer's pay), so the stock answer and the payment are decided without loading the order.
 */
export const ORDER_MEMORY_MS = 30_000;

/** Envelopes for an order's domain events: the order id ties a saga together unless the cause carries a correlation. */
export const toEvents = envelopesFor<Order>(SOURCE);

export const createContext = (deps: Deps): Context => ({
  ...deps,
  paymentReady: new PaymentReady(),
  handleOrder: commandHandler<Order, DomainEvent>({
    aggregate: 'order',
    store: deps.orders,
    clock: deps.clock,
    toEvents,
    // A consumed event brings its own trace; a webhook, a buyer's click or the sweeper continues the order's.
    traceOf: (order) => order.traceparent,
    kick: deps.kick,
    // A saga's steps mostly land where the order was last written (see ORDER_MEMORY_MS).
    rememberMs: ORDER_MEMORY_MS,
  }),
});

/** A decision about an order that exists already: an event, webhook or sweep about an unknown order is ignored. */
export const onOrder =
  (orderId: string, decide: (order: Order, now: Date) => OrderOutcome): Decide<Order, DomainEvent> =>
  (current, now) =>
    current ? decide(current, now) : ignore(`unknown order ${orderId}`);
