import { PaymentReady } from './payment-ready';
import { aggregateHandler, ignore, type AggregateHandler, type Decide, type UseCaseDeps } from '@ftt/kit';
import type { DomainEvent, Order, OrderOutcome } from '../domain/order';
import type { OrderSettings } from '../domain/place';
import type { Fault } from '../fault';
import type { Markets } from './markets';
import type { Offers } from './offers';
import { orderAggregate } from './aggregates';
import type { IdempotencyStore, ListingStore, OrderStore, PaymentProvider } from './ports';

/** What service.ts provides: the ports, the settings, the clock and the log. */
export interface Deps extends UseCaseDeps {
  orders: OrderStore;
  listings: ListingStore;
  idempotency: IdempotencyStore;
  provider: PaymentProvider;
  /**
   * The fees and timeouts. Its `deliveryOffer` and `markets` are only the bundled ones, written at start where none is
   * stored: pricing (placing, quoting) takes the published ones from `offers` and `markets`.
   */
  settings: OrderSettings;
  /** The published delivery offer (cached). */
  offers: Offers;
  /** The published markets (cached). */
  markets: Markets;
  fault: Fault;
}

/** What every use case gets: the deps and the order's command handler built on them. */
export interface Context extends Deps {
  /**
   * The one way an order changes: load, decide, one conditional write of state + events + consumed event id,
   * again on a version conflict; a rejection is thrown as a DomainError, an ignore comes back as a value.
   */
  handleOrder: AggregateHandler<Order, DomainEvent>;
  /** Requests waiting for an order's payment to be created (see payment-ready.ts). */
  paymentReady: PaymentReady;
}

export const createContext = (deps: Deps): Context => ({
  ...deps,
  paymentReady: new PaymentReady(),
  handleOrder: aggregateHandler(orderAggregate, deps.orders, deps),
});

/** A decision about an order that exists already: an event, webhook or sweep about an unknown order is ignored. */
export const onOrder =
  (orderId: string, decide: (order: Order, now: Date) => OrderOutcome | Promise<OrderOutcome>): Decide<Order, DomainEvent> =>
  (current, now) =>
    current ? decide(current, now) : ignore(`unknown order ${orderId}`);
