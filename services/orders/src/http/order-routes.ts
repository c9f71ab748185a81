import { DomainError, Reply, type Api, type Principal, type RouteSpec } from '@ftt/kit';
import type { z } from 'zod';
import type { Order } from '../domain/order';
import type { Context } from '../use-cases/context';
import { cancelOrder } from '../use-cases/cancel-order';
import { paymentDetails, simulatePayment } from '../use-cases/payment-results';
import { placeOrder } from '../use-cases/place-order';
import { quoteOrder } from '../use-cases/quote-order';
import { getOrder, listMyOrders } from '../use-cases/queries';
import { CancelBody, IdempotencyKey, OrderList, OrderParams, PageOnlyQuery, OrderView, PaymentDetails, PlaceOrderBody, QuoteBody, QuoteView, SimulatedPayBody } from './schemas';
import { toOrderView } from './views';

const tags = ['orders'];

/** What the buyer's steps on one of their orders share: another buyer's order is not found (404), its state may refuse (409). */
const orderStep = { method: 'post' as const, tags, auth: ['buyer'] as const, params: OrderParams, errors: [404, 409] };

/** A buyer's step on one of their orders that answers with the order as it is afterwards. */
const orderViewStep = <B>(
  path: string,
  summary: string,
  body: z.ZodType<B>,
  step: (principal: Principal, orderId: string, body: B) => Promise<Order>,
): RouteSpec<z.infer<typeof OrderParams>, undefined, B, Principal> => ({
  ...orderStep,
  path,
  summary,
  body,
  response: OrderView,
  handler: async (input) => toOrderView(await step(input.principal, input.params.orderId, input.body)),
});

const idempotencyKeyOf = (headers: Record<string, string | string[] | undefined>): string => {
  const parsed = IdempotencyKey.safeParse(headers['idempotency-key']);
  if (!parsed.success) {
    const message = headers['idempotency-key'] === undefined ? 'the Idempotency-Key header is required' : parsed.error.issues[0]!.message;
    throw new DomainError('idempotency.invalid', message, [{ field: 'headers.idempotency-key', message }]);
  }
  return parsed.data;
};

/** `admit` throws a 503 (Retry-After) while the service is too far behind to take new orders. */
export const orderRoutes = (api: Api, ctx: Context, o: { admit: (what: string) => void }): Api =>
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
      errors: [409, 422, 503],
      handler: async ({ body, principal, headers }) => {
        const key = idempotencyKeyOf(headers);
        o.admit('new orders');
        const { order, created } = await placeOrder(ctx, key, {
          buyerId: principal.userId,
          lines: body.lines,
          deliveryAddress: body.deliveryAddress,
          contact: body.contact,
          delivery: body.delivery,
          paymentMethod: body.paymentMethod,
        });
        return new Reply(created ? 201 : 200, toOrderView(order), { location: `/orders/${order.orderId}` });
      },
    })
    .route({
      method: 'post',
      path: '/orders/quote',
      summary:
        'What an order of these lines would cost before placing it (goods, delivery per farm, total; the platform fee is ' +
        'taken from the farmers, not added). Priced as POST /orders prices; nothing is stored',
      tags,
      auth: 'public',
      body: QuoteBody,
      status: 200,
      response: QuoteView,
      errors: [422],
      handler: async ({ body }) => quoteOrder(ctx, body),
    })
    .route({
      method: 'get',
      path: '/orders',
      summary: 'My orders, newest first with cursor paging, each with its timeline',
      tags,
      auth: ['buyer'],
      query: PageOnlyQuery,
      response: OrderList,
      handler: async ({ principal, query }) => {
        const page = await listMyOrders(ctx, principal, query);
        return { items: page.items.map(toOrderView), nextCursor: page.nextCursor };
      },
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
      handler: async ({ params, principal }) => toOrderView(await getOrder(ctx, principal, params.orderId)),
    })
    .route({
      ...orderStep,
      path: '/orders/:orderId/cancel',
      summary:
        'Cancel before pickup. Unconfirmed: cancelled at once (200). Confirmed: a request logistics answers (202, ' +
        'cancelRequest.status "requested"); accepted, the order is cancelled and refunded; refused, it goes on and ' +
        'cancelRequest.refusal says why',
      body: CancelBody,
      status: 200,
      alsoStatus: [202],
      response: OrderView,
      handler: async ({ principal, params, body }) => {
        const order = await cancelOrder(ctx, principal, params.orderId, body?.reason ?? 'cancelled by the buyer');
        const waiting = order.state === 'confirmed' && order.cancelRequest?.status === 'requested';
        return new Reply(waiting ? 202 : 200, toOrderView(order));
      },
    })
    .route({
      ...orderStep,
      path: '/orders/:orderId/payment',
      summary: 'The client secret to (re)try paying, until the order expires',
      response: PaymentDetails,
      handler: async ({ params, principal }) => paymentDetails(ctx, principal, params.orderId),
    })
    .route(
      orderViewStep(
        '/orders/:orderId/pay',
        'Pay with the simulated provider (offline demo); same use case as the Stripe webhook',
        SimulatedPayBody,
        (principal, orderId, body) => simulatePayment(ctx, principal, orderId, body?.outcome ?? 'succeeded'),
      ),
    );
