import { DomainError, Reply, type Api } from '@ftt/kit';
import type { Deps } from '../use-cases/context';
import { cancelOrder } from '../use-cases/cancel-order';
import { paymentDetails, simulatePayment } from '../use-cases/payment-results';
import { placeOrder } from '../use-cases/place-order';
import { getOrder, listMyOrders } from '../use-cases/queries';
import { toOrderView } from './order-view';
import { CancelBody, IdempotencyKey, OrderList, OrderParams, OrderView, PaymentDetails, PlaceOrderBody, SimulatedPayBody } from './schemas';

const tags = ['orders'];

const idempotencyKeyOf = (headers: Record<string, string | string[] | undefined>): string => {
  const parsed = IdempotencyKey.safeParse(headers['idempotency-key']);
  if (!parsed.success) {
    const message = headers['idempotency-key'] === undefined ? 'the Idempotency-Key header is required' : parsed.error.issues[0]!.message;
    throw new DomainError('idempotency.invalid', message, [{ field: 'headers.idempotency-key', message }]);
  }
  return parsed.data;
};

export const orderRoutes = (api: Api, deps: Deps): Api =>
  api
    .route({
      method: 'post',
      path: '/orders',
      summary: 'Place an order (prices come from the listings, never from the client)',
      tags,
      auth: ['buyer'],
      body: PlaceOrderBody,
      headers: { 'Idempotency-Key': { required: true, description: 'a retry with the same key returns the same order', schema: IdempotencyKey } },
      status: 201,
      alsoStatus: [200], // a repeat with the same Idempotency-Key returns the order it created
      response: OrderView,
      errors: [409, 422],
      handler: async ({ body, principal, headers }) => {
        const key = idempotencyKeyOf(headers);
        const { order, created } = await placeOrder(deps, key, {
          buyerId: principal.userId,
          lines: body.lines,
          deliveryAddress: body.deliveryAddress,
          contact: body.contact,
        });
        return new Reply(created ? 201 : 200, toOrderView(order), { location: `/orders/${order.orderId}` });
      },
    })
    .route({
      method: 'get',
      path: '/orders',
      summary: 'My orders, newest first, each with its timeline',
      tags,
      auth: ['buyer'],
      response: OrderList,
      handler: async ({ principal }) => ({ orders: (await listMyOrders(deps, principal)).map(toOrderView) }),
    })
    .route({
      method: 'get',
      path: '/orders/:orderId',
      summary: 'One of my orders (another buyer gets 404)',
      tags,
      auth: ['buyer'],
      params: OrderParams,
      response: OrderView,
      errors: [404],
      handler: async ({ params, principal }) => toOrderView(await getOrder(deps, principal, params.orderId)),
    })
    .route({
      method: 'post',
      path: '/orders/:orderId/cancel',
      summary: 'Cancel before pickup; a paid order is refunded',
      tags,
      auth: ['buyer'],
      params: OrderParams,
      body: CancelBody,
      response: OrderView,
      errors: [404, 409],
      handler: async ({ params, body, principal }) =>
        toOrderView(await cancelOrder(deps, principal, params.orderId, body?.reason ?? 'cancelled by the buyer')),
    })
    .route({
      method: 'post',
      path: '/orders/:orderId/payment',
      summary: 'The client secret to (re)try paying, until the order expires',
      tags,
      auth: ['buyer'],
      params: OrderParams,
      response: PaymentDetails,
      errors: [404, 409],
      handler: async ({ params, principal }) => paymentDetails(deps, principal, params.orderId),
    })
    .route({
      method: 'post',
      path: '/orders/:orderId/pay',
      summary: 'Pay with the simulated provider (offline demo); same use case as the Stripe webhook',
      tags,
      auth: ['buyer'],
      params: OrderParams,
      body: SimulatedPayBody,
      response: OrderView,
      errors: [404, 409],
      handler: async ({ params, body, principal }) =>
        toOrderView(await simulatePayment(deps, principal, params.orderId, body?.outcome ?? 'succeeded')),
    });
