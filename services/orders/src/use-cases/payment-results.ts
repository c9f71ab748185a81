import { randomUUID } from 'node:crypto';
import { DomainError, reject, type Cause, type CommandResult, type Principal } from '@ftt/kit';
import { asRequest, type Order } from '../domain/order';
import { paymentFailed, paymentSucceeded } from '../domain/payment';
import type { VerifiedStripeEvent } from '../payments/stripe-provider';
import { onOrder, type Context } from './context';
import { loadVisible } from './queries';
import { settledAfter } from './settle';

export interface PaymentResult {
  orderId: string;
  paymentId: string;
  outcome: 'succeeded' | 'failed';
  reason?: string | undefined;
  /** The provider's event id: recorded with the effect, so a redelivered webhook changes nothing. */
  eventId: string;
}

/**
 * The one use case for a payment's outcome, whether Stripe's webhook or the simulated provider
 * reports it: success confirms the order (or refunds a late payment), failure lets the buyer retry.
 * A result that does not apply (late, foreign, a second success) is ignored, unless the buyer asked
 * for it (`byBuyer`, the simulated "pay"): then it is refused.
 */
export const recordPaymentResult = async (
  ctx: Context,
  r: PaymentResult,
  cause: Cause = {},
  byBuyer = false,
): Promise<CommandResult<Order>> => {
  if (r.outcome === 'succeeded') ctx.fault('crash-before-payment-recorded');
  const done = await ctx.handleOrder(
    r.orderId,
    onOrder(r.orderId, (o, now) => {
      const outcome =
        r.outcome === 'succeeded'
          ? paymentSucceeded(o, { paymentId: r.paymentId, settings: ctx.settings }, now)
          : paymentFailed(o, { paymentId: r.paymentId, reason: r.reason ?? 'payment failed' }, now);
      if (!byBuyer) return outcome;
      // A buyer pays only what awaits payment: a cancelled or expired order is refused and charged nothing.
      if (o.state !== 'awaiting_payment') return reject('order.invalid_transition', `order ${o.orderId} is ${o.state}; there is nothing to pay`);
      return asRequest(outcome);
    }),
    { ...cause, processedEventId: r.eventId },
  );
  if (done.result === 'written') {
    ctx.log.info({ orderId: r.orderId, paymentId: r.paymentId, outcome: r.outcome, state: done.state.state }, 'payment result recorded');
  }
  return settledAfter(ctx, done);
};

export type WebhookOutcome = { received: true; applied: boolean; ignored?: string };

const PAYMENT_EVENTS: Record<string, PaymentResult['outcome']> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
};

/**
 * A verified Stripe event. Anything we cannot or need not act on is acknowledged (200) and ignored,
 * so Stripe stops retrying it: unknown types, foreign PaymentIntents, duplicates, late results.
 */
export const handleStripeEvent = async (ctx: Context, e: VerifiedStripeEvent): Promise<WebhookOutcome> => {
  const outcome = PAYMENT_EVENTS[e.type];
  if (!outcome) return { received: true, applied: false, ignored: `event type ${e.type} is not handled` };
  const orderId = e.object.metadata?.orderId;
  if (!orderId || !e.object.id) return { received: true, applied: false, ignored: 'no orderId in the PaymentIntent metadata' };
  const reason = e.object.last_payment_error?.code ?? e.object.last_payment_error?.message;
  const done = await recordPaymentResult(ctx, { orderId, paymentId: e.object.id, outcome, reason, eventId: e.id }, { causationid: e.id });
  if (done.result === 'duplicate') return { received: true, applied: false, ignored: 'duplicate event' };
  if (done.result === 'ignored') {
    ctx.log.info({ orderId, eventId: e.id, type: e.type, why: done.reason }, 'webhook ignored');
    return { received: true, applied: false, ignored: done.reason };
  }
  return { received: true, applied: true };
};

/** How long a request for an order's payment waits while the order is still pending (stock being reserved). */
export const PAYMENT_WAIT_MS = 2000;
/**
 * Besides being woken, a waiting request looks once a second (another instance may have written the payment). Not
 * more often: when orders lags, hundreds of buyers may be waiting, and frequent looks were load that kept it behind.
 */
const LOOK_MS = 1000;

/**
 * The order's payment. While the order is still pending (catalog's answer on its way) the request waits up to
 * PAYMENT_WAIT_MS for it, woken by this process's write or its own look every LOOK_MS; then 409 as before.
 */
const requirePayment = async (ctx: Context, viewer: Principal, orderId: string) => {
  const until = Date.now() + PAYMENT_WAIT_MS;
  for (let look = 0; ; look++) {
    // Listening before the look: a write between the look and the wait must still wake this request.
    const ready = ctx.paymentReady.listen(orderId);
    try {
      const loaded = await loadVisible(ctx, viewer, orderId);
      const order = loaded.state;
      if (order.payment) return { loaded, order, payment: order.payment };
      const left = until - Date.now();
      if (order.state !== 'pending' || left <= 0) {
        throw new DomainError('order.invalid_transition', `order ${orderId} has no payment yet (state ${order.state}); stock is still being reserved`);
      }
      await ready.wait(Math.min(LOOK_MS, left));
    } finally {
      ready.close();
    }
  }
};

/** POST /orders/:id/payment: what the buyer's browser needs to (re)try paying. */
export const paymentDetails = async (ctx: Context, viewer: Principal, orderId: string) => {
  const { order, payment } = await requirePayment(ctx, viewer, orderId);
  if (order.state !== 'awaiting_payment') {
    throw new DomainError('order.invalid_transition', `order ${orderId} is ${order.state}; there is nothing to pay`);
  }
  return {
    orderId,
    provider: payment.provider,
    paymentId: payment.paymentId,
    clientSecret: payment.clientSecret,
    amount: payment.amount,
    expiresAt: order.expiresAt,
  };
};

/**
 * POST /orders/:id/pay, only with the simulated provider: the buyer "pays" and the result goes
 * through exactly the use case a Stripe webhook goes through.
 */
export const simulatePayment = async (ctx: Context, viewer: Principal, orderId: string, outcome: PaymentResult['outcome']) => {
  const { payment } = await requirePayment(ctx, viewer, orderId);
  if (ctx.provider.name !== 'simulated') {
    throw new DomainError('payment.conflict', `payments go through ${ctx.provider.name}; simulated payments are disabled`);
  }
  // One success per payment (a repeated "pay" is a duplicate); every failure is a new attempt.
  const eventId = outcome === 'succeeded' ? `simulated:${payment.paymentId}:succeeded` : `simulated:${randomUUID()}`;
  const done = await recordPaymentResult(ctx, { orderId, paymentId: payment.paymentId, outcome, reason: 'simulated decline', eventId }, {}, true);
  const paid = done.state?.payment;
  if (paid?.status === 'succeeded' && paid.paymentId === payment.paymentId)
    ctx.provider.recordCapture?.({ paymentId: paid.paymentId, amount: paid.amount, at: new Date(paid.succeededAt ?? ctx.clock()) });
  return done.state!;
};
