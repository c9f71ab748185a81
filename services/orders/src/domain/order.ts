import type { Address, ColdChain, EventData, EventType, Money, Unit } from '@ftt/contracts';
import { reject, type Outcome } from '@ftt/kit/domain';
import type { DeliveryDrop } from './delivery-offer';
import type { PaymentMethod } from './market';
import { describe, type TimelineWhat } from './timeline';

import { ORDER_STATES, type CancelledBy, type OrderState } from './order-states';

export { ORDER_STATES, type CancelledBy, type OrderState };

/**
 * The only legal moves. The deciders check the state before they move, so a move not listed here is a bug.
 * completed, rejected, cancelled, expired and refunded are ends: nothing leaves them.
 */
const NEXT: Record<OrderState, readonly OrderState[]> = {
  pending: ['awaiting_payment', 'rejected', 'cancelled', 'expired'],
  awaiting_payment: ['confirmed', 'cancelled', 'expired'],
  confirmed: ['completed', 'cancelled', 'refunded'],
  completed: [],
  rejected: [],
  cancelled: [],
  expired: [],
  refunded: [],
};

/** The states a farm's list shows: paid orders are the ones a farm packs; cancelled and refunded ones stay visible so nothing is packed in vain. */
export const FARM_ORDER_STATES: readonly OrderState[] = ['confirmed', 'completed', 'cancelled', 'refunded'];

export const canMove = (from: OrderState, to: OrderState): boolean => NEXT[from].includes(to);
export const isEnd = (s: OrderState): boolean => NEXT[s].length === 0;

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

export interface Payout {
  status: 'pending' | 'paid';
  gross: Money;
  platformFee: Money;
  amount: Money;
  /**
   * The farm's delivery fee the platform keeps for logistics, less what an operator's refund took from it (see
   * ledger.ts). Absent on payouts recorded before issue #27: the farm's whole deliveryFee.
   */
  delivery?: Money | undefined;
  destination?: string | undefined;
  transferId?: string | undefined;
  paidAt?: string | undefined;
  attempts: number;
  lastError?: string | undefined;
}

/** One farm's part of the order: what logistics needs to pick it up and what the farmer is owed. */
export interface FarmPart {
  farmId: string;
  farmName: string;
  farmerId: string;
  region: string;
  pickupAddress: Address;
  coldChain: ColdChain;
  payoutAccountId?: string | undefined;
  goods: Money;
  deliveryFee: Money;
  platformFee: Money;
  farmerReceives: Money;
  /** When the farm's shipment left the farm / arrived / went back: the shipment's own times, from its events. */
  pickedUpAt?: string | undefined;
  deliveredAt?: string | undefined;
  returned?: { at: string; reason: string } | undefined;
  payout?: Payout | undefined;
}

/**
 * A cancel asked for after confirmation. Whether a box has left a farm is logistics' to know, so the order
 * records the request and logistics answers: accepted (the order is then cancelled) or refused (and why).
 */
export interface CancelRequest {
  status: 'requested' | 'accepted' | 'refused';
  by: CancelledBy;
  reason: string;
  requestedAt: string;
  answeredAt?: string | undefined;
  /** Why logistics refused, in words for the buyer. */
  refusal?: string | undefined;
}

export interface Payment {
  provider: string;
  paymentId: string;
  clientSecret: string;
  amount: Money;
  status: 'requires_payment' | 'succeeded';
  failures: number;
  lastFailure?: string | undefined;
  succeededAt?: string | undefined;
}

export interface Refund {
  status: 'pending' | 'refunded';
  amount: Money;
  reason: string;
  refundId?: string | undefined;
  refundedAt?: string | undefined;
  attempts: number;
  lastError?: string | undefined;
}

export interface OperatorRefund {
  /** op1, op2, ...: part of the provider's idempotency key, so a repeated call refunds once. */
  id: string;
  status: 'pending' | 'refunded' | 'failed';
  amount: Money;
  reason: string;
  by: string;
  requestedAt: string;
  refundId?: string | undefined;
  refundedAt?: string | undefined;
  error?: string | undefined;
}

