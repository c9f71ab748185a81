import { z } from 'zod';

/** Catalog's own variables (merged with the kit's base schema). */
export const configSchema = z.object({
  /**
   * How long an unpaid order's stock stays reserved. Longer than orders' payment window on purpose:
   * orders decides expiry first (order.expired releases the stock); this is the safety net.
   */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1200),
  /** How often the sweeper looks for expired reservations and steps left half done. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  /**
   * 'required': a farm publishes listings only once an operator approved its application (identity's
   * application.decided events, data/farm-approvals.ts). 'off' lets every farm's owner publish: only for test
   * suites whose farms come from harness tokens that identity never approved (the kit's testEnv sets it).
   */
  FARM_APPROVAL: z.enum(['required', 'off']).default('required'),
  /**
   * Stripe Connect for farms' payout accounts (POST /farms/:farmId/payout-onboarding). Without a key the simulated
   * provider answers (named as such), so that the demo works offline. STRIPE_API_BASE: stripe-mock in tests.
   */
  STRIPE_SECRET_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  STRIPE_API_BASE: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  /** The web app: Stripe sends a farmer back to its farm page after onboarding. */
  APP_URL: z.url().default('http://127.0.0.1:5173'),
});
export type CatalogConfig = z.infer<typeof configSchema>;
