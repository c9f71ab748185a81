import type { Api, AuditLog } from '@ftt/kit';
import { LEGACY_MARKET } from '../domain/market';
import type { Context } from '../use-cases/context';
import { publishRegionOffer, regionOffer, type OfferAdminDeps } from '../use-cases/offers';
import type { StoredOffer } from '../use-cases/ports-offer';
import { RegionOfferBody, RegionOfferList, RegionOfferView, RegionParams } from './offer-schemas';

const tags = ['back office'];

const view = ({ offer, version }: StoredOffer) => ({ ...offer, market: offer.market ?? LEGACY_MARKET, version });

/** The operators publish each region's delivery offer (days and cut-offs, pickup points, home zones). Operators only. */
export const offerAdminRoutes = (api: Api, ctx: Context, audit: () => AuditLog): Api => {
  const d = (): OfferAdminDeps => ({ offers: ctx.offers, markets: ctx.markets, audit: audit(), clock: ctx.clock });
  return api
    .route({
      method: 'get',
      path: '/admin/delivery/regions',
      summary: 'The regions with a published delivery offer, with their version and size. Operators only.',
      tags,
      auth: ['operator'],
      response: RegionOfferList,
      handler: async () => ({
        regions: (await ctx.offers.store.all()).map(({ offer: o, version }) => ({
          region: o.region,
          version,
          days: o.rules.length,
          pickupPoints: o.pickupPoints.length,
          zones: o.zones.length,
          updatedAt: o.updatedAt,
          updatedBy: o.updatedBy,
        })),
      }),
    })
    .route({
      method: 'get',
      path: '/admin/delivery/regions/:region',
      summary: "One region's delivery offer with its version (send it back with an edit). Operators only.",
      tags,
      auth: ['operator'],
      params: RegionParams,
      response: RegionOfferView,
      errors: [404],
      handler: async ({ params }) => view(await regionOffer(d(), params.region)),
    })
    .route({
      method: 'put',
      path: '/admin/delivery/regions/:region',
      summary:
        "Publish a region's whole delivery offer with a reason (audited). `version` is the one edited (0 for a new region); " +
        'another operator\'s change in between is a 409. Orders placed before keep their day and drop. Operators only.',
      tags,
      auth: ['operator'],
      params: RegionParams,
      body: RegionOfferBody,
      response: RegionOfferView,
      errors: [404, 409],
      handler: async ({ params, body, principal }) => {
        const { version, reason, timeZone, ...offer } = body;
        return view(await publishRegionOffer(d(), principal, { ...offer, region: params.region }, version, reason, timeZone));
      },
    });
};
