import { DomainError, type Api, type Principal } from '@ftt/kit';
import { z } from 'zod';
import type { Context } from '../use-cases/context';
import { adjustStock, archive, createListing, pause, publish, updateListing } from '../use-cases/listings';
import { getFarm, getListing, searchCatalog, stockHistory } from '../use-cases/queries';
import { causeOf } from './cause';
import { AdjustmentBody, AdjustmentKey, FarmParams, ListingBody, ListingParams, ListingPatchBody, SearchQuery } from './schemas';
import { AdjustmentView, adjustmentView, FarmView, farmView, listingView, ListingView, SearchPage, Stock } from './views';

const ownerView = ListingView;

export const listingRoutes = (api: Api, d: Context): void => {
  api.route({
    method: 'post',
    path: '/farms/:farmId/listings',
    summary: 'Create a listing (a draft) on your farm',
    tags: ['listings'],
    auth: ['farm'],
    params: FarmParams,
    body: ListingBody,
    status: 201,
    response: ownerView,
    errors: [404],
    handler: async ({ params, body, principal }) => listingView(await createListing(d, principal, params.farmId, body), true),
  });

  api.route({
    method: 'get',
    path: '/listings',
    summary: 'Search published listings: filters, text, sorting and stable cursor pagination',
    tags: ['listings'],
    auth: 'public',
    query: SearchQuery,
    response: SearchPage,
    handler: async ({ query }) => {
      const page = await searchCatalog(d, query);
      return { items: page.items.map((l) => listingView(l)), nextCursor: page.nextCursor };
    },
  });

  api.route({
    method: 'get',
    path: '/listings/:listingId',
    summary: 'A listing with its farm and lot',
    tags: ['listings'],
    // a token, when sent, lets the farm's farmer and operators see it while the farm is suspended
    auth: 'optional',
    params: ListingParams,
    response: z.object({ listing: ListingView, farm: FarmView }),
    errors: [404],
    handler: async ({ params, principal }) => {
      const listing = await getListing(d, params.listingId, principal);
      const { farm } = await getFarm(d, listing.farmId, principal);
      return { listing: listingView(listing), farm: farmView(farm) };
    },
  });

  api.route({
    method: 'patch',
    path: '/listings/:listingId',
    summary: 'Edit your listing (never its stock); a live listing emits listing.updated',
    tags: ['listings'],
    auth: ['farm'],
    params: ListingParams,
    body: ListingPatchBody,
    response: ownerView,
    errors: [404, 409],
    handler: async (input) =>
      listingView(await updateListing(d, input.principal, input.params.listingId, input.body, causeOf(input)), true),
  });

  const transitions = [
    ['publish', publish, 'Publish (or resume) your listing: emits listing.published (first time) or listing.updated'],
    ['pause', pause, 'Pause your listing: it cannot be ordered; emits listing.updated'],
    ['archive', archive, 'Archive your listing for good: emits listing.archived'],
  ] as const;
  for (const [action, run, summary] of transitions) {
    api.route({
      method: 'post',
      path: `/listings/:listingId/${action}`,
      summary,
      tags: ['listings'],
      auth: ['farm'],
      params: ListingParams,
      response: ownerView,
      errors: [404, 409, 422],
      handler: async (input) => listingView(await run(d, input.principal as Principal, input.params.listingId, causeOf(input)), true),
    });
  }

  api.route({
    method: 'post',
    path: '/listings/:listingId/stock-adjustments',
    summary: 'Restock or write off stock, with a reason (kept in the history)',
    tags: ['stock'],
    auth: ['farm'],
    params: ListingParams,
    body: AdjustmentBody,
    headers: { 'idempotency-key': { required: false, description: 'repeat-safe: the same key applies once', schema: AdjustmentKey } },
    status: 201,
    response: z.object({ adjustment: AdjustmentView, stock: Stock }),
    errors: [404, 409],
    handler: async ({ params, body, principal, headers }) => {
      const given = headers['idempotency-key'];
      const parsed = given === undefined ? undefined : AdjustmentKey.safeParse(given);
      if (parsed && !parsed.success) {
        throw new DomainError('header.invalid', 'invalid header', [{ field: 'headers.idempotency-key', message: '1-64 letters, digits or . _ : -' }]);
      }
      const key = parsed?.data;
      const r = await adjustStock(d, principal, params.listingId, { ...body, idempotencyKey: key });
      return { adjustment: adjustmentView(r.adjustment), stock: r.listing.stock };
    },
  });

  api.route({
    method: 'get',
    path: '/listings/:listingId/stock-adjustments',
    summary: "Your listing's restock and write-off history",
    tags: ['stock'],
    auth: ['farm'],
    params: ListingParams,
    response: z.object({ items: z.array(AdjustmentView) }),
    errors: [404],
    handler: async ({ params, principal }) => ({ items: (await stockHistory(d, principal, params.listingId)).map(adjustmentView) }),
  });
};
