/**
 * Response shapes of the three services' REST APIs, as their OpenAPI 3.1 documents (/openapi.json)
 * describe them. Money, Address and Unit come from @ftt/contracts; the views are the services' own
 * response schemas (services/<name>/src/http), which are not exported packages.
 */
import type { Address, Money, Unit } from '@ftt/contracts';

export type { Address, Money, Unit };

export const CATEGORIES = [
  'vegetables',
  'fruit',
  'herbs',
  'mushrooms',
  'eggs',
  'dairy',
  'meat',
  'honey',
  'grains',
  'flowers',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const UNITS = [
  'kg',
  'g',
  'bunch',
  'dozen',
  'crate',
  'piece',
  'litre',
  'box',
] as const satisfies readonly Unit[];
export const CERTIFICATION_TYPES = ['organic', 'biodynamic', 'fairtrade', 'globalgap', 'other'] as const;

/* catalog */

export interface Certification {
  type: string;
  name?: string;
  certifier: string;
  certificateNumber?: string;
  validUntil: string;
}

export interface FarmAddress extends Address {
  geo?: { lat: number; lng: number };
}

export interface Farm {
  id: string;
  farmerId: string;
  name: string;
  description: string;
  address: FarmAddress;
  region: string;
  certifications: Certification[];
  certified: boolean;
  payoutAccountId?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ListingStatus = 'draft' | 'published' | 'paused' | 'archived';

export interface LotInput {
  lotCode: string;
  field: string;
  harvestDate: string;
  bestBefore?: string;
  quantity: number;
}

export interface Listing {
  id: string;
  farmId: string;
  farmerId: string;
  status: ListingStatus;
  category: string;
  title: string;
  description: string;
  unit: Unit;
  unitPrice: Money;
  photos: string[];
  lot: LotInput;
  coldChain: { minC: number; maxC: number };
  farm: { name: string; region: string; certified: boolean; certifications: string[] };
  available: number;
  /** Only for the listing's farmer (and admins). */
  stock?: { available: number; reserved: number; sold: number };
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  version: number;
}

export interface FarmPage {
  farm: Farm;
  listings: Listing[];
}

export interface ListingPage {
  listing: Listing;
  farm: Farm;
}

export interface SearchFilters {
  q?: string;
  category?: Category;
  region?: string;
  certified?: boolean;
  inStock?: boolean;
  maxPrice?: number;
  sort?: 'newest' | 'price' | '-price' | 'freshness';
  cursor?: string;
  limit?: number;
}

export interface SearchPage {
  items: Listing[];
  nextCursor: string | null;
}

export interface ListingInput {
  category: Category;
  title: string;
  description: string;
  unit: Unit;
  unitPrice: Money;
  photos: string[];
  lot: LotInput;
  coldChain: { minC: number; maxC: number };
  available: number;
}

export interface FarmInput {
  name: string;
  description: string;
  address: FarmAddress & { geo: { lat: number; lng: number } };
  region: string;
  certifications: Certification[];
}

export interface StockAdjustment {
  id: string;
  kind: 'restock' | 'write_off';
  quantity: number;
  reason: string;
  by: string;
  at: string;
}

/* orders */

export const ORDER_STATES = [
  'pending',
  'awaiting_payment',
  'confirmed',
  'completed',
  'rejected',
  'cancelled',
  'expired',
  'refunded',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export interface OrderLine {
  listingId: string;
  farmId: string;
  title: string;
  unit: Unit;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  lotCode: string;
}

export interface FarmSplit {
  farmId: string;
  farmName: string;
  goods: Money;
  farmerReceives: Money;
  logisticsCost: Money;
  platformFee: Money;
  farmerSharePercent: number;
}

export interface Order {
  orderId: string;
  buyerId: string;
  state: OrderState;
  currency: string;
  placedAt: string;
  updatedAt: string;
  expiresAt?: string;
  lines: OrderLine[];
  farms: {
    farmId: string;
    farmName: string;
    region: string;
    pickedUpAt?: string;
    deliveredAt?: string;
    returned?: { at: string; reason: string };
    payout?: { status: 'pending' | 'paid'; amount: Money; transferId?: string; paidAt?: string };
  }[];
  /** A cancel asked for after confirmation, and the courier side's answer. */
  cancelRequest?: {
    status: 'requested' | 'accepted' | 'refused';
    reason: string;
    requestedAt: string;
    answeredAt?: string;
    refusal?: string;
  };
  dropoff: { address: Address; contactName: string; phone?: string };
  totals: { goods: Money; delivery: Money; platformFee: Money; total: Money };
  valueSplit: {
    goodsTotal: Money;
    logisticsTotal: Money;
    platformFeeTotal: Money;
    total: Money;
    farmersReceive: Money;
    farmersSharePercent: number;
    farms: FarmSplit[];
  };
  payment?: {
    provider: string;
    paymentId: string;
    status: 'requires_payment' | 'succeeded';
    amount: Money;
    failures: number;
    lastFailure?: string;
  };
  refund?: {
    status: 'pending' | 'refunded';
    amount: Money;
    reason: string;
    refundId?: string;
    refundedAt?: string;
  };
  timeline: { at: string; state: OrderState; cause: string }[];
}

export interface PlaceOrderInput {
  lines: { listingId: string; quantity: number }[];
  deliveryAddress: Address;
  contact: { name: string; phone?: string };
}

export interface PaymentDetails {
  orderId: string;
  provider: string;
  paymentId: string;
  clientSecret: string;
  amount: Money;
  expiresAt?: string;
}

export interface PackingLine {
  listingId: string;
  title: string;
  unit: string;
  lotCode: string;
  quantity: number;
}

export interface FarmOrders {
  farmId: string;
  packing: PackingLine[];
  orders: {
    orderId: string;
    state: OrderState;
    placedAt: string;
    toPack: boolean;
    pickedUpAt?: string;
    deliveredAt?: string;
    lines: PackingLine[];
    goods: Money;
    farmerReceives: Money;
  }[];
}

export interface FarmPayouts {
  farmId: string;
  payouts: {
    orderId: string;
    status: 'pending' | 'paid';
    transferId?: string;
    destination?: string;
    gross: Money;
    platformFee: Money;
    amount: Money;
    paidAt?: string;
  }[];
  totals: {
    currency: string;
    gross: Money;
    platformFee: Money;
    paid: Money;
    pending: Money;
    transfers: number;
  }[];
}

/* logistics */

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

export interface OpenShipment {
  shipmentId: string;
  orderId: string;
  status: ShipmentStatus;
  region: string;
  farmId: string;
  farmName: string;
  pickup: { address: Address };
  dropoff: { city: string; postalCode: string; country: string };
  coldChain: { minC: number; maxC: number };
  lines: ShipmentLine[];
  createdAt: string;
}

export interface Checkpoint {
  place: string;
  time: string;
  temperatureC?: number;
  note?: string;
  recordedAt: string;
  excursion: boolean;
}

export interface Excursion {
  place: string;
  time: string;
  temperatureC: number;
  minC: number;
  maxC: number;
}

export interface PartnerShipment extends Omit<OpenShipment, 'dropoff'> {
  trackingCode: string;
  partnerId: string | null;
  dropoff: { address: Address; contactName: string; phone?: string };
  lotCodes: string[];
  checkpoints: Checkpoint[];
  excursions: Excursion[];
  failures: { reason: string; at: string }[];
  delivery?: { recipientName: string; proofRef: string };
  returned?: { reason: string; at: string };
  cancelled?: { reason: string; at: string };
  assignedAt?: string;
  pickedUpAt?: string;
  outForDeliveryAt?: string;
  deliveredAt?: string;
  updatedAt: string;
}

/** GET /shipments/:id answers an unclaimed shipment as in the open list. */
export type ShipmentDetail = PartnerShipment | OpenShipment;

export interface Tracking {
  trackingCode: string;
  status: ShipmentStatus;
  farmName: string;
  temperatureExcursion: boolean;
  steps: { step: string; time: string; place?: string; temperatureC?: number }[];
}

export interface Journey {
  shipmentId: string;
  status: ShipmentStatus;
  destination: { city: string; country: string };
  pickedUpAt?: string;
  checkpoints: { place: string; time: string; temperatureC?: number; excursion: boolean }[];
  excursions: Excursion[];
  outForDeliveryAt?: string;
  deliveredAt?: string;
  returnedAt?: string;
  cancelledAt?: string;
}

export interface OrderTrace {
  orderId: string;
  status: string;
  confirmedAt?: string;
  lines: {
    listingId: string;
    product: string;
    quantity: number;
    unit: string;
    lotCode: string;
    origin: { farmId: string; farmName: string; field: string | null; harvestDate: string | null };
    shipment: Journey;
  }[];
}

/* notifications */

export type NotificationKind =
  | 'order_confirmed'
  | 'order_cancelled'
  | 'cancel_accepted'
  | 'cancel_refused'
  | 'out_for_delivery'
  | 'delivered'
  | 'refund_made'
  | 'new_orders'
  | 'payout_made'
  | 'temperature_excursion'
  | 'shipments_open'
  | 'dead_letters'
  | 'stuck_order';
export type NotificationChannel = 'email' | 'inapp';

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  notifications: AppNotification[];
  unread: number;
}

export interface NotificationProfile {
  userId: string;
  role?: string;
  region?: string;
  email: string;
  language: 'en' | 'nl';
  /** The kinds this role receives, each with its channels on or off. */
  preferences: Partial<Record<NotificationKind, Record<NotificationChannel, boolean>>>;
  channels: NotificationChannel[];
}