export interface TimelineEntry {
  at: string;
  state: OrderState;
  /** The operators' wording of `what` (entries stored before `what` existed have only this). */
  cause: string;
  what?: TimelineWhat | undefined;
}

export interface Dropoff {
  address: Address;
  contactName: string;
  phone?: string | undefined;
}

export interface OrderDelivery {
  day: string;
  cutoff: string;
  moved: boolean;
  fee: Money;
  drop: DeliveryDrop;
}

export interface Order {
  orderId: string;
  buyerId: string;
  state: OrderState;
  /** The market the order belongs to, its listings' (absent on orders placed before markets: `nl`). */
  market?: string | undefined;
  currency: string;
  /** How the buyer pays, one of the market's methods (absent on orders placed before methods: card). */
  paymentMethod?: PaymentMethod | undefined;
  lines: OrderLine[];
  farms: FarmPart[];
  /** Denormalised for the farm views' queries. */
  farmIds: string[];
  totals: { goods: Money; delivery: Money; platformFee: Money; total: Money };
  dropoff: Dropoff;
  /** The buyer deleted their account: the dropoff's name, address and phone were removed then (the order stays for accounting). */
  buyerErasedAt?: string | undefined;
  /** The delivery the buyer chose at checkout: the day (after the cut-off rule), its fee and the drop. */
  delivery?: OrderDelivery | undefined;
  placedAt: string;
  updatedAt: string;
  /** Until when the order may wait for stock (pending) or payment (awaiting_payment); the sweeper expires it after. */
  expiresAt?: string | undefined;
  payment?: Payment | undefined;
  refund?: Refund | undefined;
  /** Refunds an operator gave by hand (goodwill, a damaged box), each through the payment provider; see operator-refund.ts. */
  operatorRefunds?: OperatorRefund[] | undefined;
  cancelRequest?: CancelRequest | undefined;
  /** When provider work (refund, payouts) is pending, the sweeper picks the order up from this time on. */
  followUpAt?: string | null | undefined;
  timeline: TimelineEntry[];
  /** W3C traceparent of the request that placed it: later steps that come without one continue this trace. */
  traceparent?: string | undefined;
  /**
   * SHA-256 of the placing request's body: a retry under the same Idempotency-Key with another body is refused (the
   * key names the order, see orderIdFor). Not on orders placed before the key named the order.
   */
  requestHash?: string | undefined;
}

/** An event to emit, before it is wrapped in an envelope by the use case. */
export type DomainEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

/** What a decider returns: the new order and its events, an ignore (late, duplicate, already done) or a rejection. */
export type OrderOutcome = Outcome<Order, DomainEvent>;

export const event = <T extends EventType>(type: T, data: EventData<T>): DomainEvent =>
  ({ type, data }) as DomainEvent;

/** Moves the order to `to`, recording why in the timeline. Its callers checked the state: an illegal move is a bug. */
export const moveTo = (order: Order, to: OrderState, what: TimelineWhat, now: Date, at?: string): Order => {
  if (!canMove(order.state, to)) throw new Error(`bug: an order cannot go from ${order.state} to ${to}`);
  return note({ ...order, state: to }, what, now, at);
};

/**
 * Records something that happened without a change of state (a failed payment attempt, a pickup). `at` is
 * when it happened when another service reported it (the event's time); `now` is when the order changed.
 */
export const note = (order: Order, what: TimelineWhat, now: Date, at: string = now.toISOString()): Order => ({
  ...order,
  updatedAt: now.toISOString(),
  timeline: [...order.timeline, { at, state: order.state, cause: describe(what), what }],
});

/**
 * The same decision when a buyer asks for it (the simulated provider's "pay"): what an event would quietly
 * skip is refused to the asker.
 */
export const asRequest = (outcome: OrderOutcome): OrderOutcome =>
  outcome.kind === 'ignore' ? reject('order.invalid_transition', outcome.reason) : outcome;

/** Why a step does not apply to the order as it is now: the reason of an ignore, or the message of a rejection. */
export const notWhile = (order: Order, what: string): string => `${what} is not possible while the order is ${order.state}`;
