import { aggregatesOf, eventSource } from '@ftt/kit';
import { OrderFactsState, type OrderFacts, type OrderFactsEvent } from '../domain/order-facts';
import { RunState, type Run } from '../domain/runs/run';
import { ShipmentState, type Shipment, type ShipmentEvent } from '../domain/shipment';

/** The CloudEvents source of every event logistics writes. */
export const SOURCE = eventSource('logistics');

/** The definition of an aggregate of this service (its events' source is SOURCE). */
const aggregate = aggregatesOf(SOURCE);

/** A shipment: one box from a farm to a door. The order id ties its events to the saga; it carries the order's trace. */
export const shipmentAggregate = aggregate<Shipment, ShipmentEvent>({
  name: 'shipment', collection: 'shipments', schema: ShipmentState,
  idOf: (s) => s.shipmentId, correlationOf: (_id, s) => s.orderId, traceOf: (s) => s.traceparent,
});

/** What logistics knows and decides about an order (the pickup gate, the answers to cancel requests). */
export const orderFactsAggregate = aggregate<OrderFacts, OrderFactsEvent>({
  name: 'order', collection: 'order_facts', schema: OrderFactsState,
  idOf: (f) => f.orderId,
});

/** A run: no events of its own (its stops step the shipments, which emit theirs). */
export const runAggregate = aggregate<Run>({
  name: 'run', collection: 'runs', schema: RunState,
  idOf: (r) => r.runId,
});
