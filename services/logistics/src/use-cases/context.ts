import { aggregateHandler, type AggregateHandler, type UseCaseDeps } from '@ftt/kit';
import type { OrderFacts, OrderFactsEvent } from '../domain/order-facts';
import type { Shipment, ShipmentEvent } from '../domain/shipment';
import type { TraceIds } from '../domain/trace/identifiers';
import type { Run } from '../domain/runs/run';
import { orderFactsAggregate, runAggregate, shipmentAggregate } from './aggregates';
import type { ColdChainDeps } from './cold-chain-ports';
import type { DropPhotoStore } from './drop-photo-port';
import type { LotStore, OrderFactsStore, RunStore, ShipmentStore } from './ports';

/** What service.ts wires: the ports, the clock, the log and this service's settings. */
export interface Deps extends UseCaseDeps {
  shipments: ShipmentStore;
  lots: LotStore;
  orders: OrderFactsStore;
  runs: RunStore;
  /** How many open shipments a partner sees at once. */
  openShipmentsLimit: number;
  /** The web app's public address, where a box label's QR code leads (issue #33). */
  appUrl: string;
  /** The https identifiers of the EPCIS exports. */
  traceIds: TraceIds;
  /** Temperature loggers, their attachments to shipments and their readings (use-cases/readings.ts). */
  coldChain: ColdChainDeps;
  /** Photos taken at runs' drops (use-cases/drop-photos.ts). */
  dropPhotos: DropPhotoStore;
}

/** What every use case, route and event handler receives: the deps and one command handler per aggregate. */
export interface Context extends Deps {
  /** The one way a shipment changes: load, decide, one conditional write with its events, retry, publish. */
  handleShipment: AggregateHandler<Shipment, ShipmentEvent>;
  /** The one way an order's facts change (the pickup gate, cancel answers, confirmed/cancelled/completed). */
  handleOrderFacts: AggregateHandler<OrderFacts, OrderFactsEvent>;
  /** The one way a run changes. */
  handleRun: AggregateHandler<Run, never>;
}

export const createContext = (deps: Deps): Context => ({
  ...deps,
  handleShipment: aggregateHandler(shipmentAggregate, deps.shipments, deps),
  handleOrderFacts: aggregateHandler(orderFactsAggregate, deps.orders, deps),
  handleRun: aggregateHandler(runAggregate, deps.runs, deps),
});
