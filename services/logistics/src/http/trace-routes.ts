import type { Api } from '@ftt/kit';
import type { Trace } from '../use-cases/trace';
import { EpcisDocumentSchema, FsmaCsv, LotParams, LotTrace, OrderParams, OrderTrace } from './schemas';

const LOT_ACCESS =
  'Access: the farmer who owns the lot, or an admin. No buyer names or street addresses (destination city only).';
const ORDER_ACCESS =
  'Access: the buyer of the order, or an admin. No partner ids or personal data of others.';

export const traceRoutes = (api: Api, d: { trace: Trace }) => {
  const lot = { tags: ['traceability'], auth: ['farmer'] as const, params: LotParams, errors: [404] };
  const order = { tags: ['traceability'], auth: ['buyer'] as const, params: OrderParams, errors: [404] };

  api.route({
    ...lot,
    method: 'get',
    path: '/trace/lots/:lotCode',
    summary: `Where did this lot go? Farm, field and harvest, then every order and shipment with checkpoints and delivery. ${LOT_ACCESS}`,
    response: LotTrace,
    handler: ({ principal, params }) => d.trace.lot(principal, params.lotCode),
  });
  api.route({
    ...lot,
    method: 'get',
    path: '/trace/lots/:lotCode/epcis',
    summary: `The lot's chain as a GS1 EPCIS 2.0 JSON-LD document of ObjectEvents. ${LOT_ACCESS}`,
    contentType: 'application/ld+json',
    response: EpcisDocumentSchema,
    handler: ({ principal, params }) => d.trace.lotEpcis(principal, params.lotCode),
  });
  api.route({
    ...lot,
    method: 'get',
    path: '/trace/lots/:lotCode/fsma.csv',
    summary: `The lot's Critical Tracking Events as the FDA FSMA 204 sortable spreadsheet (CSV). ${LOT_ACCESS}`,
    contentType: 'text/csv; charset=utf-8',
    response: FsmaCsv,
    handler: ({ principal, params }) => d.trace.lotFsma(principal, params.lotCode),
  });
  api.route({
    ...order,
    method: 'get',
    path: '/trace/orders/:orderId',
    summary: `Where did my food come from? Each line back to farm, field, lot and harvest date, with its shipment. ${ORDER_ACCESS}`,
    response: OrderTrace,
    handler: ({ principal, params }) => d.trace.order(principal, params.orderId),
  });
  api.route({
    ...order,
    method: 'get',
    path: '/trace/orders/:orderId/epcis',
    summary: `The order's chain as a GS1 EPCIS 2.0 JSON-LD document of ObjectEvents. ${ORDER_ACCESS}`,
    contentType: 'application/ld+json',
    response: EpcisDocumentSchema,
    handler: ({ principal, params }) => d.trace.orderEpcis(principal, params.orderId),
  });
  api.route({
    ...order,
    method: 'get',
    path: '/trace/orders/:orderId/fsma.csv',
    summary: `The order's Critical Tracking Events as the FDA FSMA 204 sortable spreadsheet (CSV). ${ORDER_ACCESS}`,
    contentType: 'text/csv; charset=utf-8',
    response: FsmaCsv,
    handler: ({ principal, params }) => d.trace.orderFsma(principal, params.orderId),
  });
};
