import { Api, notRunning, type AuthSettings } from '@ftt/kit';
import type { AdminDeps } from '../use-cases/admin';
import { adminRoutes } from './admin-routes';
import type { Context } from '../use-cases/context';
import { farmPhotoRoutes } from './farm-photo-routes';
import { farmRoutes } from './farm-routes';
import { importRoutes } from './import-routes';
import { listingRoutes } from './listing-routes';
import { photoRoutes } from './photo-routes';

/** catalog's HTTP API: what service.ts serves and what `pnpm gen:api` documents for the web app. */
/** `admin`: the back office's reads and audit trail (absent only while the API is being documented). */
export const catalogApi = (auth: AuthSettings, deps: Context, admin?: Omit<AdminDeps, 'deps'>): Api => {
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
  importRoutes(api, deps);
  adminRoutes(api, { deps, ...(admin ?? notRunning<Omit<AdminDeps, 'deps'>>('catalog admin')) });
  photoRoutes(api, deps);
  farmPhotoRoutes(api, deps);
  return api;
};
