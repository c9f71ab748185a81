import { isDomainErrorWith, nameSchemas, type Api } from '@ftt/kit';
import { z } from 'zod';
import type { Context } from '../use-cases/context';
import { trackShipment } from '../use-cases/queries';
import { Tracking, TrackingParams } from './schemas';
import { trackingView } from './views';

const LookupQuery = z.strictObject({ code: TrackingParams.shape.trackingCode });
const TrackingLookup = z.object({
  found: z.boolean(),
  tracking: Tracking.optional().describe('The tracked box, when a box has the code'),
});
nameSchemas({ TrackingLookup });

/**
 * Tracking as the web's track page asks it: a code no box has is an answer (200, found: false), not an error, so a
 * mistyped code is no failed request (and no 404 in the browser's console). GET /track/:code stays for links and
 * tools that want the 404.
 */
export const trackingLookupRoutes = (api: Api, ctx: Context) => {
  api.route({
    method: 'get',
    path: '/tracking',
    summary:
      'Public look-up of a tracking code: `found` and, when a box has the code, its tracking (as GET ' +
      '/track/{trackingCode}, nothing personal). A well-formed code no box has is `found: false`, not a 404.',
    tags: ['tracking'],
    auth: 'public',
    query: LookupQuery,
    response: TrackingLookup,
    handler: async ({ query }) => {
      try {
        return { found: true, tracking: trackingView(await trackShipment(ctx, query.code)) };
      } catch (err) {
        if (isDomainErrorWith(err, 'not_found')) return { found: false };
        throw err;
      }
    },
  });
};
