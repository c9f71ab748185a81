import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import type { PayoutOnboarding } from '../use-cases/ports';

/** The stripe client speaks host/port/protocol, not a base URL (stripe-mock in tests: STRIPE_API_BASE). */
const hostOptions = (apiBase: string | undefined) => {
  if (!apiBase) return {};
  const base = new URL(apiBase);
  const protocol = base.protocol === 'https:' ? ('https' as const) : ('http' as const);
  return { host: base.hostname, port: base.port ? Number(base.port) : protocol === 'https' ? 443 : 80, protocol };
};

/**
 * Stripe Connect onboarding: an Express connected account for the farm (created once: the idempotency key is the
 * farm's), then an account link, a single-use URL where the farmer gives Stripe their details; Stripe sends them back
 * to the web app. The farm stores the account id; orders transfers the farmer's share to it.
 */
export const stripeConnectOnboarding = (s: { secretKey: string; apiBase?: string | undefined; appUrl: string }): PayoutOnboarding => {
  const stripe = new Stripe(s.secretKey, { maxNetworkRetries: 2, timeout: 10_000, telemetry: false, ...hostOptions(s.apiBase) });
  return {
    name: 'stripe',
    start: async ({ farmId, accountId, country }) => {
      const account =
        accountId ??
        (
          await stripe.accounts.create(
            {
              type: 'express',
              country,
              capabilities: { transfers: { requested: true } },
              metadata: { farmId },
            },
            { idempotencyKey: `ftt-farm-account-${farmId}` },
          )
        ).id;
      const link = await stripe.accountLinks.create({
        account,
        type: 'account_onboarding',
        refresh_url: `${s.appUrl}/farmer?payout=again`,
        return_url: `${s.appUrl}/farmer?payout=done`,
      });
      return { accountId: account, url: link.url };
    },
  };
};

/**
 * Offline (no STRIPE_SECRET_KEY): the simulated provider, named as such, so that a demo works without Stripe. Its
 * account id is derived from the farm, and its link leads straight back to the farm page.
 */
export const simulatedOnboarding = (appUrl: string): PayoutOnboarding => ({
  name: 'simulated',
  start: async ({ farmId, accountId }) => ({
    accountId: accountId ?? `acct_sim${createHash('sha256').update(farmId).digest('hex').slice(0, 16)}`,
    url: `${appUrl}/farmer?payout=simulated`,
  }),
});
