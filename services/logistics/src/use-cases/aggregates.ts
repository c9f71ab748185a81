import { defineAggregate, eventSource } from '@ftt/kit';
import type { OrderFacts, OrderFactsEvent } from '../domain/order-facts';
import type { Run } from '../domain/runs/run';
import type { Shipment, ShipmentEvent } from '../domain/shipment';

/** The CloudEvents source of every event logistics writes. */
export const SOURCE = eventSource('logistics');

/** A shipment: one box from a farm to a door. The order id ties its events to the saga; it carries the order's trace. */
export const shipmentAggregate = defineAggregate<Shipment, ShipmentEvent>({
  name: 'shipment',
  collection: 'shipments',
  idOf: (s) => s.shipmentId,
  source: SOURCE,
  correlationOf: (_id, s) => s.orderId,
  traceOf: (s) => s.traceparent,
});

/** What logistics knows and decides about an order (the pickup gate, the answers to cancel requests). */
export const orderFactsAggregate = defineAggregate<OrderFacts, OrderFactsEvent>({
  name: 'order',
  collection: 'order_facts',
  idOf: (f) => f.orderId,
  source: SOURCE,
});

/** A run: no events of its own (its stops step the shipments, which emit theirs). */
export const runAggregate = defineAggregate<Run>({
  name: 'run',
  collection: 'runs',
  idOf: (r) => r.runId,
  source: SOURCE,
});
