import { Api, type AuthSettings } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { inboxRoutes } from './inbox-routes';
import { profileRoutes } from './profile-routes';

/** notifications' HTTP API: what service.ts serves and what `pnpm gen:api` documents for the web app. */
export const notificationsApi = (auth: AuthSettings, ctx: Context): Api => {
  const api = new Api(
    {
      title: 'FieldToTable notifications',
      version: '1.0.0',
      description:
        'Tells people what happened: email and an in-app inbox, per-user preferences and language. Fed only by the events of catalog, orders and logistics.',
    },
    auth,
  );
  inboxRoutes(api, ctx);
  profileRoutes(api, ctx);
  return api;
};
