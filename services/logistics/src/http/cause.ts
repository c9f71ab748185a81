import type { Cause, HandlerInput } from '@ftt/kit';

/**
 * The cause of an HTTP call's events. No traceparent: the events carry the active span's, which is the
 * shipment's own trace when it has one (the command handler continues it and links to the request's span),
 * else the request's (a client's traceparent header is already its parent). Without an x-correlation-id the
 * correlation is the order id (use-cases/context.ts).
 */
export const causeOf = (
  headers: HandlerInput<unknown, unknown, unknown, unknown>['headers'],
  requestId: string,
): Cause => ({
  ...(typeof headers['x-correlation-id'] === 'string'
    ? { correlationid: headers['x-correlation-id'].slice(0, 100) }
    : {}),
  // The request id (echoed as x-request-id) ties the event to the HTTP call in the logs.
  ...(requestId ? { causationid: requestId } : {}),
});
