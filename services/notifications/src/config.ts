import { smtpConfig } from '@ftt/kit/mail';
import { z } from 'zod';

const ms = (def: number) => z.coerce.number().int().positive().default(def);

/**
 * notifications' own variables (the kit adds the shared ones: PORT, MONGO_URL, KAFKA_BROKERS, AUTH_*), with the kit's
 * SMTP settings (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASSWORD, MAIL_FROM: packages/kit/src/mail/config.ts).
 */
export const configSchema = z.object({
  ...smtpConfig('FieldToTable <notifications@fieldtotable.test>'),
  /** Users without a profile email get `<sub>@EMAIL_DOMAIN` (there is no user directory). */
  EMAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain name')
    .default('users.fieldtotable.test'),
  /** Operators who hear of dead letters and stuck orders besides every admin with a profile (comma list of user ids). */
  OPERATOR_IDS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  /** New orders (farmers), open shipments (partners) and dead letters (operators) are gathered this long into one digest. */
  DIGEST_WINDOW_MS: ms(15 * 60_000),
  /** How long an order confirmation waits for its tracking codes before it goes out without them. */
  TRACKING_WAIT_MS: ms(120_000),
  /** How long a notice waits for its recipient to become known (out-of-order topics) before it is given up. */
  RESOLVE_GIVE_UP_MS: ms(24 * 3_600_000),
  /** An order not ended this long after it was placed is reported to operators as stuck. */
  STUCK_ORDER_AFTER_MS: ms(7 * 24 * 3_600_000),
  /** How often pending mails are looked for (creating one also sends at once). */
  SEND_INTERVAL_MS: ms(2000),
  /** Backoff of a failed send: doubles from the base up to the max, then stays there until the server is back. */
  SEND_RETRY_BASE_MS: ms(1000),
  /** The longest wait between two attempts of a failed send. */
  SEND_RETRY_MAX_MS: ms(60_000),
});
export type NotificationsConfig = z.infer<typeof configSchema>;
