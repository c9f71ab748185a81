import { Address, Id, IsoDateTime, Money, Unit } from '@ftt/contracts';
import { z } from 'zod';
import { ORDER_STATES } from '../domain/order';

/* Requests: strict objects, so an unknown field is a 400 naming it. */

export const PlaceOrderBody = z.strictObject({
  lines: z
    .array(z.strictObject({ listingId: Id, quantity: z.number().int().positive().max(10_000) }))
    .min(1)
    .max(50),
  deliveryAddress: z.strictObject({ ...Address.shape }),
  contact: z.strictObject({
    name: z.string().trim().min(1).max(100),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number such as +31 6 1234 5678')
      .optional(),
  }),
});
export type PlaceOrderBody = z.infer<typeof PlaceOrderBody>;

export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, '1 to 200 visible ASCII characters');

export const OrderParams = z.strictObject({ orderId: Id });
export const FarmParams = z.strictObject({ farmId: Id });
export const FarmOrdersQuery = z.strictObject({ state: z.enum(ORDER_STATES).optional() });

export const CancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).optional();
export const SimulatedPayBody = z.strictObject({ outcome: z.enum(['succeeded', 'failed']).default('succeeded') }).optional();

/* Responses (for OpenAPI; built by views.ts). */

const FarmSplit = z.object({
  farmId: Id,
  farmName: z.string(),
  goods: Money,
  farmerReceives: Money,
  logisticsCost: Money,
  platformFee: Money,
  farmerSharePercent: z.number(),
});

export const ValueSplitView = z.object({
  goodsTotal: Money,
  logisticsTotal: Money,
  platformFeeTotal: Money,
  total: Money,
  farmersReceive: Money,
  farmersSharePercent: z.number(),
  farms: z.array(FarmSplit),
});

export const OrderView = z.object({
  orderId: Id,
  buyerId: Id,
  state: z.enum(ORDER_STATES),
  currency: z.string(),
  placedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  expiresAt: IsoDateTime.optional(),
  lines: z.array(
    z.object({
      listingId: Id,
      farmId: Id,
      title: z.string(),
      unit: Unit,
      quantity: z.number().int(),
      unitPrice: Money,
      lineTotal: Money,
      lotCode: z.string(),
    }),
  ),
  farms: z.array(
    z.object({
      farmId: Id,
      farmName: z.string(),
      region: z.string(),
      pickedUpAt: IsoDateTime.optional(),
      deliveredAt: IsoDateTime.optional(),
      returned: z.object({ at: IsoDateTime, reason: z.string() }).optional(),
      payout: z
        .object({ status: z.enum(['pending', 'paid']), amount: Money, transferId: z.string().optional(), paidAt: IsoDateTime.optional() })
        .optional(),
    }),
  ),
  dropoff: z.object({ address: Address, contactName: z.string(), phone: z.string().optional() }),
  totals: z.object({ goods: Money, delivery: Money, platformFee: Money, total: Money }),
  valueSplit: ValueSplitView,
  payment: z
    .object({
      provider: z.string(),
      paymentId: z.string(),
      status: z.enum(['requires_payment', 'succeeded']),
      amount: Money,
      failures: z.number().int(),
      lastFailure: z.string().optional(),
    })
    .optional(),
  refund: z
    .object({
      status: z.enum(['pending', 'refunded']),
      amount: Money,
      reason: z.string(),
      refundId: z.string().optional(),
      refundedAt: IsoDateTime.optional(),
    })
    .optional(),
  /** A cancel asked for after confirmation and logistics' answer: refused, `refusal` says why in the buyer's words. */
  cancelRequest: z
    .object({
      status: z.enum(['requested', 'accepted', 'refused']),
      reason: z.string(),
      requestedAt: IsoDateTime,
      answeredAt: IsoDateTime.optional(),
      refusal: z.string().optional(),
    })
    .optional(),
  timeline: z.array(z.object({ at: IsoDateTime, state: z.enum(ORDER_STATES), cause: z.string() })),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderList = z.object({ orders: z.array(OrderView) });

export const PaymentDetails = z.object({
  orderId: Id,
  provider: z.string(),
  paymentId: z.string(),
  clientSecret: z.string(),
  amount: Money,
  expiresAt: IsoDateTime.optional(),
});

const PackingLine = z.object({ listingId: Id, title: z.string(), unit: z.string(), lotCode: z.string(), quantity: z.number().int() });

export const FarmOrdersView = z.object({
  farmId: Id,
  packing: z.array(PackingLine),
  orders: z.array(
    z.object({
      orderId: Id,
      state: z.enum(ORDER_STATES),
      placedAt: IsoDateTime,
      toPack: z.boolean(),
      pickedUpAt: IsoDateTime.optional(),
      deliveredAt: IsoDateTime.optional(),
      lines: z.array(PackingLine),
      goods: Money,
      farmerReceives: Money,
    }),
  ),
});

export const FarmPayoutsView = z.object({
  farmId: Id,
  payouts: z.array(
    z.object({
      orderId: Id,
      status: z.enum(['pending', 'paid']),
      transferId: z.string().optional(),
      destination: z.string().optional(),
      gross: Money,
      platformFee: Money,
      amount: Money,
      paidAt: IsoDateTime.optional(),
    }),
  ),
  totals: z.array(z.object({ currency: z.string(), gross: Money, platformFee: Money, paid: Money, pending: Money, transfers: z.number().int() })),
});

export const WebhookReply = z.object({ received: z.literal(true), applied: z.boolean(), ignored: z.string().optional() });
