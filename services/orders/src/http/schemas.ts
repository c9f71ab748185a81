import { Address, DeliveryDrop, Id, IsoDate, IsoDateTime, MarketCode, PaymentMethod } from '@ftt/contracts';
import { AddressView, MoneyView, nameSchemas, PageQuery, pageView, UnitView } from '@ftt/kit';
import { z } from 'zod';
import { ORDER_STATES } from '../domain/order';
import { BUYER_TIMELINE_KINDS } from '../domain/timeline';

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
  /**
   * The buyer's delivery choice (GET /delivery/options lists them): a pickup point, or home delivery to
   * deliveryAddress in its zone; and a delivery day (default: the soonest open). A day past its cut-off moves to
   * the next delivery day. Without it: delivery to deliveryAddress at the flat per-farm fee.
   */
  delivery: z
    .discriminatedUnion('method', [
      z.strictObject({ method: z.literal('pickup_point'), pickupPointId: Id, day: IsoDate.optional() }),
      z.strictObject({ method: z.literal('home'), day: IsoDate.optional() }),
    ])
    .optional(),
  /** How the buyer pays: one of the order's market's payment methods (GET /markets); without one, card. */
  paymentMethod: PaymentMethod.optional(),
});
export type PlaceOrderBody = z.infer<typeof PlaceOrderBody>;

/** POST /orders/quote: the body of POST /orders; the address and contact may still be missing (delivery does not depend on them). */
export const QuoteBody = PlaceOrderBody.partial({ deliveryAddress: true, contact: true });

export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, '1 to 200 visible ASCII characters');

export const OrderParams = z.strictObject({ orderId: Id });
export const FarmParams = z.strictObject({ farmId: Id });
export const FarmOrdersQuery = z.strictObject({ ...PageQuery, state: z.enum(ORDER_STATES).optional(), day: IsoDate.optional() });
export const PageOnlyQuery = z.strictObject({ ...PageQuery });
export const PackingQuery = z.strictObject({ day: IsoDate });
export const DeliveryOptionsQuery = z.strictObject({
  postalCode: z.string().trim().min(4).max(20).optional(),
  market: MarketCode.optional().describe("the market whose offer to show (its listings'); the default market without one"),
});

export const CancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).optional();
export const SimulatedPayBody = z.strictObject({ outcome: z.enum(['succeeded', 'failed']).default('succeeded') }).optional();

/* Responses (for OpenAPI; built by views.ts). */

const OrderState = z.enum(ORDER_STATES);

const FarmSplit = z.object({
  farmId: Id,
  farmName: z.string(),
  goods: MoneyView,
  farmerReceives: MoneyView,
  logisticsCost: MoneyView,
  platformFee: MoneyView,
  /** What the farmer receives as a percentage of this farm's produce price, after the platform fee (delivery excluded). */
  farmShareOfProducePercent: z.number(),
});

export const ValueSplitView = z.object({
  goodsTotal: MoneyView,
  logisticsTotal: MoneyView,
  platformFeeTotal: MoneyView,
  total: MoneyView,
  farmersReceive: MoneyView,
  /** What the farmers receive as a percentage of the order's produce price, after the platform fee (delivery excluded). */
  farmShareOfProducePercent: z.number(),
  farms: z.array(FarmSplit),
});

/** What the buyer pays is `total` = goods + delivery; the platform fee is taken from the farmers' part, not added. */
const OrderTotals = z.object({ goods: MoneyView, delivery: MoneyView, platformFee: MoneyView, total: MoneyView });

/**
 * One step of an order's timeline as the buyer sees it: a kind plus the parameters that are the buyer's business
 * (the farm, an amount, who cancelled: you, support or the platform). No words of the service's: the web app words it.
 */
const TimelineEntryView = z.object({
  at: IsoDateTime,
  state: OrderState,
  kind: z.enum(BUYER_TIMELINE_KINDS),
  farmId: Id.optional(),
  amount: MoneyView.optional(),
  by: z.enum(['you', 'support', 'platform']).optional(),
  why: z.enum(['payment_timeout', 'reservation_expired']).optional(),
});

/** What was paid, what went back (made or on its way) and so what the buyer paid in the end. */
const RefundSummaryView = z.object({
  paid: MoneyView,
  refunded: MoneyView,
  refunding: MoneyView,
  paidInTheEnd: MoneyView,
});

