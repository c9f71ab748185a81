import { Id, IsoDateTime } from '@ftt/contracts';
import { AdminReason, MoneyView, nameSchemas, PageQuery, pageView } from '@ftt/kit';
import { z } from 'zod';
import { ORDER_STATES } from '../domain/order';
import { FarmPayoutTotalsView, OrderView } from './schemas';

/* The operators' back office: requests (strict, so an unknown field is a 400 naming it) and views. */

const State = z.enum(ORDER_STATES);

export const AdminOrdersQuery = z.strictObject({
  ...PageQuery,
  state: State.optional(),
  /** Search: one of them (buyer id, farm id, or an order id or its first characters). */
  buyerId: Id.optional(),
  /** The buyer's name as on the order, or the first letters of its first name or surname. */
  buyerName: z.string().trim().min(2).max(100).optional(),
  farmId: Id.optional(),
  orderId: z.string().trim().min(2).max(100).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _').optional(),
});

export const StuckQuery = z.strictObject({
  ...PageQuery,
  /** Unchanged for longer than this many minutes (default 15). */
  olderThanMinutes: z.coerce.number().int().min(1).max(60 * 24 * 30).default(15),
  state: State.optional(),
});

export const RefundBody = z.strictObject({
  /** In minor units of the order's currency; without it, everything still refundable. */
  amountMinor: z.number().int().positive().max(100_000_000).optional(),
  reason: AdminReason,
});

export const AdminOrderSummary = z.object({
  orderId: Id,
  buyerId: Id,
  /** The name on the order (its contact), as the boxes are labelled. */
  buyerName: z.string(),
  state: State,
  placedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  total: MoneyView,
  farms: z.array(z.object({ farmId: Id, farmName: z.string() })),
});

export const AdminOrderPage = pageView(AdminOrderSummary);

export const SagaEntryView = z.object({
  service: z.enum(['orders', 'catalog', 'logistics']),
  at: IsoDateTime,
  type: z.string(),
  detail: z.string(),
  who: z.string(),
  traceId: z.string().optional(),
});

export const OperatorRefundView = z.object({
  id: z.string(),
  status: z.enum(['pending', 'refunded', 'failed']),
  amount: MoneyView,
  reason: z.string(),
  by: z.string(),
  requestedAt: IsoDateTime,
  refundId: z.string().optional(),
  refundedAt: IsoDateTime.optional(),
  error: z.string().optional(),
});

export const AdminOrderDetail = z.object({
  order: OrderView,
  operatorRefunds: z.array(OperatorRefundView),
  /** What an operator can still refund. */
  refundable: MoneyView,
  traceId: z.string().optional(),
  entries: z.array(SagaEntryView),
});

export const ReconcileBody = z.strictObject({ reason: AdminReason });

/** The farm's running totals before and after a reconciliation, and whether they had to be set. */
export const FarmTotalsReconciled = z.object({
  farmId: Id,
  changed: z.boolean(),
  before: FarmPayoutTotalsView.shape.totals,
  after: FarmPayoutTotalsView.shape.totals,
});

nameSchemas({
  FarmTotalsReconciled,
  ReconcileInput: ReconcileBody,
  AdminOrderSummary,
  AdminOrderPage,
  SagaEntry: SagaEntryView,
  OperatorRefund: OperatorRefundView,
  AdminOrderDetail,
  RefundInput: RefundBody,
});
