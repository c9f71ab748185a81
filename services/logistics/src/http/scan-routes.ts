import { nameSchemas, type Api } from '@ftt/kit';
import { z } from 'zod';
import { SHIPMENT_STATUSES } from '../domain/shipment';
import type { Context } from '../use-cases/context';
import { scanBox } from '../use-cases/scan';
import { BoxKeyParams } from './box-label-schemas';

const ScannedBox = z.object({
  shipmentId: z.string(),
  serial: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  farmName: z.string(),
  /** `full`: the caller carries it (or is an operator); `open`: nobody carries it yet, the caller may claim it. */
  access: z.enum(['full', 'open']),
});
nameSchemas({ ScannedBox });

/** The partner's scan of a box label (issue #33): from the label's serial to the shipment to step. */
export const scanRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'get',
    path: '/shipments/by-serial/:serial',
    summary:
      "The box a scanned label names (its serial, the label QR code's AI 21): which shipment to pick up or deliver. For " +
      'its assigned partner and operators; an open box for any partner (to claim it); 403 for another partner’s box.',
    tags: ['shipments', 'labels'],
    auth: ['partner'],
    params: BoxKeyParams.pick({ serial: true }),
    response: ScannedBox,
    errors: [403, 404],
    handler: async ({ principal, params }) => {
      const { shipment: s, detail } = await scanBox(ctx, principal, params.serial);
      return {
        shipmentId: s.shipmentId,
        serial: s.trackingCode,
        status: s.status,
        farmName: s.farmName,
        access: detail,
      };
    },
  });
};
