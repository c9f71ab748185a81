import { Api, type AuthSettings } from '@ftt/kit';
import type { Deps } from '../use-cases/context';
import { farmRoutes } from './farm-routes';
import { listingRoutes } from './listing-routes';
import { photoRoutes } from './photo-routes';

/** catalog's HTTP API: what service.ts serves and what `pnpm gen:api` documents for the web app. */
export const catalogApi = (auth: AuthSettings, deps: Deps): Api => {
  const api = new Api(
    {
      title: 'FieldToTable catalog',
      version: '1.0.0',
      description: 'Farms, listings with their lots, stock and reservations. Browsing needs no login.',
    },
    auth,
  );
  farmRoutes(api, deps);
  listingRoutes(api, deps);
  photoRoutes(api, deps);
  return api;
};
