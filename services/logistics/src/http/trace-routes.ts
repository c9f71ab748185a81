import type { Api, Audience } from '@ftt/kit';
import type { ZodType } from 'zod';
import type { Context } from '../use-cases/context';
import { lotTraced, orderTraced, type Traced } from '../use-cases/trace';
import { EpcisDocumentSchema, FsmaCsv, LotParams, LotTrace, OrderParams, OrderTrace } from './schemas';
import { lotTraceView, orderTraceView } from './views';

/**
 * One traced thing (a lot, an order) answers three ways: its trace as JSON, as EPCIS 2.0 and as FSMA 204, at
 * /trace/<what>s/:<key>, <key> being its id's parameter.
 */
interface TracedRoutes<K extends string, T> {
  what: 'lot' | 'order';
  key: K;
  params: ZodType<Record<K, string>>;
  auth: readonly Audience[];
  /** Who may ask, appended to every summary. */
  access: string;
  summary: string;
  response: ZodType;
  view: (trace: T) => unknown;
  uses: Traced<T>;
}

const tracedRoutes = <K extends string, T>(api: Api, ctx: Context, t: TracedRoutes<K, T>) => {
  const path = `/trace/${t.what}s/:${t.key}`;
  const whose = `The ${t.what}'s`;
  const common = {
    method: 'get' as const,
    tags: ['traceability'],
    auth: t.auth,
    params: t.params,
    errors: [404],
  };
  api.route({
    ...common,
    path,
    summary: `${t.summary} ${t.access}`,
    response: t.response,
    handler: async ({ principal, params }) => t.view(await t.uses.trace(ctx, principal, params[t.key])),
  });
  api.route({
    ...common,
    path: `${path}/epcis`,
    summary: `${whose} chain as a GS1 EPCIS 2.0 JSON-LD document of ObjectEvents. ${t.access}`,
    contentType: 'application/ld+json',
    response: EpcisDocumentSchema,
    handler: ({ principal, params }) => t.uses.epcis(ctx, principal, params[t.key]),
  });
  api.route({
    ...common,
    path: `${path}/fsma.csv`,
    summary: `${whose} Critical Tracking Events as the FDA FSMA 204 sortable spreadsheet (CSV). ${t.access}`,
    contentType: 'text/csv; charset=utf-8',
    response: FsmaCsv,
    handler: ({ principal, params }) => t.uses.fsma(ctx, principal, params[t.key]),
  });
};

export const traceRoutes = (api: Api, ctx: Context) => {
  tracedRoutes(api, ctx, {
    what: 'lot',
    key: 'lotCode',
    params: LotParams,
    auth: ['farm'],
    access:
      "Access: the owners of the lot's farm, or an operator. No buyer names or street addresses (destination city only).",
    summary:
      'Where did this lot go? Farm, field and harvest, then every order and shipment with checkpoints and delivery.',
    response: LotTrace,
    view: lotTraceView,
    uses: lotTraced,
  });
  tracedRoutes(api, ctx, {
    what: 'order',
    key: 'orderId',
    params: OrderParams,
    auth: ['buyer'],
    access: 'Access: the buyer of the order, or an operator. No partner ids or personal data of others.',
    summary:
      'Where did my food come from? Each line back to farm, field, lot and harvest date, with its shipment.',
    response: OrderTrace,
    view: orderTraceView,
    uses: orderTraced,
  });
};
