import type { Api } from '@ftt/kit';
import type { Order } from '../domain/order';
import { orderSaga, refundOrder, searchOrders, stuckOrders, type AdminDeps } from '../use-cases/admin';
import { reconcileFarmTotals } from '../use-cases/farm-queries';
import { AdminOrderDetail, AdminOrderPage, AdminOrdersQuery, FarmTotalsReconciled, ReconcileBody, RefundBody, StuckQuery } from './admin-schemas';
import { FarmParams, OrderParams } from './schemas';
import { toOrderView } from './views';

const tags = ['back office'];

const summary = (o: Order) => ({
  orderId: o.orderId,
  buyerId: o.buyerId,
  buyerName: o.dropoff.contactName,
  state: o.state,
  placedAt: o.placedAt,
  updatedAt: o.updatedAt,
  total: o.totals.total,
  farms: o.farms.map((f) => ({ farmId: f.farmId, farmName: f.farmName })),
});

const detail = async (d: AdminDeps, orderId: string) => {
  const saga = await orderSaga(d, orderId);
  return {
    order: toOrderView(saga.order),
    operatorRefunds: saga.order.operatorRefunds ?? [],
    refundable: saga.refundable,
    ...(saga.traceId ? { traceId: saga.traceId } : {}),
    entries: saga.entries.map(({ state: _s, ...e }) => e),
  };
};

/** The operators' back office over orders (role admin only): search, one order's saga, stuck orders, refunds. */
export const adminRoutes = (api: Api, d: AdminDeps): Api =>
  api
    .route({
      method: 'get',
      path: '/admin/orders',
      summary:
        'Orders, newest first, by state and/or buyer id, buyer name (the first letters of a first name or surname, any ' +
        'case, accents or not), farm id or order id (or its first characters), with cursor paging. Operators only.',
      tags,
      auth: ['operator'],
      query: AdminOrdersQuery,
      response: AdminOrderPage,
      handler: async ({ query }) => {
        const p = await searchOrders(d, { ...query, orderIdPrefix: query.orderId });
        return { items: p.items.map(summary), nextCursor: p.nextCursor };
      },
    })
    .route({
      method: 'get',
      path: '/admin/orders/stuck',
      summary:
        'Orders in a state that is not an end, unchanged for longer than olderThanMinutes (default 15), the oldest first. Operators only.',
      tags,
      auth: ['operator'],
      query: StuckQuery,
      response: AdminOrderPage,
      handler: async ({ query }) => {
        const p = await stuckOrders(d, query);
        return { items: p.items.map(summary), nextCursor: p.nextCursor };
      },
    })
    .route({
      method: 'get',
      path: '/admin/orders/:orderId',
      summary: "One order as operators see it: the order, its operator refunds, what can still be refunded and orders' part of the saga timeline. Operators only.",
      tags,
      auth: ['operator'],
      params: OrderParams,
      response: AdminOrderDetail,
      errors: [404],
      handler: ({ params }) => detail(d, params.orderId),
    })
    .route({
      method: 'post',
      path: '/admin/orders/:orderId/refunds',
      summary:
        'Refund part (amountMinor) or all of what is left of a paid order, with a reason, through the payment provider. Audited. 409 when nothing can be refunded. Operators only.',
      tags,
      auth: ['operator'],
      params: OrderParams,
      body: RefundBody,
      status: 201,
      response: AdminOrderDetail,
      errors: [404, 409, 503],
      handler: async ({ params, body, principal }) => {
        await refundOrder(d, principal, params.orderId, body);
        return detail(d, params.orderId);
      },
    })
    .route({
      method: 'post',
      path: '/admin/farms/:farmId/payouts/totals/reconcile',
      summary:
        "Recomputes a farm's running payout totals from its orders (a sum over its whole history) and sets them when they differ; answers both. Audited. Operators only.",
      tags,
      auth: ['operator'],
      params: FarmParams,
      body: ReconcileBody,
      response: FarmTotalsReconciled,
      errors: [404],
      handler: ({ params, body, principal }) => reconcileFarmTotals(d.ctx, d.audit, principal, params.farmId, body.reason),
    });
