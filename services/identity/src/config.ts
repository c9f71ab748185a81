import { smtpConfig } from '@ftt/kit/mail';
import { z } from 'zod';

const seconds = (def: number, max = 31_536_000) => z.coerce.number().int().min(1).max(max).default(def);

/**
 * identity's own variables (the kit adds the shared ones: PORT, MONGO_URL, KAFKA_BROKERS, AUTH_*), with the kit's SMTP
 * settings (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASSWORD, MAIL_FROM: packages/kit/src/mail/config.ts).
 */
export const configSchema = z.object({
  /**
   * better-auth's secret: signs session cookies and verification links and encrypts the token signing keys
   * stored in the database. No default; changing it signs everybody out and makes the stored keys unreadable.
   */
  BETTER_AUTH_SECRET: z.string().min(32, 'at least 32 characters'),
  /** Where identity is reached from outside (links in mails point here). */
  IDENTITY_URL: z.url().default('http://127.0.0.1:3006'),
  /** Lifetime of an access token: how long a revoked session or membership may still act. */
  ACCESS_TOKEN_TTL_SECONDS: seconds(600, 3600),
  /** Algorithm of the token signing keys. */
  SIGNING_ALG: z.enum(['EdDSA', 'ES256']).default('EdDSA'),
  /** A signing key signs this long; the next token is signed by a new key. The old one stays in the JWKS until its tokens expire. */
  SIGNING_KEY_ROTATION_SECONDS: seconds(30 * 86_400),
  /**
   * Multi-document transactions for better-auth's writes (a user and its account together). 'on' needs a server
   * that runs them (a replica set; SecantusDB: see the README's measurement).
   */
  AUTH_DB_TRANSACTIONS: z.enum(['on', 'off']).default('on'),
  /** Sign-in attempts per client address and window, then 429 with Retry-After. */
  SIGN_IN_MAX: z.coerce.number().int().min(1).max(10_000).default(5),
  /** The window of SIGN_IN_MAX. */
  SIGN_IN_WINDOW_SECONDS: seconds(60, 86_400),
  /** Sign-ups per client address and window. */
  SIGN_UP_MAX: z.coerce.number().int().min(1).max(10_000).default(5),
  /** The window of SIGN_UP_MAX. */
  SIGN_UP_WINDOW_SECONDS: seconds(600, 86_400),
  /** Password reset requests per client address and window (known and unknown emails count alike). */
  RESET_MAX: z.coerce.number().int().min(1).max(10_000).default(3),
  /** The window of RESET_MAX. */
  RESET_WINDOW_SECONDS: seconds(900, 86_400),
  /** How long a password reset link works (it works once). */
  RESET_TTL_SECONDS: seconds(3600, 86_400),
  /** How long an invitation to join a farm or partner can be accepted. */
  INVITE_TTL_SECONDS: seconds(7 * 86_400, 30 * 86_400),
  /** How long a verification link works. */
  VERIFICATION_TTL_SECONDS: seconds(86_400, 7 * 86_400),
  ...smtpConfig('FieldToTable <accounts@fieldtotable.test>'),
  /**
   * 'on': at start, the demo people (packages/kit/src/demo-users.ts) are made real accounts with the demo password,
   * their memberships and the demo operator's second factor. For scripts/dev.sh and the browser suites; refused with
   * NODE_ENV=production (a known password must never exist there).
   */
  DEMO_PEOPLE: z.enum(['on', 'off']).default('off'),
});
export type IdentityConfig = z.infer<typeof configSchema>;
