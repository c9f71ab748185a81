import { z } from 'zod';

const ms = (def: number) => z.coerce.number().int().positive().default(def);
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());

/** notifications' own variables (the kit adds the shared ones: PORT, MONGO_URL, KAFKA_BROKERS, AUTH_*). */
export const configSchema = z.object({
  /** The SMTP server mail goes to: mailpit from scripts/servers-up.sh in development, a relay in production. */
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** The SMTP port (mailpit listens on 1025). */
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  /** 'true': TLS from the first byte (port 465). Otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** SMTP login, when the server asks for one. */
  SMTP_USER: optionalText,
  /** SMTP password, with SMTP_USER. */
  SMTP_PASSWORD: optionalText,
  /** The sender of every mail. */
  MAIL_FROM: z.string().min(3).default('FieldToTable <notifications@fieldtotable.test>'),
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
