import { aggregatesOf, eventSource } from '@ftt/kit';
import type { DomainEvent, Order } from '../domain/order';
import { OrderAggregateState } from '../domain/order-schema';
import { MarketState, type MarketRecord } from './ports-market';
import { OfferState, type OfferRecord } from './ports-offer';

/** The CloudEvents source of every event orders writes. */
export const SOURCE = eventSource('orders');

/** The definition of an aggregate of this service (its events' source is SOURCE). */
const aggregate = aggregatesOf(SOURCE);

/**
 * How long the order handler remembers what it wrote: longer than a saga takes from POST to confirmed under load
 * (catalog's answer, the buyer's pay), so the stock answer and the payment are decided without loading the order.
 */
export const ORDER_MEMORY_MS = 30_000;

/**
 * An order: the saga's aggregate. Its id ties the saga's events together unless the cause carries a correlation; a
 * consumed event brings its own trace, a webhook, a buyer's click or the sweeper continue the order's.
 */
export const orderAggregate = aggregate<Order, DomainEvent>({
  name: 'order', collection: 'orders', schema: OrderAggregateState,
  idOf: (o) => o.orderId, traceOf: (o) => o.traceparent,
  // A saga's steps mostly land where the order was last written (see ORDER_MEMORY_MS).
  rememberMs: ORDER_MEMORY_MS,
});

/** The published delivery offer of one region (no events: orders placed from then on price with it). */
export const offerAggregate = aggregate<OfferRecord>({
  name: 'offer', collection: 'delivery_offers', schema: OfferState,
  idOf: (o) => o.region,
});

/** A published market (its code is the id); each publish emits market.published through the market's own outbox. */
export const marketAggregate = aggregate<MarketRecord, { type: 'ftt.orders.market.published.v1'; data: unknown }>({
  name: 'market', collection: 'markets', schema: MarketState,
  idOf: (m) => m.code,
});
