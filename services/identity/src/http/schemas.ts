import { Membership } from '@ftt/contracts';
import { nameSchemas } from '@ftt/kit';
import { z } from 'zod';

const Email = z.email().max(254);
/** Length bounds match better-auth's settings (accounts/better-auth.ts): a 400 naming the field, before it runs. */
const Password = z.string().min(10, 'at least 10 characters').max(128, 'at most 128 characters');

const Name = z.string().trim().min(1).max(100);
/**
 * The person's language: the web app's words follow it (en, nl, zh: Simplified Chinese, zh-CN in the app); mails are
 * written in English or Dutch (Chinese mails come with the notifications' catalogs, issue #31).
 */
export const Language = z.enum(['en', 'nl', 'zh']);

export const SignUpBody = z.strictObject({
  name: Name,
  email: Email,
  password: Password,
  language: Language.default('en'),
});

export const SignInBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(128),
});

export const RequestResetBody = z.strictObject({ email: Email });
export const ResetBody = z.strictObject({ token: z.string().min(10).max(200), newPassword: Password });
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: Password,
});
export const ChangeEmailBody = z.strictObject({ newEmail: Email });
export const EnableTotpBody = z.strictObject({ password: z.string().min(1).max(128) });
export const TotpCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') });

export const VerifyQuery = z.strictObject({ token: z.string().min(10).max(4096) });
export const ResendVerificationBody = z.strictObject({ email: Email });
export const RevokeSessionBody = z.strictObject({ id: z.string().min(1).max(64) });
export const DisableTotpBody = z.strictObject({ password: z.string().min(1).max(128) });
export const AccountChangeBody = z
  .strictObject({ name: Name.optional(), language: Language.optional() })
  .refine((b) => b.name !== undefined || b.language !== undefined, {
    message: 'name or language is needed',
    path: ['name'],
  });

export const PersonParams = z.strictObject({ personId: z.string().min(1).max(64) });
export const MembershipBody = z.strictObject({ membership: Membership });

export const SignUpAccepted = z.object({ status: z.literal('check-your-mail') });
export const SignedIn = z.union([
  z.object({ personId: z.string() }),
  /** The password was right; the code from the authenticator app comes next (POST /api/auth/two-factor/verify-totp). */
  z.object({ secondFactorRequired: z.literal(true) }),
]);
export const TotpEnrolment = z.object({ totpURI: z.string(), backupCodes: z.array(z.string()) });
export const SecondFactorPassed = z.object({ personId: z.string(), secondFactor: z.literal('totp') });
export const Verified = z.object({
  verified: z.literal(true),
  /** What the link confirmed: a new account's address, or the new address of an account (now its email). */
  purpose: z.enum(['sign-up', 'email-change']),
});
export const AccessToken = z.object({ token: z.string(), expiresInSeconds: z.number().int() });
export const SessionView = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const SessionList = z.object({ sessions: z.array(SessionView) });
export const PersonView = z.object({ personId: z.string(), memberships: z.array(Membership) });
export const MeView = PersonView.extend({
  /** An operator without a second factor: the operator membership counts once one is enrolled. */
  secondFactorNeeded: z.boolean(),
});
export const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

/** A membership as replies show it (named apart from the request bodies that take one: zod's input and output differ). */
export const MembershipView = Membership.meta({ id: 'Membership' });

/** The signed-in person's account as the account page shows it; `account: null` when this browser has no session. */
export const AccountView = z.object({
  personId: z.string(),
  name: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  language: Language,
  /** A verified authenticator app (TOTP). */
  secondFactor: z.boolean(),
  /** An operator without a second factor: the operator membership counts once one is enrolled. */
  secondFactorNeeded: z.boolean(),
  /** What the person may do now, as their access tokens carry it. */
  memberships: z.array(MembershipView),
  createdAt: z.string(),
});
export const AccountState = z.object({ account: AccountView.nullable() });

nameSchemas({
  AccountLanguage: Language,
  SignUp: SignUpBody,
  SignIn: SignInBody,
  SignedIn,
  CheckYourMail: SignUpAccepted,
  Verified,
  VerificationResend: ResendVerificationBody,
  PasswordResetRequest: RequestResetBody,
  PasswordReset: ResetBody,
  PasswordChange: ChangePasswordBody,
  EmailChange: ChangeEmailBody,
  AccountChange: AccountChangeBody,
  TotpEnable: EnableTotpBody,
  TotpDisable: DisableTotpBody,
  TotpCode: TotpCodeBody,
  TotpEnrolment,
  SecondFactorPassed,
  AccountSession: SessionView,
  SessionRevoke: RevokeSessionBody,
  AccountSessions: SessionList,
  Account: AccountView,
  AccountState,
});
