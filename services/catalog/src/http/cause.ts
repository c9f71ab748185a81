import { randomUUID } from 'node:crypto';
import type { Cause } from '@ftt/kit';

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The request id becomes the correlation id of the events a request causes; a valid traceparent is carried on. */
export const causeOf = (input: { requestId: string; headers: Record<string, string | string[] | undefined> }): Cause => {
  const tp = input.headers.traceparent;
  return {
    correlationid: input.requestId || randomUUID(),
    traceparent: typeof tp === 'string' && TRACEPARENT.test(tp) ? tp : undefined,
  };
};
