import type { ProviderTransaction } from '../domain/reports/reconciliation';
import type { PaymentProvider } from '../use-cases/ports';

/**
 * The built-in provider used when no Stripe key is configured, so the demo runs offline. It moves
 * no money. Its ids are derived from the idempotency keys, so it is idempotent the same way Stripe is.
 * Payments succeed only when the buyer calls POST /orders/:id/pay (the stand-in for Stripe's webhook).
 * It keeps its own ledger in memory (captures, refunds, transfers: one entry per id, as Stripe's balance
 * transactions), for the reconciliation; a restart forgets it, which the reconciliation then shows as missing.
 */
export const createSimulatedProvider = (clock: () => Date = () => new Date()): PaymentProvider => {
  const ledger = new Map<string, ProviderTransaction>();
  const record = (t: Omit<ProviderTransaction, 'at'>, at = clock()) => {
    if (!ledger.has(t.id)) ledger.set(t.id, { ...t, at: at.toISOString() });
  };
  return {
    name: 'simulated',
    // any method the market offers: the simulation pays them all alike
    createPayment: async ({ idempotencyKey }) => ({
      paymentId: `sim_${idempotencyKey}`,
      clientSecret: `sim_${idempotencyKey}_secret_simulated`,
    }),
    refund: async ({ idempotencyKey, amount }) => {
      const refundId = `sim_${idempotencyKey}`;
      record({ id: `txn_${refundId}`, kind: 'refund', ref: refundId, amount: amount.amount, currency: amount.currency });
      return { refundId };
    },
    transfer: async ({ idempotencyKey, amount }) => {
      const transferId = `sim_${idempotencyKey}`;
      record({ id: `txn_${transferId}`, kind: 'payout', ref: transferId, amount: amount.amount, currency: amount.currency });
      return { transferId };
    },
    recordCapture: ({ paymentId, amount, at }) =>
      record({ id: `txn_${paymentId}`, kind: 'payment', ref: paymentId, amount: amount.amount, currency: amount.currency }, at),
    balanceTransactions: async ({ from, to }) =>
      [...ledger.values()].filter((t) => t.at >= from.toISOString() && t.at < to.toISOString()),
  };
};
