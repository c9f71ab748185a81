import type { Api, AuditLog } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { publishMarket, storedMarket, type MarketAdminDeps } from '../use-cases/markets';
import type { StoredMarket } from '../use-cases/ports-market';
import { MarketBody, MarketList, MarketParams, MarketView } from './market-schemas';

const view = ({ market, version }: StoredMarket) => ({ ...market, version });
const publicView = ({ market: { updatedAt: _a, updatedBy: _b, ...market }, version }: StoredMarket) => ({ ...market, version });

/** Markets: everyone reads them (the shop formats money and offers payment methods by them); operators publish. */
export const marketRoutes = (api: Api, ctx: Context, audit: () => AuditLog): Api => {
  const d = (): MarketAdminDeps => ({ markets: ctx.markets, audit: audit(), clock: ctx.clock });
  return api
    .route({
      method: 'get',
      path: '/markets',
      summary: 'The published markets: currency, languages, time zone, postcode pattern, regions, tax rates, units, payment methods. Public.',
      tags: ['markets'],
      auth: 'public',
      response: MarketList,
      handler: async () => ({ markets: [...(await ctx.markets.all()).values()].map(publicView) }),
    })
    .route({
      method: 'get',
      path: '/admin/markets/:code',
      summary: 'One market with its version (send it back with an edit). Operators only.',
      tags: ['back office'],
      auth: ['operator'],
      params: MarketParams,
      response: MarketView,
      errors: [404],
      handler: async ({ params }) => view(await storedMarket(d(), params.code)),
    })
    .route({
      method: 'put',
      path: '/admin/markets/:code',
      summary:
        'Publish a market whole with a reason (audited, announced as market.published). `version` is the one edited (0 for a new ' +
        "market); another operator's change in between is a 409. A bad currency, time zone or postcode pattern is a 400 naming " +
        'the field; a market keeps its currency. Operators only.',
      tags: ['back office'],
      auth: ['operator'],
      params: MarketParams,
      body: MarketBody,
      response: MarketView,
      errors: [404, 409],
      handler: async ({ params, body, principal }) => {
        const { version, reason, ...market } = body;
        return view(await publishMarket(d(), principal, { ...market, code: params.code }, version, reason));
      },
    });
};
