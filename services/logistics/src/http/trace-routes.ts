import type { Api, Principal, Role } from '@ftt/kit';
import type { ZodType } from 'zod';
import type { Context } from '../use-cases/context';
import { lotEpcis, lotFsma, orderEpcis, orderFsma, traceLot, traceOrder } from '../use-cases/trace';
import { EpcisDocumentSchema, FsmaCsv, LotParams, LotTrace, OrderParams, OrderTrace } from './schemas';
import { lotTraceView, orderTraceView } from './views';

type Answer<P> = (principal: Principal, params: P) => Promise<unknown>;

/** One traced thing (a lot, an order) answers three ways: its trace as JSON, as EPCIS 2.0 and as FSMA 204. */
interface Traced<P> {
  path: string;
  auth: readonly Role[];
  params: ZodType<P>;
  /** Who may ask, appended to every summary. */
  access: string;
  /** "The lot's", "The order's". */
  whose: string;
  trace: { summary: string; response: ZodType; answer: Answer<P> };
  epcis: Answer<P>;
  fsma: Answer<P>;
}

const tracedRoutes = <P>(api: Api, t: Traced<P>) => {
  const common = {
    method: 'get' as const,
    tags: ['traceability'],
    auth: t.auth,
    params: t.params,
    errors: [404],
  };
  api.route({
    ...common,
    path: t.path,
    summary: `${t.trace.summary} ${t.access}`,
    response: t.trace.response,
    handler: ({ principal, params }) => t.trace.answer(principal, params),
  });
  api.route({
    ...common,
    path: `${t.path}/epcis`,
    summary: `${t.whose} chain as a GS1 EPCIS 2.0 JSON-LD document of ObjectEvents. ${t.access}`,
    contentType: 'application/ld+json',
    response: EpcisDocumentSchema,
    handler: ({ principal, params }) => t.epcis(principal, params),
  });
  api.route({
    ...common,
    path: `${t.path}/fsma.csv`,
    summary: `${t.whose} Critical Tracking Events as the FDA FSMA 204 sortable spreadsheet (CSV). ${t.access}`,
    contentType: 'text/csv; charset=utf-8',
    response: FsmaCsv,
    handler: ({ principal, params }) => t.fsma(principal, params),
  });
};

export const traceRoutes = (api: Api, ctx: Context) => {
  tracedRoutes(api, {
    path: '/trace/lots/:lotCode',
    auth: ['farmer'],
    params: LotParams,
    access:
      'Access: the farmer who owns the lot, or an admin. No buyer names or street addresses (destination city only).',
    whose: "The lot's",
    trace: {
      summary:
        'Where did this lot go? Farm, field and harvest, then every order and shipment with checkpoints and delivery.',
      response: LotTrace,
      answer: async (p, { lotCode }) => lotTraceView(await traceLot(ctx, p, lotCode)),
    },
    epcis: (p, { lotCode }) => lotEpcis(ctx, p, lotCode),
    fsma: (p, { lotCode }) => lotFsma(ctx, p, lotCode),
  });
  tracedRoutes(api, {
    path: '/trace/orders/:orderId',
    auth: ['buyer'],
    params: OrderParams,
    access: 'Access: the buyer of the order, or an admin. No partner ids or personal data of others.',
    whose: "The order's",
    trace: {
      summary:
        'Where did my food come from? Each line back to farm, field, lot and harvest date, with its shipment.',
      response: OrderTrace,
      answer: async (p, { orderId }) => orderTraceView(await traceOrder(ctx, p, orderId)),
    },
    epcis: (p, { orderId }) => orderEpcis(ctx, p, orderId),
    fsma: (p, { orderId }) => orderFsma(ctx, p, orderId),
  });
};
