import { Api, type AuthSettings } from '@ftt/kit';
import type { Context } from '../use-cases/context';
import { coldChainRoutes } from './cold-chain-routes';
import { publicRoutes } from './public-routes';
import { shipmentRoutes } from './shipment-routes';
import { traceRoutes } from './trace-routes';

/** logistics' HTTP API: what service.ts serves and what `pnpm gen:api` documents for the web app. */
export const logisticsApi = (auth: AuthSettings, ctx: Context): Api => {
  const api = new Api(
    {
      title: 'FieldToTable logistics',
      version: '1.0.0',
      description:
        'Shipments from farm to door, partner steps, public tracking, and traceability exports (EPCIS 2.0, FSMA 204).',
    },
    auth,
  );
  shipmentRoutes(api, ctx);
  publicRoutes(api, ctx);
  traceRoutes(api, ctx);
  coldChainRoutes(api, ctx);
  return api;
};
