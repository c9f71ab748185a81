import type { Logger } from '@ftt/kit';
import { betterAuth } from 'better-auth';
import { mongodbAdapter } from 'better-auth/adapters/mongodb';
import { jwt, type Jwk } from 'better-auth/plugins/jwt';
import { twoFactor } from 'better-auth/plugins/two-factor';
import { decodeJwt } from 'jose';
import type { Db, MongoClient } from 'mongodb';
import type { Membership } from '../domain/person';
import type { OutgoingMail } from '@ftt/kit/mail';
import { resetMail } from '../mail/reset-mail';
import { verificationMail } from '../mail/verification-mail';

/** The client's address travels to better-auth in this header, set by http/forward.ts only (never the client's). */
export const CLIENT_IP_HEADER = 'x-ftt-client-ip';
export const AUTH_BASE_PATH = '/api/auth';

export interface AccountSettings {
  secret: string;
  baseUrl: string;
  appUrl: string;
  transactions: boolean;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  signingAlg: 'EdDSA' | 'ES256';
  rotationSeconds: number;
  signIn: { max: number; windowSeconds: number };
  signUp: { max: number; windowSeconds: number };
  verificationTtlSeconds: number;
  reset: { max: number; windowSeconds: number; ttlSeconds: number };
}

export interface AccountPorts {
  db: Db;
  client: MongoClient;
  log: Logger;
  send: (mail: OutgoingMail) => Promise<void>;
  /** A new account became a person (the people topic announces it). */
  /** A new account: the person is registered and announced with where mails to them go. */
  registered: (personId: string, language: string, contact: { email: string; name: string }) => Promise<void>;
  /**
   * The person is deleting their account (before better-auth deletes the user, its sessions and accounts): the
   * person's erasure and person.erased.v1 are written first, so a failure here leaves the account as it was.
   */
  erasing: (personId: string) => Promise<void>;
  /** After the deletion: what better-auth's plugins keep besides (the second factor, pending reset links). */
  erased: (personId: string) => Promise<void>;
  /** What the token says the person may do (an operator without a second factor is not one yet). */
  membershipsOf: (
    personId: string,
    language: string,
    account: { secondFactor: boolean },
  ) => Promise<Membership[]>;
  /** The newest signing keys (an indexed read; the plugin's own read takes the whole collection). */
  signingKeys: () => Promise<Jwk[]>;
}

/**
 * better-auth does accounts (scrypt password hashes, sessions, verification links, rate limits) in its own
 * collections; its JWT plugin keeps the signing keys (encrypted with the secret) in `jwks` and signs the access
 * tokens the other services verify. Only what FieldToTable adds is here: the token's claims, the mail, the limits.
 */
