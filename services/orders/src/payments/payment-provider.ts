import type { Money } from '@ftt/contracts';

/**
 * What the saga needs from a payment provider. Every call carries an idempotency key derived from
 * the order, so a call repeated after a crash or a timeout returns the first call's result instead
 * of charging, refunding or paying out twice.
 */
export interface PaymentProvider {
  readonly name: 'stripe' | 'simulated';
  createPayment(input: {
    orderId: string;
    amount: Money;
    idempotencyKey: string;
  }): Promise<{ paymentId: string; clientSecret: string }>;
  refund(input: { orderId: string; paymentId: string; amount: Money; idempotencyKey: string }): Promise<{ refundId: string }>;
  transfer(input: {
    orderId: string;
    farmId: string;
    amount: Money;
    destination: string;
    idempotencyKey: string;
  }): Promise<{ transferId: string }>;
}

/** The keys are part of the contract with the provider: the same order always yields the same key. */
export const idempotencyKeys = {
  payment: (orderId: string) => `pi-${orderId}`,
  refund: (orderId: string) => `re-${orderId}`,
  transfer: (orderId: string, farmId: string) => `tr-${orderId}-${farmId}`,
};
