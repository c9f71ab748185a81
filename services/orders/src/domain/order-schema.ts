import { Address, ColdChain, DeliveryDrop, Money, Unit } from '@ftt/contracts';
import { z } from 'zod';
import type { Order } from './order';
import { ORDER_STATES } from './order-states';
import type { TimelineWhat } from './timeline';

const At = z.iso.datetime();
const State = z.enum(ORDER_STATES);
const CancelledBy = z.enum(['buyer', 'admin', 'system']);

const TimelineWhatState: z.ZodType<TimelineWhat> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('placed') }),
  z.strictObject({ kind: z.literal('awaiting_payment'), paymentId: z.string(), provider: z.string() }),
  z.strictObject({ kind: z.literal('stock_rejected'), reason: z.string() }),
  z.strictObject({ kind: z.literal('expired'), why: z.enum(['payment_timeout', 'reservation_expired']) }),
  z.strictObject({ kind: z.literal('paid'), paymentId: z.string() }),
  z.strictObject({ kind: z.literal('payment_failed'), reason: z.string() }),
  z.strictObject({ kind: z.literal('paid_late'), paymentId: z.string(), after: State }),
  z.strictObject({ kind: z.literal('cancel_requested'), by: CancelledBy, reason: z.string() }),
  z.strictObject({ kind: z.literal('cancel_refused'), reason: z.string() }),
  z.strictObject({ kind: z.literal('cancelled'), by: CancelledBy, reason: z.string() }),
  z.strictObject({ kind: z.literal('picked_up'), farmId: z.string() }),
  z.strictObject({ kind: z.literal('delivered'), farmId: z.string() }),
  z.strictObject({ kind: z.literal('returned'), farmId: z.string(), reason: z.string() }),
  z.strictObject({ kind: z.literal('all_returned') }),
  z.strictObject({ kind: z.literal('completed'), withReturns: z.boolean() }),
  z.strictObject({ kind: z.literal('refunded'), refundId: z.string(), amount: Money.optional() }),
  z.strictObject({ kind: z.literal('farmer_paid'), farmId: z.string(), transferId: z.string() }),
  z.strictObject({ kind: z.literal('operator_refund_requested'), amount: Money, by: z.string(), reason: z.string() }),
  z.strictObject({ kind: z.literal('operator_refund_made'), amount: Money, refundId: z.string() }),
  z.strictObject({ kind: z.literal('operator_refund_failed'), id: z.string(), error: z.string() }),
]);

const PayoutState = z.strictObject({
  status: z.enum(['pending', 'paid']),
  gross: Money,
  platformFee: Money,
  amount: Money,
  delivery: Money.optional(),
  destination: z.string().optional(),
  transferId: z.string().optional(),
  paidAt: At.optional(),
  attempts: z.number().int().min(0),
  lastError: z.string().optional(),
});

const FarmPartState = z.strictObject({
  farmId: z.string().min(1),
  farmName: z.string(),
  farmerId: z.string().min(1),
  region: z.string(),
  pickupAddress: Address,
  coldChain: ColdChain,
  payoutAccountId: z.string().optional(),
  goods: Money,
  deliveryFee: Money,
  platformFee: Money,
  farmerReceives: Money,
  pickedUpAt: At.optional(),
  deliveredAt: At.optional(),
  returned: z.strictObject({ at: At, reason: z.string() }).optional(),
  payout: PayoutState.optional(),
});

/**
 * What an order document holds, less the kit's fields (the order aggregate's state schema: the decider tests parse
 * every state they give and every state a decider writes with it).
 */
export const OrderAggregateState: z.ZodType<Order> = z.strictObject({
  orderId: z.string().min(1),
  buyerId: z.string().min(1),
  state: State,
  market: z.string().regex(/^[a-z]{2,8}$/).optional(),
  paymentMethod: z.enum(['card', 'alipay', 'wechat_pay']).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  lines: z.array(
    z.strictObject({
      listingId: z.string().min(1),
      farmId: z.string().min(1),
      title: z.string(),
      unit: Unit,
      quantity: z.number().positive(),
      unitPrice: Money,
      lineTotal: Money,
      lotCode: z.string(),
    }),
  ),
  farms: z.array(FarmPartState),
  farmIds: z.array(z.string().min(1)),
  totals: z.strictObject({ goods: Money, delivery: Money, platformFee: Money, total: Money }),
  dropoff: z.strictObject({ address: Address, contactName: z.string(), phone: z.string().optional() }),
  buyerErasedAt: At.optional(),
  delivery: z
    .strictObject({ day: z.iso.date(), cutoff: At, moved: z.boolean(), fee: Money, drop: DeliveryDrop })
    .optional(),
  placedAt: At,
  updatedAt: At,
  expiresAt: At.optional(),
  payment: z
    .strictObject({
      provider: z.string(),
      paymentId: z.string(),
      clientSecret: z.string(),
      amount: Money,
      status: z.enum(['requires_payment', 'succeeded']),
      failures: z.number().int().min(0),
      lastFailure: z.string().optional(),
      succeededAt: At.optional(),
    })
    .optional(),
  refund: z
    .strictObject({
      status: z.enum(['pending', 'refunded']),
      amount: Money,
      reason: z.string(),
      refundId: z.string().optional(),
      refundedAt: At.optional(),
      attempts: z.number().int().min(0),
      lastError: z.string().optional(),
    })
    .optional(),
  operatorRefunds: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        status: z.enum(['pending', 'refunded', 'failed']),
        amount: Money,
        reason: z.string(),
        by: z.string(),
        requestedAt: At,
        refundId: z.string().optional(),
        refundedAt: At.optional(),
        error: z.string().optional(),
      }),
    )
    .optional(),
  cancelRequest: z
    .strictObject({
      status: z.enum(['requested', 'accepted', 'refused']),
      by: CancelledBy,
      reason: z.string(),
      requestedAt: At,
      answeredAt: At.optional(),
      refusal: z.string().optional(),
    })
    .optional(),
  followUpAt: At.nullish(),
  timeline: z.array(z.strictObject({ at: At, state: State, cause: z.string(), what: TimelineWhatState.optional() })),
  traceparent: z.string().optional(),
  requestHash: z.string().optional(),
});
