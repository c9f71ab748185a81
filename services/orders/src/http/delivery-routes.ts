import type { Api } from '@ftt/kit';
import { deliveryOptions, offerIn } from '../domain/delivery-offer';
import type { Context } from '../use-cases/context';
import { packingList } from '../use-cases/farm-queries';
import { packingPdf } from './packing-pdf';
import { DeliveryOptionsQuery, DeliveryOptionsView, FarmParams, PackingPdf, PackingQuery } from './schemas';

/** The checkout's delivery choices, and a farm's printable packing list per delivery day. */
export const deliveryRoutes = (api: Api, ctx: Context): Api =>
  api
    .route({
      method: 'get',
      path: '/delivery/options',
      summary:
        'What a buyer can choose at checkout: pickup points (opening hours, fee), the home-delivery zone of a postcode ' +
        '(fee; null = none), the open delivery days per region with their order cut-off, and the per-farm fee of ' +
        'courier delivery without a day. Public.',
      tags: ['delivery'],
      auth: 'public',
      query: DeliveryOptionsQuery,
      response: DeliveryOptionsView,
      handler: async ({ query }) => {
        const market = query.market ?? ctx.markets.defaultCode;
        const o = deliveryOptions(offerIn(await ctx.offers.current(), market), ctx.clock(), query.postalCode);
        return {
          ...o,
          homeZone: o.homeZone && {
            zoneId: o.homeZone.zoneId,
            name: o.homeZone.name,
            region: o.homeZone.region,
            feeMinor: o.homeZone.feeMinor,
          },
          courierFeePerFarmMinor: ctx.settings.deliveryFeeMinor,
        };
      },
    })
    .route({
      method: 'get',
      path: '/farms/:farmId/packing.pdf',
      summary:
        "A farm's packing list for one delivery day (quantities per lot, then per order), as a PDF. For the farm's members (owner or packer).",
      tags: ['farms'],
      auth: ['farm'],
      params: FarmParams,
      query: PackingQuery,
      contentType: 'application/pdf',
      response: PackingPdf,
      errors: [404],
      handler: async ({ params, query, principal }) => {
        const list = await packingList(ctx, principal, params.farmId, query.day);
        return packingPdf({ farmName: list.farmName, day: query.day, lines: list.lines, orders: list.orders });
      },
    });
