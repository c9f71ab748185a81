import { z } from 'zod';
import { Address, ColdChain, Id, IsoDate, IsoDateTime, MarketCode, Money, Region, Unit } from '../common';
import { aboutOrder, defineEvent } from '../define';
import { Topics } from '../topics';

const orderKey = aboutOrder(Topics.orders);

export const OrderPlacedV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.order.placed.v1',
  schema: z.object({
    orderId: Id,
    buyerId: Id,
    lines: z
      .array(
        z.object({
          listingId: Id,
          farmId: Id,
          quantity: z.number().int().positive(),
          unitPrice: Money,
        }),
      )
      .min(1),
    total: Money,
    placedAt: IsoDateTime,
    /** The market the order belongs to (issue #31; optional: absent on orders placed before markets, which are `nl`). */
    market: MarketCode.optional(),
  }),
  description: 'A buyer placed an order; catalog must reserve every line or reject it.',
});

export const ShipmentPlan = z.object({
  farmId: Id,
  farmName: z.string().min(1),
  region: Region,
  pickupAddress: Address,
  coldChain: ColdChain,
  lines: z
    .array(
      z.object({
        listingId: Id,
        title: z.string().min(1),
        quantity: z.number().int().positive(),
        unit: Unit,
        lotCode: z.string().min(1),
      }),
    )
    .min(1),
});

/** Opening hours of a pickup point on the delivery day, local time ('HH:MM', 24 h). */
const LocalTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "a local time such as '09:30'");

/**
 * The buyer's choice of drop: a pickup point (farm shop, market stall, locker; its address is the order's dropoff
 * address) with its opening hours on the delivery day, or home delivery in a zone. The region is where the run goes.
 */
export const DeliveryDrop = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pickup_point'),
    region: Region,
    pickupPointId: Id,
    name: z.string().min(1).max(100),
    pointKind: z.enum(['farm_shop', 'market_stall', 'locker']),
    opens: LocalTime,
    closes: LocalTime,
  }),
  z.object({ kind: z.literal('home'), region: Region, zoneId: Id }),
]);

export const OrderConfirmedV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.order.confirmed.v1',
  schema: z.object({
    orderId: Id,
    buyerId: Id,
    confirmedAt: IsoDateTime,
    dropoff: z.object({ address: Address, contactName: z.string().min(1), phone: z.string().optional() }),
    shipments: z.array(ShipmentPlan).min(1),
    /**
     * The day the buyer can expect the delivery, when one is planned. Optional (a compatible addition, issue #19):
     * orders fills it when the buyer chose a delivery at checkout (issue #18); notifications says "not scheduled
     * yet" without it and groups farmers' digests by it. Logistics groups shipments into runs by it.
     */
    deliveryDate: IsoDate.optional(),
    /** Where the boxes go, when the buyer chose at checkout (issue #18); absent on orders without a choice. */
    drop: DeliveryDrop.optional(),
    /** The market the order belongs to (issue #31; optional: absent on orders placed before markets, which are `nl`). */
    market: MarketCode.optional(),
  }),
  description: 'The order is paid; logistics creates one shipment per farm from this event alone.',
});

export const OrderRejectedV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.order.rejected.v1',
  schema: z.object({ orderId: Id, reason: z.string().min(1), listingId: Id.optional() }),
  description: 'Stock could not be reserved; the order ends here.',
});

export const OrderCancelledV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.order.cancelled.v1',
  schema: z.object({
    orderId: Id,
    reason: z.string().min(1),
    cancelledBy: z.enum(['buyer', 'system', 'admin']),
    /** Whether stock had been reserved (catalog releases it) and whether it was paid (refund follows). */
    paid: z.boolean(),
  }),
  description: 'The order was cancelled before pickup; stock is released, shipments cancelled, payment refunded.',
});

export const OrderCancelRequestedV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.order.cancel_requested.v1',
  schema: z.object({
    orderId: Id,
    reason: z.string().min(1),
    requestedBy: z.enum(['buyer', 'system', 'admin']),
    requestedAt: IsoDateTime,
  }),
  description:
    'Someone asked to cancel a confirmed order. Only logistics knows whether any shipment left its farm: it answers with ' +
    'order_cancel.accepted (shipments cancelled, orders then cancels and refunds) or order_cancel.refused.',
});

export const OrderExpiredV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.order.expired.v1',
  schema: z.object({ orderId: Id, expiredAt: IsoDateTime }),
  description: 'The order was not paid in time; its stock is released.',
});

export const OrderCompletedV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.order.completed.v1',
  schema: z.object({ orderId: Id, completedAt: IsoDateTime }),
  description: 'Every shipment of the order was delivered.',
});

export const PaymentSucceededV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.payment.succeeded.v1',
  schema: z.object({ orderId: Id, paymentId: z.string().min(1), provider: z.string().min(1), amount: Money }),
  description: 'The payment provider confirmed the payment.',
});

export const PaymentFailedV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.payment.failed.v1',
  schema: z.object({ orderId: Id, paymentId: z.string().min(1), provider: z.string().min(1), reason: z.string() }),
  description: 'A payment attempt failed; the buyer may retry until the order expires.',
});

export const PaymentRefundedV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.payment.refunded.v1',
  schema: z.object({ orderId: Id, paymentId: z.string().min(1), refundId: z.string().min(1), amount: Money }),
  description: 'The payment of a cancelled order was refunded.',
});

export const FarmerPayoutMadeV1 = defineEvent({
  ...orderKey,
  type: 'ftt.orders.payout.made.v1',
  schema: z.object({
    orderId: Id,
    farmId: Id,
    transferId: z.string().min(1),
    destination: z.string().min(1),
    gross: Money,
    platformFee: Money,
    amount: Money,
  }),
  description: "A farmer's share of a completed order was transferred to their connected account.",
});

/** How a buyer may pay in a market (the payment port's method; the provider maps it to its own). */
export const PaymentMethod = z.enum(['card', 'alipay', 'wechat_pay']);

/**
 * A market as operators published it (orders owns it, beside the delivery offer): its currency with the digits of its
 * minor unit, languages, IANA time zone, postcode pattern, regions, tax rates (basis points, tax-inclusive prices),
 * units and payment methods. Catalog and logistics keep a local copy when they need one; the latest version wins.
 */
export const MarketPublishedV1 = defineEvent({
  type: 'ftt.orders.market.published.v1',
  topic: Topics.orders,
  schema: z.object({
    code: MarketCode,
    name: z.string().min(1).max(120),
    currency: z.object({ code: z.string().regex(/^[A-Z]{3}$/), minorDigits: z.number().int().min(0).max(4) }),
    languages: z.array(z.string().min(2).max(35)).min(1),
    timeZone: z.string().min(1),
    country: z.string().regex(/^[A-Z]{2}$/),
    postcodePattern: z.string().min(1).max(200),
    regions: z.array(z.object({ name: z.string().min(1), cities: z.array(z.string().min(1)) })),
    taxRates: z.object({
      goods: z.record(z.string(), z.number().int().min(0).max(10_000)),
      delivery: z.number().int().min(0).max(10_000),
      platformFee: z.number().int().min(0).max(10_000),
    }),
    units: z.array(Unit).min(1),
    paymentMethods: z.array(PaymentMethod).min(1),
    version: z.number().int().positive(),
    publishedAt: IsoDateTime,
  }),
  key: (d) => d.code,
  subject: (d) => `market/${d.code}`,
  description:
    'Operators published a version of a market (currency, time zone, postcode pattern, regions, tax rates, payment methods).',
});
