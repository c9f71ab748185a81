import { z } from 'zod';
import { Id, IsoDateTime } from './common';

/**
 * CloudEvents 1.0 attributes plus our extensions. Extension names follow the CloudEvents rule
 * (lower-case alphanumerics only): traceparent (W3C), correlationid, causationid.
 */
export const EnvelopeAttributes = z.object({
  specversion: z.literal('1.0'),
  id: Id,
  source: z.string().min(1),
  type: z.string().min(1),
  time: IsoDateTime,
  subject: z.string().min(1).optional(),
  datacontenttype: z.literal('application/json'),
  traceparent: z
    .string()
    .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
    .optional(),
  correlationid: z.string().min(1),
  causationid: z.string().min(1).optional(),
});
export type EnvelopeAttributes = z.infer<typeof EnvelopeAttributes>;

export const Envelope = EnvelopeAttributes.extend({ data: z.unknown() });
export type Envelope<D = unknown> = EnvelopeAttributes & { data: D };
