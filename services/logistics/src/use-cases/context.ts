import { commandHandler, envelopesFor, eventSource, tracedCommandHandler, type CommandHandler, type UseCaseDeps } from '@ftt/kit';
import type { OrderFacts, OrderFactsEvent } from '../domain/order-facts';
import type { Shipment, ShipmentEvent } from '../domain/shipment';
import type { TraceIds } from '../domain/trace/identifiers';
import type { Run } from '../domain/runs/run';
import type { ColdChainDeps } from './cold-chain-ports';
import type { DropPhotoStore } from './drop-photo-port';
import type { LotStore, OrderFactsStore, RunStore, ShipmentStore } from './ports';

/** The CloudEvents source of every event logistics writes. */
export const SOURCE = eventSource('logistics');

/** What service.ts wires: the ports, the clock, the log, the kick of a shipment's outbox and this service's settings. */
export interface Deps extends UseCaseDeps {
  shipments: ShipmentStore;
  lots: LotStore;
  orders: OrderFactsStore;
  runs: RunStore;
  /** Publish an order's facts' outbox now (the answers to cancel requests); `kick` does it for a shipment. */
  kickOrder: (orderId: string) => void;
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

/** What every use case, route and event handler receives: the deps and the shipment's command handler on them. */
export interface Context extends Deps {
  /** The one way a shipment changes: load, decide, one conditional write with its events, retry, kick. */
  handleShipment: CommandHandler<Shipment, ShipmentEvent>;
  /** The one way an order's facts change (the pickup gate, cancel answers, confirmed/cancelled/completed). */
  handleOrderFacts: CommandHandler<OrderFacts, OrderFactsEvent>;
  /** The one way a run changes (no events of its own: its stops step the shipments, which emit theirs). */
  handleRun: CommandHandler<Run, never>;
}

/** Domain events -> envelopes; the order id ties every event of the saga together unless the cause brings a correlation. */
export const toEvents = envelopesFor<Shipment>(SOURCE, (_id, shipment) => shipment.orderId);

export const createContext = (deps: Deps): Context => ({
  ...deps,
  handleShipment: tracedCommandHandler<Shipment, ShipmentEvent>(deps, { aggregate: 'shipment', store: deps.shipments, toEvents }),
  handleOrderFacts: commandHandler<OrderFacts, OrderFactsEvent>({
    aggregate: 'order',
    store: deps.orders,
    clock: deps.clock,
    toEvents: envelopesFor<OrderFacts>(SOURCE),
    kick: deps.kickOrder,
  }),
  handleRun: commandHandler<Run, never>({ aggregate: 'run', store: deps.runs, clock: deps.clock, toEvents: () => [] }),
});
