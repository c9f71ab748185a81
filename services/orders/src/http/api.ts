import { Api, notRunning, type AuthSettings } from '@ftt/kit';
import type { AdminDeps } from '../use-cases/admin';
import { adminRoutes } from './admin-routes';
import type { Context } from '../use-cases/context';
import { deliveryRoutes } from './delivery-routes';
import { farmRoutes } from './farm-routes';
import { figuresRoutes } from './figures-routes';
import type { FiguresStore } from '../use-cases/figures';
import { marketRoutes } from './market-routes';
import { offerAdminRoutes } from './offer-admin-routes';
import { orderRoutes } from './order-routes';
import { receiptRoutes, type ReceiptSettings } from './receipt-routes';
import { reportRoutes } from './report-routes';
import { webhookRoutes, type StripeWebhookSettings } from './webhook-routes';

export interface OrdersApiOptions {
  /** The payment provider's name ('stripe', 'simulated'), for the document's description. */
  provider: string;
  /** Backpressure on POST /orders: throws (503 with Retry-After) while the service is past capacity. */
  admit: (what: string) => void;
  /** Without it the Stripe webhook answers 503: payments use the simulated provider. */
  stripe: StripeWebhookSettings | undefined;
  /** The back office's reads and audit trail (absent only while the API is being documented). */
  admin?: Omit<AdminDeps, 'ctx'>;
  /** The business overview's read (absent only while the API is being documented). */
  figures?: FiguresStore;
  /** Receipts' numbers and tax rates (absent only while the API is being documented). */
  receipts?: ReceiptSettings;
}

/** orders' HTTP API: what service.ts serves and what `pnpm gen:api` documents for the web app. */
export const ordersApi = (auth: AuthSettings, ctx: Context, o: OrdersApiOptions): Api => {
  const api = new Api(
    {
      title: 'FieldToTable orders',
      version: '1.0.0',
      description: `Orders, the order saga, payments (${o.provider}) and farmer payouts.`,
    },
    auth,
  );
  orderRoutes(api, ctx, { admit: o.admit });
  farmRoutes(api, ctx);
  deliveryRoutes(api, ctx);
  webhookRoutes(api, ctx, o.stripe);
  const admin = o.admin ?? notRunning<Omit<AdminDeps, 'ctx'>>('orders admin');
  adminRoutes(api, { ctx, ...admin });
  offerAdminRoutes(api, ctx, () => admin.audit);
  marketRoutes(api, ctx, () => admin.audit);
  const figures = o.figures ?? notRunning<FiguresStore>('orders figures');
  figuresRoutes(api, () => ({ figures, clock: ctx.clock }));
  const receipts = o.receipts ?? notRunning<ReceiptSettings>('orders receipts');
  receiptRoutes(api, ctx, receipts);
  reportRoutes(api, ctx, () => receipts.rates);
  return api;
};
