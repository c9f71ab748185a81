import type { Api, Principal } from '@ftt/kit';
import type { ZodType } from 'zod';
import type { ShipmentCommand } from '../domain/shipment-decide';
import type { Context } from '../use-cases/context';
import { myHistory, myShipments, openShipments, orderShipments, shipmentFor } from '../use-cases/queries';
import { stepShipment } from '../use-cases/shipment-steps';
import { assertMayClaim } from '../use-cases/admin';
import type { PartnerStore } from '../use-cases/ports-admin';
import { causeOf } from './cause';
import {
  CheckpointBody,
  DeliverBody,
  HistoryQuery,
  MineQuery,
  OpenQuery,
  OpenShipment,
  OrderParams,
  PartnerShipment,
  ReasonBody,
  ShipmentDetail,
  ShipmentPage,
  ShipmentParams,
} from './schemas';
import { openView, partnerView } from './views';

type StepBody<B> = (p: Principal, body: B, now: Date) => ShipmentCommand;

/** Partner routes: list, claim and record every step. Only the assigned partner may update (domain -> 403). */
export const shipmentRoutes = (api: Api, ctx: Context, partners: PartnerStore) => {
  /** What the partner's two lists share. */
  const partnerList = { method: 'get', tags: ['shipments'], auth: ['logistics'] } as const;
  api.route({
    ...partnerList,
    path: '/shipments/open',
    summary:
      "Open shipments in a region (default: the region claim of the partner's token). No personal data. Role: logistics.",
    query: OpenQuery,
    response: OpenShipment.array(),
    handler: async ({ principal, query }) =>
      (await openShipments(ctx, principal, query.region)).map(openView),
  });
  api.route({
    ...partnerList,
    path: '/shipments/mine',
    summary: 'Shipments claimed by the calling partner (in one status), newest first, with cursor paging. Role: logistics.',
    query: MineQuery,
    response: ShipmentPage,
    handler: async ({ principal, query }) => {
      const page = await myShipments(ctx, principal, query.status, query);
      return { items: page.items.map(partnerView), nextCursor: page.nextCursor };
    },
  });
  api.route({
    ...partnerList,
    path: '/shipments/mine/history',
    summary:
      "The calling partner's delivery history: their delivered and returned shipments, newest first, a page at a " +
      'time (cursor paging). Role: logistics.',
    query: HistoryQuery,
    response: ShipmentPage,
    handler: async ({ principal, query }) => {
      const page = await myHistory(ctx, principal, query);
      return { items: page.items.map(partnerView), nextCursor: page.nextCursor };
    },
  });
  api.route({
    method: 'get',
    path: '/shipments/:shipmentId',
    summary:
      'One shipment: full detail for its assigned partner and admins; an open one as in the open list.',
    tags: ['shipments'],
    auth: ['logistics'],
    params: ShipmentParams,
    response: ShipmentDetail,
    errors: [404],
    handler: async ({ principal, params }) => {
      const { shipment, detail } = await shipmentFor(ctx, principal, params.shipmentId);
      return detail === 'full' ? partnerView(shipment) : openView(shipment);
    },
  });
  api.route({
    method: 'get',
    path: '/orders/:orderId/shipments',
    summary: 'All shipments of an order. Role: admin.',
    tags: ['shipments'],
    auth: ['admin'],
    params: OrderParams,
    response: PartnerShipment.array(),
    handler: async ({ params }) => (await orderShipments(ctx, params.orderId)).map(partnerView),
  });

  const step = <B>(
    path: string,
    summary: string,
    body: ZodType<B> | undefined,
    command: StepBody<B>,
    status = 200,
    claim = false,
  ) =>
    api.route({
      method: 'post',
      path: `/shipments/:shipmentId/${path}`,
      summary,
      tags: ['shipments'],
      auth: ['logistics'],
      params: ShipmentParams,
      ...(body ? { body } : {}),
      status,
      response: PartnerShipment,
      errors: [404, 409],
      handler: async ({ principal, params, body: b, headers, requestId }) => {
        const cmd = command(principal, b as B, ctx.clock());
        // A suspended partner may not claim; a claim that won makes (or updates) the partner's record.
        if (claim) await assertMayClaim(partners, principal.userId);
        const { state, result } = await stepShipment(ctx, params.shipmentId, cmd, causeOf(headers, requestId));
        if (claim && result === 'written') await partners.noteClaim(principal, ctx.clock());
        // Written, or ignored (a retried claim): either way the shipment as it is now; a missing one was a 404.
        return partnerView(state!);
      },
    });

  step(
    'claim',
    'Claim an open shipment; of concurrent claims exactly one wins, the others get 409. Role: logistics.',
    undefined,
    (p) => ({
      kind: 'claim',
      partnerId: p.userId,
    }),
    200,
    true,
  );
  step('pickup', 'Record the pickup at the farm (assigned partner only).', undefined, (p) => ({
    kind: 'pick_up',
    partnerId: p.userId,
  }));
  step(
    'checkpoints',
    "Record a checkpoint (place, time, temperature, note); a temperature outside the lot's cold-chain range raises a temperature excursion.",
    CheckpointBody,
    (p, b, now) => ({
      kind: 'record_checkpoint',
      partnerId: p.userId,
      place: b.place,
      time: b.time ?? now.toISOString(),
      temperatureC: b.temperatureC,
      note: b.note,
    }),
    201,
  );
  step(
    'out-for-delivery',
    'The shipment leaves for the buyer (also a retry after a failed attempt).',
    undefined,
    (p) => ({
      kind: 'send_out_for_delivery',
      partnerId: p.userId,
    }),
  );
  step('deliver', 'Delivered, with who received it and a proof reference.', DeliverBody, (p, b) => ({
    kind: 'deliver',
    partnerId: p.userId,
    recipientName: b.recipientName,
    proofRef: b.proofRef,
  }));
  step('fail', 'A delivery attempt failed.', ReasonBody, (p, b) => ({
    kind: 'fail_delivery',
    partnerId: p.userId,
    reason: b.reason,
  }));
  step(
    'return',
    'The shipment goes back to the farm (after pickup or a failed attempt).',
    ReasonBody,
    (p, b) => ({
      kind: 'return',
      partnerId: p.userId,
      reason: b.reason,
    }),
  );
};
