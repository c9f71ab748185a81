/** An order's states, on their own so that the timeline's words (timeline.ts) need nothing else of order.ts. */
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

/** Who asked for a cancel. */
export type CancelledBy = 'buyer' | 'admin' | 'system';
