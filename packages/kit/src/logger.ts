import { pino, type Logger } from 'pino';
import { traceLogFields } from './telemetry/log-fields';

export type { Logger };

/** Personal and payment data never reaches a log line. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["stripe-signature"]',
  '*.password',
  '*.token',
  '*.clientSecret',
  '*.client_secret',
  '*.email',
  '*.phone',
  '*.contactName',
  '*.recipientName',
  '*.address',
  '*.dropoff',
  '*.card',
  '*.payment_method',
];

export const createLogger = (service: string, level = 'info'): Logger =>
  pino({
    name: service,
    level,
    base: { service },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceLogFields,
  });
