import { Api, notRunning, type AuthSettings } from '@ftt/kit';
import type { AdminDeps } from '../use-cases/admin';
import { adminRoutes } from './admin-routes';
import { boxLabelRoutes } from './box-label-routes';
import { scanRoutes } from './scan-routes';
import type { Context } from '../use-cases/context';
import { coldChainRoutes } from './cold-chain-routes';
import { dropPhotoRoutes } from './drop-photo-routes';
import { publicRoutes } from './public-routes';
import { runRoutes } from './run-routes';
import { shipmentLoggerRoutes } from './shipment-logger-routes';
import { shipmentRoutes } from './shipment-routes';
import { traceLookupRoutes } from './trace-lookup-routes';
import { traceRoutes } from './trace-routes';
import { trackingLookupRoutes } from './tracking-lookup-routes';

/** logistics' HTTP API: what service.ts serves and what `pnpm gen:api` documents for the web app. */
/** `admin`: partners and the audit trail of the back office (absent only while the API is being documented). */
export const logisticsApi = (auth: AuthSettings, ctx: Context, admin?: Omit<AdminDeps, 'ctx'>): Api => {
  const api = new Api(
    {
      title: 'FieldToTable logistics',
      version: '1.0.0',
      description:
        'Shipments from farm to door, partner steps, public tracking, and traceability exports (EPCIS 2.0, FSMA 204).',
    },
    auth,
  );
  const back = { ctx, ...(admin ?? notRunning<Omit<AdminDeps, 'ctx'>>('logistics admin')) };
  shipmentRoutes(api, ctx, back.partners);
  publicRoutes(api, ctx);
  trackingLookupRoutes(api, ctx);
  traceRoutes(api, ctx);
  traceLookupRoutes(api, ctx);
  coldChainRoutes(api, ctx);
  shipmentLoggerRoutes(api, ctx);
  adminRoutes(api, back);
  runRoutes(api, ctx, back.partners);
  dropPhotoRoutes(api, ctx);
  boxLabelRoutes(api, ctx);
  scanRoutes(api, ctx);
  return api;
};