export const createAccounts = (s: AccountSettings, p: AccountPorts) =>
  betterAuth({
    appName: 'FieldToTable',
    baseURL: s.baseUrl,
    basePath: AUTH_BASE_PATH,
    secret: s.secret,
    database: mongodbAdapter(p.db, { client: p.client, transaction: s.transactions }),
    trustedOrigins: [s.appUrl],
    telemetry: { enabled: false },
    // better-auth's info lines carry email addresses: only its warnings and errors reach our (personal-data-free) log.
    logger: {
      level: 'warn',
      log: (level, message, ...args) => {
        const err = args.find((a): a is Error => a instanceof Error);
        if (level === 'error') p.log.error({ err }, message);
        else p.log.warn({ err }, message);
      },
    },
    user: {
      additionalFields: {
        language: { type: 'string', required: false, defaultValue: 'en', input: true },
      },
      // Without a confirmation step to the old address, the link goes to the new one, and the email changes only
      // when that link is used (better-auth's 'change-email-verification').
      changeEmail: { enabled: true },
      // POST /delete-user with the password (http/your-data-routes.ts): the person's erasure is written first, then
      // better-auth deletes the user, its accounts and its sessions in one transaction.
      deleteUser: {
        enabled: true,
        beforeDelete: async (user) => {
          await p.erasing(user.id);
        },
        afterDelete: async (user) => {
          await p.erased(user.id);
        },
      },
    },
    emailAndPassword: {
      enabled: true,
      // Also makes sign-up answer an existing email exactly like a new one (no account enumeration).
      requireEmailVerification: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      resetPasswordTokenExpiresIn: s.reset.ttlSeconds,
      // A reset is what a person does when someone else may know the password: every session ends.
      revokeSessionsOnPasswordReset: true,
      // better-auth keeps the token as a row that the reset consumes (single use) and that expires.
      sendResetPassword: async ({ user, token }) => {
        const language = (user as { language?: string }).language ?? 'en';
        const link = `${s.appUrl}/reset?token=${encodeURIComponent(token)}`;
        await p.send(resetMail({ email: user.email, name: user.name, language }, link, s.reset.ttlSeconds));
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      expiresIn: s.verificationTtlSeconds,
      sendVerificationEmail: async ({ user, token }) => {
        const language = (user as { language?: string }).language ?? 'en';
        // The web app's page, which confirms through GET /api/auth/verify-email (the route takes the token alone;
        // better-auth's own link carries a callbackURL for its redirects) and says what happened.
        const link = `${s.appUrl}/verify?token=${token}`;
        const changing = decodeJwt(token).requestType === 'change-email-verification';
        await p.send(verificationMail({ email: user.email, name: user.name, language }, link, changing));
      },
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            const language = (user as { language?: string }).language ?? 'en';
            await p.registered(user.id, language, { email: user.email, name: user.name });
          },
        },
      },
    },
    rateLimit: {
      enabled: true,
      // In the database, so every instance of identity counts the same attempts.
      storage: 'database',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: s.signIn.windowSeconds, max: s.signIn.max },
        '/sign-up/email': { window: s.signUp.windowSeconds, max: s.signUp.max },
        '/send-verification-email': { window: s.signUp.windowSeconds, max: s.signUp.max },
        '/request-password-reset': { window: s.reset.windowSeconds, max: s.reset.max },
      },
    },
    advanced: {
      // better-auth leaves its Origin check (CSRF) off under NODE_ENV=test by default: on always, so the tests run
      // what production runs (a cookie-carrying POST from an origin other than APP_URL's or identity's is refused).
      disableOriginCheck: false,
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      // Mail is sent after the answer, so a new and a known email take the same time to answer.
      backgroundTasks: {
        handler: (task) => {
          void Promise.resolve(task).catch((err: unknown) =>
            p.log.error({ err }, 'background task of accounts failed'),
          );
        },
      },
    },
    plugins: [
      // TOTP (an authenticator app); the plugin limits /two-factor/* to 3 tries per 10 s per client and locks a
      // sign-in challenge after 5 wrong codes.
      twoFactor({ issuer: 'FieldToTable' }),
      jwt({
        jwks: {
          keyPairConfig: s.signingAlg === 'EdDSA' ? { alg: 'EdDSA', crv: 'Ed25519' } : { alg: 'ES256' },
          rotationInterval: s.rotationSeconds,
          // A key that stopped signing stays published until the last token it signed has expired (plus skew).
          gracePeriod: s.accessTokenTtlSeconds + 60,
        },
        jwt: {
          issuer: s.issuer,
          audience: s.audience,
          expirationTime: `${s.accessTokenTtlSeconds}s`,
          // sid: identity refuses a token whose session has ended (http/session-bearer.ts).
          // name: what the services show of the person acting (the audit's "by"); no email.
          definePayload: async ({ user, session }) => ({
            sid: session.id,
            name: user.name,
            memberships: await p.membershipsOf(user.id, (user as { language?: string }).language ?? 'en', {
              secondFactor: (user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled === true,
            }),
          }),
        },
        adapter: { getJwks: () => p.signingKeys() },
        disableSettingJwtHeader: true,
      }),
    ],
  });

export type Accounts = ReturnType<typeof createAccounts>;
