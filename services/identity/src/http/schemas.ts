import { Membership } from '@ftt/contracts';
import { z } from 'zod';

const Email = z.email().max(254);
/** Length bounds match better-auth's settings (accounts/better-auth.ts): a 400 naming the field, before it runs. */
const Password = z.string().min(10, 'at least 10 characters').max(128, 'at most 128 characters');

export const SignUpBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email: Email,
  password: Password,
  language: z.enum(['en', 'nl']).default('en'),
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
export const Verified = z.object({ verified: z.literal(true) });
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
