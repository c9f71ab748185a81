import type { z } from 'zod';
import * as catalog from './events/catalog';
import * as logistics from './events/logistics';
import * as orders from './events/orders';

const all = [
  catalog.ListingPublishedV1,
  catalog.ListingUpdatedV1,
  catalog.ListingArchivedV1,
  catalog.StockReservedV1,
  catalog.StockRejectedV1,
  catalog.StockReleasedV1,
  catalog.StockCommittedV1,
  orders.OrderPlacedV1,
  orders.OrderConfirmedV1,
  orders.OrderRejectedV1,
  orders.OrderCancelledV1,
  orders.OrderExpiredV1,
  orders.OrderCompletedV1,
  orders.PaymentSucceededV1,
  orders.PaymentFailedV1,
  orders.PaymentRefundedV1,
  orders.FarmerPayoutMadeV1,
  logistics.ShipmentCreatedV1,
  logistics.ShipmentAssignedV1,
  logistics.ShipmentPickedUpV1,
  logistics.CheckpointRecordedV1,
  logistics.ShipmentOutForDeliveryV1,
  logistics.ShipmentDeliveredV1,
  logistics.ShipmentDeliveryFailedV1,
  logistics.ShipmentReturnedV1,
  logistics.ShipmentCancelledV1,
  logistics.TemperatureExcursionV1,
] as const;

type Def = (typeof all)[number];
export type EventType = Def['type'];
export type EventDefOf<T extends EventType> = Extract<Def, { type: T }>;
/** The data of an event type, inferred from its one zod schema. */
export type EventData<T extends EventType> = z.infer<EventDefOf<T>['schema']>;

export const eventDefinitions: readonly Def[] = all;

const byType = new Map<string, Def>(all.map((d) => [d.type, d]));

export const findEventDefinition = (type: string): Def | undefined => byType.get(type);

export const getEventDefinition = <T extends EventType>(type: T): EventDefOf<T> => {
  const def = byType.get(type);
  if (!def) throw new Error(`unknown event type ${type}`);
  return def as EventDefOf<T>;
};
