import { DomainError, type Api } from '@ftt/kit';
import type Stripe from 'stripe';
import { verifyStripeWebhook, type VerifiedStripeEvent } from '../payments/stripe-provider';
import type { Context } from '../use-cases/context';
import { handleStripeEvent } from '../use-cases/payment-results';
import { WebhookReply } from './schemas';

export interface StripeWebhookSettings {
  stripe: Stripe;
  secret: string;
}

/**
 * Stripe's webhook: the raw body is verified with the endpoint secret before anything is read from
 * it; a bad or missing signature is a 400 and changes nothing. Whatever verified is acknowledged,
 * even when ignored, so Stripe does not retry it forever.
 */
export const webhookRoutes = (api: Api, ctx: Context, stripe: StripeWebhookSettings | undefined): Api =>
  api.route({
    method: 'post',
    path: '/webhooks/stripe',
    summary: 'Stripe webhook (payment_intent.succeeded / payment_intent.payment_failed)',
    tags: ['payments'],
    auth: 'public',
    raw: true,
    headers: { 'Stripe-Signature': { required: true, description: "Stripe's HMAC signature of the raw body" } },
    response: WebhookReply,
    errors: [503],
    handler: async ({ headers, rawBody }) => {
      if (!stripe) throw new DomainError('webhook.unavailable', 'Stripe is not configured: payments use the simulated provider');
      const signature = headers['stripe-signature'];
      if (typeof signature !== 'string' || !rawBody?.length) {
        throw new DomainError('webhook.invalid', 'a Stripe-Signature header and a body are required', [
          { field: 'headers.stripe-signature', message: 'missing' },
        ]);
      }
      let event: VerifiedStripeEvent;
      try {
        event = verifyStripeWebhook(stripe.stripe, rawBody, signature, stripe.secret);
      } catch {
        ctx.log.warn('webhook signature rejected');
        throw new DomainError('webhook.invalid', 'the Stripe signature does not match the body', [
          { field: 'headers.stripe-signature', message: 'invalid signature' },
        ]);
      }
      return handleStripeEvent(ctx, event);
    },
  });
