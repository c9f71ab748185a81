import type { Money } from '@ftt/contracts';
import type { CancelledBy, OrderState } from './order-states';

/**
 * Why an order's timeline moved, as a kind plus parameters: the web app words it for whoever reads it, and a buyer
 * is shown only what is theirs to see (never who at the platform acted, nor an internal reason or a provider's id).
 */
export type TimelineWhat =
  | { kind: 'placed' }
  | { kind: 'awaiting_payment'; paymentId: string; provider: string }
  | { kind: 'stock_rejected'; reason: string }
  | { kind: 'expired'; why: 'payment_timeout' | 'reservation_expired' }
  | { kind: 'paid'; paymentId: string }
  | { kind: 'payment_failed'; reason: string }
  | { kind: 'paid_late'; paymentId: string; after: OrderState }
  | { kind: 'cancel_requested'; by: CancelledBy; reason: string }
  | { kind: 'cancel_refused'; reason: string }
  | { kind: 'cancelled'; by: CancelledBy; reason: string }
  | { kind: 'picked_up'; farmId: string }
  | { kind: 'delivered'; farmId: string }
  | { kind: 'returned'; farmId: string; reason: string }
  | { kind: 'all_returned' }
  | { kind: 'completed'; withReturns: boolean }
  | { kind: 'refunded'; refundId: string; amount?: Money | undefined }
  | { kind: 'farmer_paid'; farmId: string; transferId: string }
  | { kind: 'operator_refund_requested'; amount: Money; by: string; reason: string }
  | { kind: 'operator_refund_made'; amount: Money; refundId: string }
  | { kind: 'operator_refund_failed'; id: string; error: string };

export type TimelineKind = TimelineWhat['kind'];

/** Every kind, for the API's enum (the record makes a new kind a compile error until it is listed). */
const KINDS: Record<TimelineKind, true> = {
  placed: true,
  awaiting_payment: true,
  stock_rejected: true,
  expired: true,
  paid: true,
  payment_failed: true,
  paid_late: true,
  cancel_requested: true,
  cancel_refused: true,
  cancelled: true,
  picked_up: true,
  delivered: true,
  returned: true,
  all_returned: true,
  completed: true,
  refunded: true,
  farmer_paid: true,
  operator_refund_requested: true,
  operator_refund_made: true,
  operator_refund_failed: true,
};
export const TIMELINE_KINDS = Object.keys(KINDS) as [TimelineKind, ...TimelineKind[]];

const fmt = (m: Money) => `${(m.amount / 100).toFixed(2)} ${m.currency}`;

/** The operators' and logs' wording (who and why, with ids); stored beside the kind, so older readers keep working. */
export const describe = (w: TimelineWhat): string => {
  switch (w.kind) {
    case 'placed':
      return 'order placed';
    case 'awaiting_payment':
      return `stock reserved; payment ${w.paymentId} created with ${w.provider}`;
    case 'stock_rejected':
      return `stock rejected: ${w.reason}`;
    case 'expired':
      return w.why === 'payment_timeout' ? 'not paid in time' : 'stock reservation expired';
    case 'paid':
      return `payment ${w.paymentId} succeeded`;
    case 'payment_failed':
      return `payment attempt failed: ${w.reason}`;
    case 'paid_late':
      return `payment ${w.paymentId} arrived after the order was ${w.after}; refunding it`;
    case 'cancel_requested':
      return `cancel requested by ${w.by}: ${w.reason}`;
    case 'cancel_refused':
      return `cancel refused: ${w.reason}`;
    case 'cancelled':
      return `cancelled by ${w.by}: ${w.reason}`;
    case 'picked_up':
      return `picked up at farm ${w.farmId}`;
    case 'delivered':
      return `delivered from farm ${w.farmId}`;
    case 'returned':
      return `shipment from farm ${w.farmId} returned: ${w.reason}`;
    case 'all_returned':
      return 'every shipment went back to its farm';
    case 'completed':
      return w.withReturns ? 'every shipment ended; returned produce is refunded' : 'every shipment was delivered';
    case 'refunded':
      return `payment refunded (${w.refundId})`;
    case 'farmer_paid':
      return `farmer of ${w.farmId} paid (${w.transferId})`;
    case 'operator_refund_requested':
      return `operator refund of ${fmt(w.amount)} requested by ${w.by}: ${w.reason}`;
    case 'operator_refund_made':
      return `operator refund of ${fmt(w.amount)} made (${w.refundId})`;
    case 'operator_refund_failed':
      return `operator refund ${w.id} failed: ${w.error}`;
  }
};

/** What a buyer may see of an entry: the kind and only the parameters that are the buyer's own business. */
/** An entry stored before entries had a kind: shown as an update without words of the service's. */
export type BuyerTimelineKind = TimelineKind | 'updated';
export const BUYER_TIMELINE_KINDS = [...TIMELINE_KINDS, 'updated'] as [BuyerTimelineKind, ...BuyerTimelineKind[]];

export interface BuyerTimelineWhat {
  kind: BuyerTimelineKind;
  farmId?: string | undefined;
  amount?: Money | undefined;
  /** Who cancelled or asked to: the buyer themselves, the platform's support, or the platform's rules. */
  by?: 'you' | 'support' | 'platform' | undefined;
  why?: 'payment_timeout' | 'reservation_expired' | undefined;
}

const whoFor = (by: CancelledBy): BuyerTimelineWhat['by'] =>
  by === 'buyer' ? 'you' : by === 'admin' ? 'support' : 'platform';

export const forBuyer = (w: TimelineWhat | undefined): BuyerTimelineWhat => {
  if (!w) return { kind: 'updated' };
  switch (w.kind) {
    case 'picked_up':
    case 'delivered':
    case 'returned':
    case 'farmer_paid':
      return { kind: w.kind, farmId: w.farmId };
    case 'expired':
      return { kind: w.kind, why: w.why };
    case 'cancel_requested':
    case 'cancelled':
      return { kind: w.kind, by: whoFor(w.by) };
    case 'refunded':
    case 'operator_refund_made':
      return { kind: w.kind, amount: w.amount };
    case 'operator_refund_requested':
      return { kind: w.kind, amount: w.amount };
    default:
      return { kind: w.kind };
  }
};
