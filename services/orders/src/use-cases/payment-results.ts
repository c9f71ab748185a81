import { randomUUID } from 'node:crypto';
import { DomainError, isDomainErrorWith } from '../domain/errors';
import { paymentFailed, paymentSucceeded } from '../domain/payment';
import type { VerifiedStripeEvent } from '../payments/stripe-provider';
import { changeOrder, loadVisibleOrder, type Cause, type Change, type Deps, type Viewer } from './context';
import { settleIfOwed } from './settle';

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
 */
export const recordPaymentResult = async (deps: Deps, r: PaymentResult, cause: Cause = {}): Promise<Change | null> => {
  if (r.outcome === 'succeeded') deps.fault('crash-before-payment-recorded');
  const change = await changeOrder(
    deps,
    r.orderId,
    (o, now) =>
      r.outcome === 'succeeded'
        ? paymentSucceeded(o, r.paymentId, deps.settings, now)
        : paymentFailed(o, r.paymentId, r.reason ?? 'payment failed', now),
    { ...cause, processedEventId: r.eventId },
  );
  if (change?.result === 'written') {
    deps.log.info({ orderId: r.orderId, paymentId: r.paymentId, outcome: r.outcome, state: change.order.state }, 'payment result recorded');
    await settleIfOwed(deps, change.order);
  }
  return change;
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
export const handleStripeEvent = async (deps: Deps, e: VerifiedStripeEvent): Promise<WebhookOutcome> => {
  const outcome = PAYMENT_EVENTS[e.type];
  if (!outcome) return { received: true, applied: false, ignored: `event type ${e.type} is not handled` };
  const orderId = e.object.metadata?.orderId;
  if (!orderId || !e.object.id) return { received: true, applied: false, ignored: 'no orderId in the PaymentIntent metadata' };
  const reason = e.object.last_payment_error?.code ?? e.object.last_payment_error?.message;
  try {
    const change = await recordPaymentResult(deps, { orderId, paymentId: e.object.id, outcome, reason, eventId: e.id }, { causationid: e.id });
    if (!change) return { received: true, applied: false, ignored: `unknown order ${orderId}` };
    if (change.result === 'duplicate') return { received: true, applied: false, ignored: 'duplicate event' };
    return { received: true, applied: change.result === 'written' };
  } catch (err) {
    if (isDomainErrorWith(err, 'invalid_transition') || isDomainErrorWith(err, 'unprocessable')) {
      deps.log.info({ orderId, eventId: e.id, type: e.type, why: (err as Error).message }, 'webhook ignored');
      return { received: true, applied: false, ignored: (err as Error).message };
    }
    throw err;
  }
};

const requirePayment = async (deps: Deps, viewer: Viewer, orderId: string) => {
  const order = await loadVisibleOrder(deps, viewer, orderId);
  if (!order.payment) {
    throw new DomainError('order.invalid_transition', `order ${orderId} has no payment yet (state ${order.state}); stock is still being reserved`);
  }
  return { order, payment: order.payment };
};

/** POST /orders/:id/payment: what the buyer's browser needs to (re)try paying. */
export const paymentDetails = async (deps: Deps, viewer: Viewer, orderId: string) => {
  const { order, payment } = await requirePayment(deps, viewer, orderId);
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
export const simulatePayment = async (deps: Deps, viewer: Viewer, orderId: string, outcome: PaymentResult['outcome']) => {
  const { payment } = await requirePayment(deps, viewer, orderId);
  if (deps.provider.name !== 'simulated') {
    throw new DomainError('payment.conflict', `payments go through ${deps.provider.name}; simulated payments are disabled`);
  }
  // One success per payment (a repeated "pay" is a duplicate); every failure is a new attempt.
  const eventId = outcome === 'succeeded' ? `simulated:${payment.paymentId}:succeeded` : `simulated:${randomUUID()}`;
  const change = await recordPaymentResult(deps, { orderId, paymentId: payment.paymentId, outcome, reason: 'simulated decline', eventId });
  return change!.order;
};
