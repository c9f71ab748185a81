import { AddressView, ColdChainView, nameSchemas, PageQuery, pageView } from '@ftt/kit';
import { z } from 'zod';
import { SHIPMENT_STATUSES } from '../domain/shipment';

export const ShipmentParams = z.strictObject({ shipmentId: z.string().min(1).max(64) });
export const OrderParams = z.strictObject({ orderId: z.string().min(1).max(64) });
export const LotParams = z.strictObject({ lotCode: z.string().min(3).max(64) });
export const TrackingParams = z.strictObject({
  trackingCode: z
    .string()
    .regex(/^FTT-[0-9A-Z]{12}$/, "a tracking code looks like 'FTT-' + 12 letters/digits"),
});

export const OpenQuery = z.strictObject({ region: z.string().min(1).max(60).optional() });
export const MineQuery = z.strictObject({ ...PageQuery, status: z.enum(SHIPMENT_STATUSES).optional() });
export const HistoryQuery = z.strictObject({ ...PageQuery });

const text = (max: number) => z.string().trim().min(1).max(max);

export const CheckpointBody = z.strictObject({
  place: text(200),
  /** When the partner was at the place; defaults to now. */
  time: z.iso.datetime({ offset: true }).optional(),
  temperatureC: z.number().min(-60).max(80).optional(),
  note: z.string().max(500).optional(),
});
export const DeliverBody = z.strictObject({ recipientName: text(200), proofRef: text(200) });
export const ReasonBody = z.strictObject({ reason: text(500) });

const Status = z.enum(SHIPMENT_STATUSES);
const Line = z.object({
  listingId: z.string(),
  title: z.string(),
  quantity: z.number(),
  unit: z.string(),
  lotCode: z.string(),
});
const Excursion = z.object({
  place: z.string(),
  time: z.string(),
  temperatureC: z.number(),
  minC: z.number(),
  maxC: z.number(),
  /** A logger's excursion (place `sensor <deviceId>`): the device and its last reading outside the range. */
  deviceId: z.string().optional(),
  until: z.string().optional(),
});

const Checkpoint = z.object({
  place: z.string(),
  time: z.string(),
  temperatureC: z.number().optional(),
  note: z.string().optional(),
  recordedAt: z.string(),
  excursion: z.boolean(),
});

export const OpenShipment = z.object({
  shipmentId: z.string(),
  orderId: z.string(),
  status: Status,
  region: z.string(),
  farmId: z.string(),
  farmName: z.string(),
  pickup: z.object({ address: AddressView }),
  dropoff: z.object({ city: z.string(), postalCode: z.string(), country: z.string() }),
  coldChain: ColdChainView,
  lines: z.array(Line),
  createdAt: z.string(),
  /** The delivery day the buyer chose: such a box travels on that day's run, not on its own. */
  deliveryDate: z.string().optional(),
});

export const PartnerShipment = OpenShipment.extend({
  trackingCode: z.string(),
  partnerId: z.string().nullable(),
  dropoff: z.object({ address: AddressView, contactName: z.string(), phone: z.string().optional() }),
  lotCodes: z.array(z.string()),
  checkpoints: z.array(Checkpoint),
  excursions: z.array(Excursion),
  failures: z.array(z.object({ reason: z.string(), at: z.string() })),
  delivery: z.object({ recipientName: z.string(), proofRef: z.string() }).optional(),
  returned: z.object({ reason: z.string(), at: z.string() }).optional(),
  cancelled: z.object({ reason: z.string(), at: z.string() }).optional(),
  assignedAt: z.string().optional(),
  pickedUpAt: z.string().optional(),
  outForDeliveryAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  updatedAt: z.string(),
});

/** GET /shipments/:id: the full shipment for its partner and admins, an unclaimed one as in the open list. */
export const ShipmentDetail = z.union([PartnerShipment, OpenShipment]);

export const Tracking = z.object({
  trackingCode: z.string(),
  status: Status,
  farmName: z.string(),
  temperatureExcursion: z.boolean(),
  steps: z.array(
    z.object({
      step: z.string(),
      time: z.string(),
      place: z.string().optional(),
      temperatureC: z.number().optional(),
    }),
  ),
});

const Journey = z.object({
  shipmentId: z.string(),
  status: Status,
  destination: z.object({ city: z.string(), country: z.string() }),
  pickedUpAt: z.string().optional(),
  // In a trace: no notes (free text may name people) and no recording time.
  checkpoints: z.array(Checkpoint.omit({ note: true, recordedAt: true })),
  excursions: z.array(Excursion),
  outForDeliveryAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  returnedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  /** In the buyer's order trace: a photo was taken at the drop (GET /trace/orders/{orderId}/shipments/{id}/photo). */
  deliveryPhoto: z.boolean().optional(),
});

export const LotTrace = z.object({
  lotCode: z.string(),
  lot: z
    .object({
      lotCode: z.string(),
      product: z.string(),
      farmId: z.string(),
      farmName: z.string(),
      field: z.string(),
      harvestDate: z.string(),
      bestBefore: z.string().optional(),
      quantity: z.number(),
      unit: z.string(),
    })
    .nullable(),
  orders: z.array(
    z.object({
      orderId: z.string(),
      orderStatus: z.string(),
      quantity: z.number(),
      unit: z.string(),
      shipment: Journey,
    }),
  ),
});

export const OrderTrace = z.object({
  orderId: z.string(),
  status: z.string(),
  confirmedAt: z.string().optional(),
  lines: z.array(
    z.object({
      listingId: z.string(),
      product: z.string(),
      quantity: z.number(),
      unit: z.string(),
      lotCode: z.string(),
      origin: z.object({
        farmId: z.string(),
        farmName: z.string(),
        field: z.string().nullable(),
        harvestDate: z.string().nullable(),
      }),
      shipment: Journey,
      /** The order's own buyer may share it: it opens the public tracking page of this box (never in a lot's trace). */
      trackingCode: z.string(),
    }),
  ),
});

export const EpcisDocumentSchema = z
  .object({
    '@context': z.array(z.union([z.string(), z.record(z.string(), z.string())])),
    type: z.literal('EPCISDocument'),
    schemaVersion: z.literal('2.0'),
    creationDate: z.string(),
    epcisBody: z.object({ eventList: z.array(z.record(z.string(), z.unknown())) }),
  })
  .describe('GS1 EPCIS 2.0 JSON-LD document of ObjectEvents');

export const FsmaCsv = z
  .string()
  .describe('FDA FSMA 204 sortable spreadsheet, RFC 4180 CSV with a header row');

/** A page of a partner's shipments (claimed, or finished: the history). */
export const ShipmentPage = pageView(PartnerShipment);

nameSchemas({
  ShipmentPage,
  ShipmentStatus: Status,
  ShipmentLine: Line,
  Excursion,
  Checkpoint,
  OpenShipment,
  PartnerShipment,
  ShipmentDetail,
  Tracking,
  Journey,
  LotTrace,
  OrderTrace,
});
