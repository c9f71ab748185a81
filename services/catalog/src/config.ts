import { z } from 'zod';

/** Catalog's own variables (merged with the kit's base schema, which has SWEEP_INTERVAL_MS and APP_URL). */
export const configSchema = z.object({
  /**
   * How long an unpaid order's stock stays reserved. Longer than orders' payment window on purpose:
   * orders decides expiry first (order.expired releases the stock); this is the safety net.
   */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1200),
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
  /** Where the Stripe API is: stripe-mock in tests; unset for api.stripe.com. */
  STRIPE_API_BASE: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
});
export type CatalogConfig = z.infer<typeof configSchema>;
