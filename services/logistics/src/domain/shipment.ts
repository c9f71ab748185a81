import { Address, DeliveryDrop, MarketCode, type EventData } from '@ftt/contracts';
import { z } from 'zod';

export const SHIPMENT_STATUSES = [
  'open',
  'assigned',
  'picked_up',
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'returned',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export interface ShipmentLine {
  listingId: string;
  title: string;
  quantity: number;
  unit: string;
  lotCode: string;
}

export interface Checkpoint {
  place: string;
  /** When the partner was there (may be a little before it was recorded). */
  time: string;
  temperatureC?: number | undefined;
  note?: string | undefined;
  recordedAt: string;
  excursion: boolean;
}

export interface Excursion {
  place: string;
  /** When it was seen (a checkpoint) or began (a logger's excursion: its first reading outside the range). */
  time: string;
  /** The temperature at the checkpoint, or the extreme a logger measured during the excursion. */
  temperatureC: number;
  minC: number;
  maxC: number;
  /** A logger's excursion: which device measured it, and its last reading outside the range seen so far. */
  deviceId?: string | undefined;
  until?: string | undefined;
}

/** One line of the public timeline; holds nothing personal (no names, addresses, partner id, notes). */
export interface Step {
  step:
    | 'created'
    | 'assigned'
    | 'picked_up'
    | 'checkpoint'
    | 'out_for_delivery'
    | 'delivered'
    | 'delivery_failed'
    | 'returned'
    | 'cancelled';
  at: string;
  place?: string | undefined;
  temperatureC?: number | undefined;
}

export type ShipmentDrop = NonNullable<EventData<'ftt.orders.order.confirmed.v1'>['drop']>;

export interface Shipment {
  shipmentId: string;
  orderId: string;
  buyerId: string;
  farmId: string;
  farmName: string;
  region: string;
  trackingCode: string;
  status: ShipmentStatus;
  pickupAddress: Address;
  dropoff: { address: Address; contactName: string; phone?: string | undefined };
  coldChain: { minC: number; maxC: number };
  lines: ShipmentLine[];
  lotCodes: string[];
  /** The delivery day and drop the buyer chose at checkout (order.confirmed); runs group shipments by them. */
  deliveryDate?: string | undefined;
  drop?: ShipmentDrop | undefined;
  /** The order's market (order.confirmed; absent on orders before markets: nl). */
  market?: string | undefined;
  partnerId: string | null;
  createdAt: string;
  updatedAt: string;
  assignedAt?: string | undefined;
  pickedUpAt?: string | undefined;
  outForDeliveryAt?: string | undefined;
  deliveredAt?: string | undefined;
  /** Who received it and the proof; `photoId`: a photo taken at a run's drop (data/drop-photo-repo.ts). */
  delivery?: { recipientName: string; proofRef: string; photoId?: string | undefined } | undefined;
  failures: { reason: string; at: string }[];
  returned?: { reason: string; at: string } | undefined;
  cancelled?: { reason: string; at: string } | undefined;
  checkpoints: Checkpoint[];
  /** W3C traceparent of the order confirmation that created it: steps that come without one continue this trace. */
  traceparent?: string | undefined;
  excursions: Excursion[];
  steps: Step[];
  /** The buyer deleted their account: name, street, phone and the receiver's name are gone (domain/erasure.ts). */
  recipientErasedAt?: string | undefined;
}

const At = z.iso.datetime();
const When = z.strictObject({ reason: z.string(), at: At });

/** What a shipment document holds, less the kit's fields (the aggregate's state schema: the decider tests parse every state with it). */
export const ShipmentState: z.ZodType<Shipment> = z.strictObject({
  shipmentId: z.string().min(1),
  orderId: z.string().min(1),
  buyerId: z.string().min(1),
  farmId: z.string().min(1),
  farmName: z.string(),
  region: z.string(),
  trackingCode: z.string().min(1),
  status: z.enum(SHIPMENT_STATUSES),
  pickupAddress: Address,
  dropoff: z.strictObject({ address: Address, contactName: z.string(), phone: z.string().optional() }),
  coldChain: z.strictObject({ minC: z.number(), maxC: z.number() }),
  lines: z.array(
    z.strictObject({ listingId: z.string().min(1), title: z.string(), quantity: z.number().positive(), unit: z.string(), lotCode: z.string() }),
  ),
  lotCodes: z.array(z.string()),
  deliveryDate: z.iso.date().optional(),
  drop: DeliveryDrop.optional(),
  market: MarketCode.optional(),
  partnerId: z.string().min(1).nullable(),
  createdAt: At,
  updatedAt: At,
  assignedAt: At.optional(),
  pickedUpAt: At.optional(),
  outForDeliveryAt: At.optional(),
  deliveredAt: At.optional(),
  delivery: z.strictObject({ recipientName: z.string(), proofRef: z.string(), photoId: z.string().optional() }).optional(),
  failures: z.array(When),
  returned: When.optional(),
  cancelled: When.optional(),
  checkpoints: z.array(
    z.strictObject({
      place: z.string(),
      time: At,
      temperatureC: z.number().optional(),
      note: z.string().optional(),
      recordedAt: At,
      excursion: z.boolean(),
    }),
  ),
  traceparent: z.string().optional(),
  excursions: z.array(
    z.strictObject({
      place: z.string(),
      time: At,
      temperatureC: z.number(),
      minC: z.number(),
      maxC: z.number(),
      deviceId: z.string().optional(),
      until: At.optional(),
    }),
  ),
  steps: z.array(
    z.strictObject({
      step: z.enum(['created', 'assigned', 'picked_up', 'checkpoint', 'out_for_delivery', 'delivered', 'delivery_failed', 'returned', 'cancelled']),
      at: At,
      place: z.string().optional(),
      temperatureC: z.number().optional(),
    }),
  ),
  recipientErasedAt: At.optional(),
});

export type ShipmentEventType =
  | 'ftt.logistics.shipment.created.v1'
  | 'ftt.logistics.shipment.assigned.v1'
  | 'ftt.logistics.shipment.picked_up.v1'
  | 'ftt.logistics.shipment.checkpoint_recorded.v1'
  | 'ftt.logistics.shipment.out_for_delivery.v1'
  | 'ftt.logistics.shipment.delivered.v1'
  | 'ftt.logistics.shipment.delivery_failed.v1'
  | 'ftt.logistics.shipment.returned.v1'
  | 'ftt.logistics.shipment.cancelled.v1'
  | 'ftt.logistics.shipment.temperature_excursion.v1';

/** A domain decision names its events with the contract types, so the use case only wraps them in envelopes. */
export type ShipmentEvent = { [T in ShipmentEventType]: { type: T; data: EventData<T> } }[ShipmentEventType];

export interface Decision {
  shipment: Shipment;
  events: ShipmentEvent[];
}

/** The shipments a partner finished: delivered, or taken back to the farm (a partner's history). */
export const FINISHED: readonly ShipmentStatus[] = ['delivered', 'returned'];

export const isTerminal = (s: ShipmentStatus): boolean =>
  s === 'delivered' || s === 'returned' || s === 'cancelled';
