import type { Api } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { farmOrders, farmPayouts } from '../use-cases/queries';
import { FarmOrdersQuery, FarmOrdersView, FarmParams, FarmPayoutsView } from './schemas';

const tags = ['farms'];

export const farmRoutes = (api: Api, ctx: Context): Api =>
  api
    .route({
      method: 'get',
      path: '/farms/:farmId/orders',
      summary: "A farm's orders, with what is still to pack summed per listing",
      tags,
      auth: ['farmer'],
      params: FarmParams,
      query: FarmOrdersQuery,
      response: FarmOrdersView,
      errors: [404],
      handler: async ({ params, query, principal }) => farmOrders(ctx, principal, params.farmId, query.state, query.day),
    })
    .route({
      method: 'get',
      path: '/farms/:farmId/payouts',
      summary: "A farm's payouts (transfers) with totals",
      tags,
      auth: ['farmer'],
      params: FarmParams,
      response: FarmPayoutsView,
      errors: [404],
      handler: async ({ params, principal }) => farmPayouts(ctx, principal, params.farmId),
    });
