import { isDomainErrorWith, nameSchemas, type Api } from '@ftt/kit';
import { z } from 'zod';
import type { Context } from '../use-cases/context';
import { traceOrder } from '../use-cases/trace';
import { OrderParams, OrderTrace } from './schemas';
import { orderTraceView } from './views';

const OrderTraceLookup = z.object({
  known: z
    .boolean()
    .describe('Whether logistics has the order yet (it plans shipments once the order is confirmed)'),
  trace: OrderTrace.optional(),
});
nameSchemas({ OrderTraceLookup });

/**
 * The buyer's order page asks for its shipments as soon as the order is paid, which is before logistics has heard
 * of it: "not yet" is an answer (200, known: false), not a 404 in the browser's console. GET /trace/orders/:id
 * keeps its 404 for exports and tools.
 */
export const traceLookupRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'get',
    path: '/trace/orders/:orderId/lookup',
    summary:
      "The order's trace when logistics has the order (as GET /trace/orders/{orderId}), or `known: false` while it " +
      'has not heard of it yet. For the buyer of the order and admins (403 for anyone else once it is known).',
    tags: ['traceability'],
    auth: ['buyer'],
    params: OrderParams,
    response: OrderTraceLookup,
    errors: [403],
    handler: async ({ principal, params }) => {
      try {
        return { known: true, trace: orderTraceView(await traceOrder(ctx, principal, params.orderId)) };
      } catch (err) {
        if (isDomainErrorWith(err, 'not_found')) return { known: false };
        throw err;
      }
    },
  });
};
