import { Id, IsoDateTime } from '@ftt/contracts';
import { AdminReason, nameSchemas, PageQuery, pageView, type Api } from '@ftt/kit';
import { z } from 'zod';
import { listPartners, orderTimeline, setPartnerSuspended, type AdminDeps } from '../use-cases/admin';
import { OrderParams } from './schemas';

const tags = ['back office'];

const PartnerParams = z.strictObject({ partnerId: Id });
const PartnersQuery = z.strictObject({ ...PageQuery });
const PartnerReasonBody = z.strictObject({ reason: AdminReason });

const AdminPartner = z.object({
  partnerId: z.string(),
  name: z.string().optional(),
  region: z.string().optional(),
  firstSeenAt: IsoDateTime,
  lastClaimAt: IsoDateTime.optional(),
  claims: z.number().int(),
  suspended: z.object({ at: IsoDateTime, by: z.string(), reason: z.string() }).nullable(),
});
const AdminPartnerPage = pageView(AdminPartner);
const LogisticsTimeline = z.object({
  orderId: Id,
  shipments: z.number().int(),
  entries: z.array(
    z.object({
      service: z.literal('logistics'),
      at: IsoDateTime,
      type: z.string(),
      detail: z.string(),
      who: z.string(),
      traceId: z.string().optional(),
    }),
  ),
});
nameSchemas({ AdminPartner, AdminPartnerPage, LogisticsTimeline, PartnerReasonInput: PartnerReasonBody });

/** The operators' back office over logistics (operators only): partners with suspend/reinstate, an order's shipments' steps. */
export const adminRoutes = (api: Api, a: AdminDeps): void => {
  api.route({
    method: 'get',
    path: '/admin/partners',
    summary: 'Logistics partners (everyone who claimed a shipment), by id, with cursor paging. Operators only.',
    tags,
    auth: ['operator'],
    query: PartnersQuery,
    response: AdminPartnerPage,
    handler: ({ query }) => listPartners(a, query),
  });
  for (const [path, suspend, summary] of [
    ['suspend', true, 'Suspend a partner, with a reason: they can no longer claim shipments. Audited. Operators only.'],
    ['reinstate', false, 'Reinstate a suspended partner, with a reason. Audited. Operators only.'],
  ] as const) {
    api.route({
      method: 'post',
      path: `/admin/partners/:partnerId/${path}`,
      summary,
      tags,
      auth: ['operator'],
      params: PartnerParams,
      body: PartnerReasonBody,
      response: AdminPartner,
      errors: [404, 409],
      handler: ({ params, body, principal }) => setPartnerSuspended(a, principal, params.partnerId, suspend, body.reason),
    });
  }
  api.route({
    method: 'get',
    path: '/admin/orders/:orderId/timeline',
    summary: "logistics' part of an order's saga: each shipment's steps (who, when) and the order's facts. Operators only.",
    tags,
    auth: ['operator'],
    params: OrderParams,
    response: LogisticsTimeline,
    handler: async ({ params }) => ({ orderId: params.orderId, ...(await orderTimeline(a, params.orderId)) }),
  });
};
