import type { Api } from '@ftt/kit';
import type { ZodType } from 'zod';
import type { ShipmentCommand } from '../domain/shipment-decide';
import type { Context } from '../use-cases/context';
import { myHistory, myShipments, openShipments, orderShipments, shipmentFor } from '../use-cases/queries';
import { stepShipment } from '../use-cases/shipment-steps';
import { actingOn, claimingFor } from '../use-cases/acting';
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

/** A step's command, for the partner the caller acts as (use-cases/acting.ts). */
type StepBody<B> = (partnerId: string, body: B, now: Date) => ShipmentCommand;

/**
 * Partner routes: list, claim and record every step. Only the members of the assigned partner may update (the
 * domain compares partner ids -> 403).
 */
export const shipmentRoutes = (api: Api, ctx: Context, partners: PartnerStore) => {
  /** What the partner's two lists share. */
  const partnerList = { method: 'get', tags: ['shipments'], auth: ['partner'] } as const;
  api.route({
    ...partnerList,
    path: '/shipments/open',
    summary:
      "Open shipments in a region (default: the one region your partners serve). No personal data. For members of a logistics partner.",
    query: OpenQuery,
    response: OpenShipment.array(),
    handler: async ({ principal, query }) =>
      (await openShipments(ctx, principal, query.region)).map(openView),
  });
  api.route({
    ...partnerList,
    path: '/shipments/mine',
    summary: 'Shipments claimed by the calling partner (in one status), newest first, with cursor paging. For members of a logistics partner.',
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
      'time (cursor paging). For members of a logistics partner.',
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
    auth: ['partner'],
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
    summary: 'All shipments of an order. Operators only.',
    tags: ['shipments'],
    auth: ['operator'],
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
      auth: ['partner'],
      params: ShipmentParams,
      ...(body ? { body } : {}),
      status,
      response: PartnerShipment,
      errors: [404, 409],
      handler: async ({ principal, params, body: b, headers, requestId }) => {
        const current = await ctx.shipments.get(params.shipmentId);
        // A claim is for the caller's partner serving the shipment's region; a step, for the shipment's partner
        // when the caller is its member (anyone else's id is refused by the decider).
        const partnerId = claim
          ? claimingFor(principal, current?.region)
          : actingOn(principal, current?.partnerId ?? undefined, 'shipments.move');
        const cmd = command(partnerId, b as B, ctx.clock());
        // A suspended partner may not claim nor pick up (take new boxes from a farm); boxes already on the road
        // are finished (delivered or returned). A claim that won makes (or updates) the partner's record.
        if (claim || cmd.kind === 'pick_up') await assertMayClaim(partners, partnerId);
        const { state, result } = await stepShipment(ctx, params.shipmentId, cmd, causeOf(headers, requestId));
        if (claim && result === 'written') await partners.noteClaim(partnerId, principal, current?.region, ctx.clock());
        // Written, or ignored (a retried claim): either way the shipment as it is now; a missing one was a 404.
        return partnerView(state!);
      },
    });

  step(
    'claim',
    'Claim an open shipment; of concurrent claims exactly one wins, the others get 409. For members of a logistics partner.',
    undefined,
    (partnerId) => ({
      kind: 'claim',
      partnerId,
    }),
    200,
    true,
  );
  step('pickup', 'Record the pickup at the farm (assigned partner only).', undefined, (partnerId) => ({
    kind: 'pick_up',
    partnerId,
  }));
  step(
    'checkpoints',
    "Record a checkpoint (place, time, temperature, note); a temperature outside the lot's cold-chain range raises a temperature excursion.",
    CheckpointBody,
    (partnerId, b, now) => ({
      kind: 'record_checkpoint',
      partnerId,
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
    (partnerId) => ({
      kind: 'send_out_for_delivery',
      partnerId,
    }),
  );
  step('deliver', 'Delivered, with who received it and a proof reference.', DeliverBody, (partnerId, b) => ({
    kind: 'deliver',
    partnerId,
    recipientName: b.recipientName,
    proofRef: b.proofRef,
  }));
  step('fail', 'A delivery attempt failed.', ReasonBody, (partnerId, b) => ({
    kind: 'fail_delivery',
    partnerId,
    reason: b.reason,
  }));
  step(
    'return',
    'The shipment goes back to the farm (after pickup or a failed attempt).',
    ReasonBody,
    (partnerId, b) => ({
      kind: 'return',
      partnerId,
      reason: b.reason,
    }),
  );
};
