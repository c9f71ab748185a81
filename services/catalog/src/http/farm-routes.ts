import { nameSchemas, type Api } from '@ftt/kit';
import { z } from 'zod';
import type { Context } from '../use-cases/context';
import { createFarm, startPayoutOnboarding, updateFarm } from '../use-cases/farms';
import { getFarm, listFarms, myFarm } from '../use-cases/queries';
import { causeOf } from './cause';
import { FarmBody, FarmParams, FarmPatchBody, FarmsQuery, MyFarmQuery } from './schemas';
import { FarmPage, farmView, FarmView, listingView } from './views';

const PayoutOnboardingView = z.object({
  accountId: z.string(),
  /** Where the farm's owner completes the account at Stripe (single use; ask again for a new one). */
  url: z.string(),
  provider: z.enum(['stripe', 'simulated']),
});
nameSchemas({ PayoutOnboarding: PayoutOnboardingView });

export const farmRoutes = (api: Api, d: Context): void => {
  api.route({
    method: 'post',
    path: '/farms/:farmId/payout-onboarding',
    summary:
      "Connect the farm's payout account: a Stripe Connect account for the farm (made once) and an onboarding link for it (the farm's owner)",
    tags: ['farms'],
    auth: ['farm'],
    params: FarmParams,
    response: PayoutOnboardingView,
    errors: [404, 503],
    handler: async (input) => startPayoutOnboarding(d, input.principal, input.params.farmId, causeOf(input)),
  });

  api.route({
    method: 'post',
    path: '/farms',
    summary: "Open your farm's page: a farm you own (an owner membership from identity) opens once",
    tags: ['farms'],
    auth: ['farm'],
    body: FarmBody,
    status: 201,
    response: FarmView,
    errors: [409],
    handler: async ({ body: { farmId, ...input }, principal }) => farmView(await createFarm(d, principal, input, farmId)),
  });

  api.route({
    method: 'get',
    path: '/farms',
    summary: 'List farms, optionally of one region',
    tags: ['farms'],
    auth: 'public',
    query: FarmsQuery,
    response: z.object({ items: z.array(FarmView) }),
    handler: async ({ query }) => ({ items: (await listFarms(d, query.region)).map(farmView) }),
  });

  // Before /farms/:farmId, which would otherwise take "mine" for an id.
  api.route({
    method: 'get',
    path: '/farms/mine',
    summary: 'Your farm (owner or packer) with all its listings (drafts and archived too) and their stock',
    tags: ['farms'],
    auth: ['farm'],
    query: MyFarmQuery,
    response: FarmPage,
    errors: [404],
    handler: async ({ principal, query }) => {
      const page = await myFarm(d, principal, query.farmId);
      return { farm: farmView(page.farm), listings: page.listings.map((l) => listingView(l, true)) };
    },
  });

  api.route({
    method: 'get',
    path: '/farms/:farmId',
    summary: "A farm's page with its published listings",
    tags: ['farms'],
    // a token, when sent, lets the farm's members and operators see it while it is suspended
    auth: 'optional',
    params: FarmParams,
    response: FarmPage,
    errors: [404],
    handler: async ({ params, principal }) => {
      const page = await getFarm(d, params.farmId, principal);
      return { farm: farmView(page.farm), listings: page.listings.map((l) => listingView(l)) };
    },
  });

  api.route({
    method: 'patch',
    path: '/farms/:farmId',
    summary: 'Edit your farm; its listings get the new details (and live ones emit listing.updated)',
    tags: ['farms'],
    auth: ['farm'],
    params: FarmParams,
    body: FarmPatchBody,
    response: FarmView,
    errors: [404, 409],
    handler: async (input) => farmView(await updateFarm(d, input.principal, input.params.farmId, input.body, causeOf(input))),
  });
};
