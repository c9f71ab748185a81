import type { Api } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { farmOrders, farmPayouts, farmPayoutTotals } from '../use-cases/farm-queries';
import { FarmOrdersQuery, FarmOrdersView, FarmParams, FarmPayoutTotalsView, FarmPayoutsView, PageOnlyQuery } from './schemas';

const tags = ['farms'];

export const farmRoutes = (api: Api, ctx: Context): Api =>
  api
    .route({
      method: 'get',
      path: '/farms/:farmId/orders',
      summary: "A farm's orders, newest first with cursor paging, and what is still to pack summed per lot (over all of them)",
      tags,
      auth: ['farm'],
      params: FarmParams,
      query: FarmOrdersQuery,
      response: FarmOrdersView,
      errors: [404],
      handler: async ({ params, query, principal }) => farmOrders(ctx, principal, params.farmId, query),
    })
    .route({
      method: 'get',
      path: '/farms/:farmId/payouts',
      summary: "A farm's payouts (transfers), newest first with cursor paging",
      tags,
      auth: ['farm'],
      params: FarmParams,
      query: PageOnlyQuery,
      response: FarmPayoutsView,
      errors: [404],
      handler: async ({ params, query, principal }) => farmPayouts(ctx, principal, params.farmId, query),
    })
    .route({
      method: 'get',
      path: '/farms/:farmId/payouts/totals',
      summary: "A farm's payout totals per currency over its whole history (paid, and pending: on their way or promised by confirmed orders)",
      tags,
      auth: ['farm'],
      params: FarmParams,
      response: FarmPayoutTotalsView,
      errors: [404],
      handler: async ({ params, principal }) => farmPayoutTotals(ctx, principal, params.farmId),
    });
