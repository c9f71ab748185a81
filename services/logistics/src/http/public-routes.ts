import type { Api } from '@ftt/kit';
import type { ShipmentQueries } from '../use-cases/shipment-queries';
import { Tracking, TrackingParams } from './schemas';

export const publicRoutes = (api: Api, d: { queries: ShipmentQueries }) => {
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
    handler: ({ params }) => d.queries.track(params.trackingCode),
  });
};
