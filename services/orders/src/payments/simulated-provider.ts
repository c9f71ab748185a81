import type { PaymentProvider } from '../use-cases/ports';

/**
 * The built-in provider used when no Stripe key is configured, so the demo runs offline. It moves
 * no money. Its ids are derived from the idempotency keys, so it is idempotent the same way Stripe is.
 * Payments succeed only when the buyer calls POST /orders/:id/pay (the stand-in for Stripe's webhook).
 */
export const createSimulatedProvider = (): PaymentProvider => ({
  name: 'simulated',
  // any method the market offers: the simulation pays them all alike
  createPayment: async ({ idempotencyKey }) => ({
    paymentId: `sim_${idempotencyKey}`,
    clientSecret: `sim_${idempotencyKey}_secret_simulated`,
  }),
  refund: async ({ idempotencyKey }) => ({ refundId: `sim_${idempotencyKey}` }),
  transfer: async ({ idempotencyKey }) => ({ transferId: `sim_${idempotencyKey}` }),
});