export const OrderView = z.object({
  orderId: Id,
  buyerId: Id,
  state: OrderState,
  market: MarketCode.describe('the market the order belongs to (nl for orders placed before markets)'),
  currency: z.string(),
  paymentMethod: PaymentMethod.describe('how the buyer pays (card for orders placed before methods)'),
  placedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  expiresAt: IsoDateTime.optional(),
  lines: z.array(
    z.object({
      listingId: Id,
      farmId: Id,
      title: z.string(),
      unit: UnitView,
      quantity: z.number().int(),
      unitPrice: MoneyView,
      lineTotal: MoneyView,
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
        .object({ status: z.enum(['pending', 'paid']), amount: MoneyView, transferId: z.string().optional(), paidAt: IsoDateTime.optional() })
        .optional(),
    }),
  ),
  dropoff: z.object({ address: AddressView, contactName: z.string(), phone: z.string().optional() }),
  /** The delivery chosen at checkout: day (moved = its cut-off had passed), fee and drop. */
  delivery: z
    .object({ day: IsoDate, cutoff: IsoDateTime, moved: z.boolean(), fee: MoneyView, drop: DeliveryDrop })
    .optional(),
  totals: OrderTotals,
  valueSplit: ValueSplitView,
  payment: z
    .object({
      provider: z.string(),
      paymentId: z.string(),
      status: z.enum(['requires_payment', 'succeeded']),
      amount: MoneyView,
      failures: z.number().int(),
      lastFailure: z.string().optional(),
    })
    .optional(),
  refund: z
    .object({
      status: z.enum(['pending', 'refunded']),
      amount: MoneyView,
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
  /** Present once the order was paid and anything was refunded or is being refunded. */
  refunds: RefundSummaryView.optional(),
  timeline: z.array(TimelineEntryView),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderList = pageView(OrderView);

/** What an order would cost before it is placed, priced as placing prices it. */
export const QuoteView = z.object({
  currency: z.string(),
  lines: OrderView.shape.lines,
  totals: OrderTotals,
  valueSplit: ValueSplitView,
  /** The delivery day and drop when the quote named a delivery choice. */
  delivery: OrderView.shape.delivery,
});

export const PaymentDetails = z.object({
  orderId: Id,
  provider: z.string(),
  paymentId: z.string(),
  clientSecret: z.string(),
  amount: MoneyView,
  expiresAt: IsoDateTime.optional(),
});

const PackingLine = z.object({ listingId: Id, title: z.string(), unit: z.string(), lotCode: z.string(), quantity: z.number().int() });

export const FarmOrdersView = z.object({
  farmId: Id,
  farmName: z.string(),
  /** The farm's region: its delivery days are the ones its boxes go out on. */
  region: z.string(),
  day: IsoDate.optional(),
  /** Still to pack (of the day), summed per lot over every such order, not only this page. First page only. */
  packing: z.array(PackingLine).optional(),
  ...pageView(
    z.object({
      orderId: Id,
      /** The buyer's contact name on the order, as the box is labelled. */
      buyerName: z.string(),
      state: OrderState,
      placedAt: IsoDateTime,
      deliveryDay: IsoDate.optional(),
      /** Where the order goes: the pickup point's name, or 'home, <city>'. */
      drop: z.string().optional(),
      toPack: z.boolean(),
      pickedUpAt: IsoDateTime.optional(),
      deliveredAt: IsoDateTime.optional(),
      lines: z.array(PackingLine),
      goods: MoneyView,
      farmerReceives: MoneyView,
    }),
  ).shape,
});

const Hours = z.string();
export const DeliveryOptionsView = z.object({
  regions: z.array(
    z.object({
      region: z.string(),
      market: MarketCode,
      timeZone: z.string(),
      days: z.array(z.object({ day: IsoDate, cutoff: IsoDateTime })),
    }),
  ),
  pickupPoints: z.array(
    z.object({
      pickupPointId: Id,
      name: z.string(),
      kind: z.enum(['farm_shop', 'market_stall', 'locker']),
      region: z.string(),
      address: AddressView,
      opens: Hours,
      closes: Hours,
      feeMinor: z.number().int(),
    }),
  ),
  homeZone: z
    .object({ zoneId: Id, name: z.string(), region: z.string(), feeMinor: z.number().int() })
    .nullable(),
  courierFeePerFarmMinor: z
    .number()
    .int()
    .describe('Delivery to the buyer\'s address without a delivery day: each farm sends its own box, at this fee per farm'),
});

export const PackingPdf = z.string().describe('The packing list of a farm for one delivery day, as a PDF (application/pdf)');

export const FarmPayoutsView = z.object({
  farmId: Id,
  ...pageView(
    z.object({
      orderId: Id,
      placedAt: IsoDateTime,
      status: z.enum(['pending', 'paid']),
      transferId: z.string().optional(),
      destination: z.string().optional(),
      gross: MoneyView,
      platformFee: MoneyView,
      amount: MoneyView,
      paidAt: IsoDateTime.optional(),
    }),
  ).shape,
});

/**
 * A farm's payout totals per currency over its whole history, summed by the database (an aggregation over the farm's
 * `{ farmIds, state, placedAt, _id }` index): what was paid, and pending, which is transfers on their way and what
 * confirmed orders will pay once delivered. Apart from the list, whose pages cost the same at any depth.
 */
export const FarmPayoutTotalsView = z.object({
  farmId: Id,
  totals: z.array(
    z.object({
      currency: z.string(),
      gross: MoneyView,
      platformFee: MoneyView,
      paid: MoneyView,
      pending: MoneyView,
      transfers: z.number().int(),
      /** The farm's share of its produce sales after the platform fee: the same definition as an order's value split. */
      farmShareOfProducePercent: z.number(),
    }),
  ),
});

export const WebhookReply = z.object({ received: z.literal(true), applied: z.boolean(), ignored: z.string().optional() });

nameSchemas({
  PlaceOrderInput: PlaceOrderBody,
  QuoteInput: QuoteBody,
  Quote: QuoteView,
  OrderTotals,
  OrderState,
  FarmSplit,
  ValueSplit: ValueSplitView,
  Order: OrderView,
  TimelineEntry: TimelineEntryView,
  RefundSummary: RefundSummaryView,
  OrderList,
  PaymentDetails,
  PackingLine,
  FarmOrders: FarmOrdersView,
  DeliveryOptions: DeliveryOptionsView,
  FarmPayouts: FarmPayoutsView,
  FarmPayoutTotals: FarmPayoutTotalsView,
});
