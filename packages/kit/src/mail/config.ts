import { z } from 'zod';
import type { SmtpSettings } from './smtp-mailer';

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());

/**
 * The SMTP settings of a service that sends mail, declared once: a service spreads them into its config schema with
 * its own sender (`...smtpConfig('FieldToTable <accounts@fieldtotable.test>')`).
 */
export const smtpConfig = (defaultFrom: string) => ({
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
  MAIL_FROM: z.string().min(3).default(defaultFrom),
});

type SmtpConfig = z.infer<z.ZodObject<ReturnType<typeof smtpConfig>>>;

/** The mailer's settings from a parsed config that spread `smtpConfig`. */
export const smtpSettings = (c: SmtpConfig): SmtpSettings => ({
  host: c.SMTP_HOST,
  port: c.SMTP_PORT,
  secure: c.SMTP_SECURE,
  user: c.SMTP_USER,
  password: c.SMTP_PASSWORD,
  from: c.MAIL_FROM,
});
