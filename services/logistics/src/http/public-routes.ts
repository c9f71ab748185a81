import type { Api } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { trackShipment } from '../use-cases/queries';
import { Tracking, TrackingParams } from './schemas';
import { trackingView } from './views';

export const publicRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'get',
    path: '/track/:trackingCode',
    summary:
      'Public, read-only tracking by the unguessable tracking code: status, steps (place, time, temperature) and the farm name. ' +
      'Carries no personal data: no addresses, names, phone numbers, partner id or notes.',
    tags: ['tracking'],
    auth: 'public',
    params: TrackingParams,
    response: Tracking,
    errors: [404],
    handler: async ({ params }) => trackingView(await trackShipment(ctx, params.trackingCode)),
  });
};
