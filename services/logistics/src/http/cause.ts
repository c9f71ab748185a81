import type { HandlerInput } from '@ftt/kit';
import type { Cause } from '../use-cases/event-context';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Events caused by an HTTP call carry its trace context; the correlation id defaults to the order id later. */
export const causeOf = (
  headers: HandlerInput<unknown, unknown, unknown, unknown>['headers'],
  requestId: string,
): Cause => {
  const tp = headers.traceparent;
  return {
    correlationid:
      typeof headers['x-correlation-id'] === 'string' ? headers['x-correlation-id'].slice(0, 100) : '',
    ...(typeof tp === 'string' && TRACEPARENT.test(tp) ? { traceparent: tp } : {}),
    // The request id (echoed as x-request-id) ties the event to the HTTP call in the logs.
    ...(requestId ? { causationid: requestId } : {}),
  };
};
