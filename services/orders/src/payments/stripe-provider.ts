import Stripe from 'stripe';
import type { MoneyKind, ProviderTransaction } from '../domain/reports/reconciliation';
import type { PaymentProvider } from '../use-cases/ports';

export interface StripeSettings {
  secretKey: string;
  /** e.g. http://127.0.0.1:12111 (stripe-mock); unset means api.stripe.com. */
  apiBase?: string | undefined;
}

/** The stripe client speaks host/port/protocol, not a base URL. */
export const stripeHostOptions = (apiBase: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } => {
  if (!apiBase) return {};
  const base = new URL(apiBase);
  const protocol = base.protocol === 'https:' ? 'https' : 'http';
  return { host: base.hostname, port: base.port ? Number(base.port) : protocol === 'https' ? 443 : 80, protocol };
};

export const stripeClient = (s: StripeSettings): Stripe =>
  new Stripe(s.secretKey, {
    // Safe to retry: every mutating call carries an idempotency key.
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    ...stripeHostOptions(s.apiBase),
  });

const lower = (currency: string) => currency.toLowerCase();

/** Which of our money movements a balance transaction is (the rest are Stripe's own: fees, payouts to the bank). */
const KINDS: Record<string, MoneyKind> = {
  charge: 'payment',
  payment: 'payment',
  refund: 'refund',
  payment_refund: 'refund',
  transfer: 'payout',
};

type Source = { id?: string; payment_intent?: string | { id: string } | null } | string | null;

/**
 * A balance transaction in the reconciliation's words: a charge is known by its PaymentIntent (what our orders
 * record; its source is expanded to read it), a refund and a transfer by their own ids. Amounts are positive.
 */
export const toProviderTransaction = (bt: { id: string; type: string; amount: number; currency: string; created: number; source: Source }): ProviderTransaction => {
  const kind = KINDS[bt.type] ?? 'other';
  const source = bt.source;
  const sourceId = typeof source === 'string' ? source : (source?.id ?? '');
  const intent = typeof source === 'object' && source ? source.payment_intent : undefined;
  const ref = kind === 'payment' && intent ? (typeof intent === 'string' ? intent : intent.id) : sourceId;
  return {
    id: bt.id,
    kind,
    ref,
    amount: Math.abs(bt.amount),
    currency: bt.currency.toUpperCase(),
    at: new Date(bt.created * 1000).toISOString(),
  };
};

export const createStripeProvider = (stripe: Stripe): PaymentProvider => ({
  name: 'stripe',
  createPayment: async ({ orderId, amount, method, idempotencyKey }) => {
    const pi = await stripe.paymentIntents.create(
      {
        amount: amount.amount,
        currency: lower(amount.currency),
        metadata: { orderId },
        // Groups the charge with the farmers' transfers made from it (Stripe Connect "separate charges and transfers").
        transfer_group: orderId,
        // Only the method the buyer chose among the market's (card, alipay, wechat_pay are Stripe's type names too).
        allowed_payment_method_types: [method],
      },
      { idempotencyKey },
    );
    if (!pi.client_secret) throw new Error(`PaymentIntent ${pi.id} has no client secret`);
    return { paymentId: pi.id, clientSecret: pi.client_secret };
  },
  refund: async ({ orderId, paymentId, amount, idempotencyKey }) => {
    const refund = await stripe.refunds.create(
      { payment_intent: paymentId, amount: amount.amount, metadata: { orderId } },
      { idempotencyKey },
    );
    return { refundId: refund.id };
  },
  balanceTransactions: async ({ from, to }) => {
    const out: ProviderTransaction[] = [];
    // the library's auto-pagination follows `has_more` page by page (100 a page)
    for await (const bt of stripe.balanceTransactions.list({
      created: { gte: Math.floor(from.getTime() / 1000), lt: Math.ceil(to.getTime() / 1000) },
      limit: 100,
      expand: ['data.source'],
    }))
      out.push(toProviderTransaction(bt as Parameters<typeof toProviderTransaction>[0]));
    return out;
  },
  transfer: async ({ orderId, farmId, amount, destination, idempotencyKey }) => {
    const transfer = await stripe.transfers.create(
      {
        amount: amount.amount,
        currency: lower(amount.currency),
        destination,
        transfer_group: orderId,
        metadata: { orderId, farmId },
      },
      { idempotencyKey },
    );
    return { transferId: transfer.id };
  },
});

export interface VerifiedStripeEvent {
  id: string;
  type: string;
  /** The event's data.object, e.g. a PaymentIntent. */
  object: { id?: string; metadata?: Record<string, string> | null; last_payment_error?: { code?: string; message?: string } | null };
}

/**
 * Verifies a webhook exactly as Stripe prescribes (HMAC over the raw body, timestamp tolerance).
 * Throws on a missing or bad signature.
 */
export const verifyStripeWebhook = (stripe: Stripe, rawBody: Buffer, signature: string, secret: string): VerifiedStripeEvent => {
  const e = stripe.webhooks.constructEvent(rawBody, signature, secret);
  return { id: e.id, type: e.type, object: e.data.object as VerifiedStripeEvent['object'] };
};
