import { Id, IsoDateTime } from '@ftt/contracts';
import { AdminReason, nameSchemas, PageQuery, pageView, type Api } from '@ftt/kit';
import { z } from 'zod';
import type { Farm } from '../domain/farm';
import { adminFarms, orderReservation, setFarmSuspended, type AdminDeps } from '../use-cases/admin';
import { causeOf } from './cause';
import { FarmParams } from './schemas';
import { farmView, FarmView } from './views';

const tags = ['back office'];

const AdminFarmsQuery = z.strictObject({ ...PageQuery, status: z.enum(['active', 'suspended']).optional() });
const SuspendBody = z.strictObject({ reason: AdminReason });

const AdminFarm = FarmView.extend({
  suspended: z.object({ at: IsoDateTime, by: z.string(), reason: z.string() }).nullable(),
});
const AdminFarmPage = pageView(AdminFarm);
const ReservationView = z.object({
  orderId: Id,
  status: z.string(),
  lines: z.array(z.object({ listingId: Id, quantity: z.number().int() })),
  expiresAt: z.string().nullable(),
  releaseReason: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  entries: z.array(
    z.object({ service: z.literal('catalog'), at: IsoDateTime, type: z.string(), detail: z.string(), who: z.string() }),
  ),
});
nameSchemas({ AdminFarm, AdminFarmPage, AdminReservation: ReservationView, SuspendInput: SuspendBody });

const adminFarm = (f: Farm) => ({ ...farmView(f), suspended: f.suspended ?? null });

/** The operators' back office over catalog (operators only): farms with suspend/reinstate, an order's reservation. */
export const adminRoutes = (api: Api, a: AdminDeps): void => {
  api.route({
    method: 'get',
    path: '/admin/farms',
    summary: 'Farms by name, active or suspended, with cursor paging. Operators only.',
    tags,
    auth: ['operator'],
    query: AdminFarmsQuery,
    response: AdminFarmPage,
    handler: async ({ query }) => {
      const p = await adminFarms(a, query);
      return { items: p.items.map(adminFarm), nextCursor: p.nextCursor };
    },
  });
  for (const [path, suspend, summary] of [
    ['suspend', true, "Suspend a farm, with a reason: its listings leave search and cannot be reserved (orders sees them paused). Audited. Operators only."],
    ['reinstate', false, 'Reinstate a suspended farm, with a reason: its published listings are back. Audited. Operators only.'],
  ] as const) {
    api.route({
      method: 'post',
      path: `/admin/farms/:farmId/${path}`,
      summary,
      tags,
      auth: ['operator'],
      params: FarmParams,
      body: SuspendBody,
      response: AdminFarm,
      errors: [404, 409],
      handler: async ({ params, body, principal, headers, requestId }) =>
        adminFarm(await setFarmSuspended(a, principal, params.farmId, suspend, body.reason, causeOf({ headers, requestId }))),
    });
  }
  api.route({
    method: 'get',
    path: '/admin/reservations/:orderId',
    summary: "catalog's part of an order's saga: its reservation and where it stands. Operators only.",
    tags,
    auth: ['operator'],
    params: z.strictObject({ orderId: Id }),
    response: ReservationView,
    errors: [404],
    handler: async ({ params }) => {
      const { reservation: r, entries } = await orderReservation(a, params.orderId);
      return {
        orderId: r.id,
        status: r.status,
        lines: r.lines.map((l) => ({ listingId: l.listingId, quantity: l.quantity })),
        expiresAt: r.expiresAt,
        releaseReason: r.releaseReason,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        entries,
      };
    },
  });
};
