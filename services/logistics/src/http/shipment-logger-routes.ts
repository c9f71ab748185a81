import { nameSchemas, type Api } from '@ftt/kit';
import { z } from 'zod';
import type { Context } from '../use-cases/context';
import { shipmentLoggers } from '../use-cases/shipment-loggers';
import { ShipmentCurve } from './cold-chain-schemas';
import { ShipmentParams } from './schemas';

const ShipmentLogger = z.object({
  deviceId: z.string(),
  label: z.string(),
  kind: z.enum(['crate', 'vehicle']),
  serial: z.string().optional(),
  from: z.string().describe('When the logger was attached'),
  to: z.string().nullable().describe('When it was taken off (null: it still carries the shipment)'),
  latest: z
    .object({ time: z.string(), temperatureC: z.number(), outOfRange: z.boolean() })
    .nullable()
    .describe('Its latest reading on this shipment (null: none yet)'),
});
const ShipmentLoggers = z.object({
  shipmentId: z.string(),
  loggers: z.array(ShipmentLogger),
  curve: ShipmentCurve,
});
nameSchemas({ ShipmentLogger, ShipmentLoggers });

/** The loggers on a shipment, for the partner who carries it: the shipment page's "Temperature loggers" card. */
export const shipmentLoggerRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'get',
    path: '/shipments/:shipmentId/loggers',
    summary:
      'The temperature loggers attached to the shipment (still attached first, then those taken off), each with its ' +
      'latest reading on it, and the curve per logger (named by the logger’s label), downsampled. For the ' +
      'members of the shipment’s partner and operators.',
    tags: ['cold chain', 'shipments'],
    auth: ['partner'],
    params: ShipmentParams,
    response: ShipmentLoggers,
    errors: [403, 404],
    handler: ({ principal, params }) => shipmentLoggers(ctx, principal, params.shipmentId),
  });
};
