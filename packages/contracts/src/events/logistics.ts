import { z } from 'zod';
import { Address, Id, IsoDateTime } from '../common';
import { aboutOrder, defineEvent } from '../define';
import { Topics } from '../topics';

/** Shipment events are keyed by order id so that an order's shipments stay in order with the saga. */
const shipmentKey = {
  topic: Topics.shipments,
  key: (d: { orderId: string }) => d.orderId,
  subject: (d: { shipmentId: string }) => `shipment/${d.shipmentId}`,
};
const Ref = { shipmentId: Id, orderId: Id, farmId: Id, at: IsoDateTime };

export const ShipmentCreatedV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.created.v1',
  schema: z.object({
    ...Ref,
    trackingCode: z.string().min(8),
    region: z.string().min(1),
    lotCodes: z.array(z.string().min(1)).min(1),
  }),
  description: 'One shipment per farm of a confirmed order, open for partners to claim.',
});

export const ShipmentAssignedV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.assigned.v1',
  schema: z.object({ ...Ref, partnerId: Id }),
  description: 'A logistics partner claimed the shipment.',
});

export const ShipmentPickedUpV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.picked_up.v1',
  schema: z.object({ ...Ref, partnerId: Id }),
  description: 'The partner collected the produce at the farm; the order can no longer be cancelled.',
});

export const CheckpointRecordedV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.checkpoint_recorded.v1',
  schema: z.object({
    ...Ref,
    partnerId: Id,
    place: z.string().min(1),
    temperatureC: z.number().min(-60).max(80).optional(),
    note: z.string().max(500).optional(),
  }),
  description: 'A tracking checkpoint on the way, with place and temperature.',
});

export const ShipmentOutForDeliveryV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.out_for_delivery.v1',
  schema: z.object({ ...Ref, partnerId: Id }),
  description: 'The shipment is on its last leg to the buyer.',
});

/**
 * A box left at a pickup point waits there for its buyer: where, when it is open, and the code the buyer shows to
 * collect it. Who took it in at the point (recipientName) is the point's keeper, not the buyer.
 */
const Collection = z.object({
  pickupPointId: Id,
  name: z.string().min(1).max(100),
  address: Address,
  opens: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/),
  closes: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/),
  code: z.string().regex(/^[A-Z0-9]{6}$/),
});

export const ShipmentDeliveredV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.delivered.v1',
  schema: z.object({
    ...Ref,
    partnerId: Id,
    recipientName: z.string().min(1),
    proofRef: z.string().min(1),
    collection: Collection.optional(),
  }),
  description:
    'Delivered, with the name of who received it and a proof reference; at a pickup point, where and how the buyer collects it.',
});

export const ShipmentDeliveryFailedV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.delivery_failed.v1',
  schema: z.object({ ...Ref, partnerId: Id, reason: z.string().min(1) }),
  description: 'A delivery attempt failed; the partner may retry or return the shipment.',
});

export const ShipmentReturnedV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.returned.v1',
  schema: z.object({ ...Ref, partnerId: Id, reason: z.string().min(1) }),
  description: 'The shipment went back to the farm; the order is refunded.',
});

export const ShipmentCancelledV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.cancelled.v1',
  schema: z.object({ ...Ref, reason: z.string().min(1) }),
  description: 'The order was cancelled before pickup; the shipment will not run.',
});

export const TemperatureExcursionV1 = defineEvent({
  ...shipmentKey,
  type: 'ftt.logistics.shipment.temperature_excursion.v1',
  schema: z.object({
    ...Ref,
    temperatureC: z.number(),
    minC: z.number(),
    maxC: z.number(),
    place: z.string().min(1),
    lotCodes: z.array(z.string().min(1)).min(1),
  }),
  description:
    "A temperature fell outside the lot's cold-chain range: at a checkpoint (place = where), or measured by a logger for " +
    "longer than the allowed duration (place = `sensor <deviceId>`, at = when the excursion began, temperatureC = its extreme).",
});

/** Logistics' answers to a cancel request: keyed and ordered with the order's shipments. */
const orderAnswerKey = aboutOrder(Topics.shipments);

export const OrderCancelAcceptedV1 = defineEvent({
  ...orderAnswerKey,
  type: 'ftt.logistics.order_cancel.accepted.v1',
  schema: z.object({ orderId: Id, at: IsoDateTime, cancelledShipmentIds: z.array(Id) }),
  description:
    'No shipment of the order had been picked up: logistics cancelled them all, and no pickup can happen any more. ' +
    'orders now cancels the order (stock released, payment refunded).',
});

export const OrderCancelRefusedV1 = defineEvent({
  ...orderAnswerKey,
  type: 'ftt.logistics.order_cancel.refused.v1',
  schema: z.object({ orderId: Id, at: IsoDateTime, reason: z.string().min(1) }),
  description: 'A shipment of the order had already left its farm (or the order was completed): the order keeps going.',
});

/** One temperature reading of a logger: when it was measured (the device's clock) and the value in °C. */
export const SensorReading = z.object({
  t: IsoDateTime,
  c: z.number().min(-60).max(80),
});

/** How many readings one ingest request (and so one message) may carry. */
export const MAX_READINGS_PER_BATCH = 500;

export const ReadingsRecordedV1 = defineEvent({
  topic: Topics.readings,
  key: (d: { deviceId: string }) => d.deviceId,
  subject: (d: { deviceId: string }) => `device/${d.deviceId}`,
  type: 'ftt.logistics.device.readings_recorded.v1',
  schema: z.object({
    deviceId: Id,
    receivedAt: IsoDateTime,
    readings: z.array(SensorReading).min(1).max(MAX_READINGS_PER_BATCH),
  }),
  description:
    'A batch of temperature readings a logger sent, as received (unsorted, possibly repeated). Keyed by device, so one ' +
    "device's batches stay in order; logistics attaches them to the shipments the device carried at each reading's time.",
});
