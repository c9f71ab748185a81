import type { HandlerInput } from '@ftt/kit';
import type { Cause } from '../use-cases/event-context';

/**
 * The cause of an HTTP call's events. No traceparent: the events carry the active span's, which is the
 * shipment's own trace when it has one (shipment steps continue it and link to the request's span), else the
 * request's (a client's traceparent header is already its parent). The correlation id defaults to the order id later.
 */
export const causeOf = (
  headers: HandlerInput<unknown, unknown, unknown, unknown>['headers'],
  requestId: string,
): Cause => {
  return {
    correlationid:
      typeof headers['x-correlation-id'] === 'string' ? headers['x-correlation-id'].slice(0, 100) : '',
    // The request id (echoed as x-request-id) ties the event to the HTTP call in the logs.
    ...(requestId ? { causationid: requestId } : {}),
  };
};
