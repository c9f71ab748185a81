import { request } from './client';
import type {
  AccountChange,
  AccountSessions,
  AccountState,
  CheckYourMail,
  SecondFactorPassed,
  SignedIn,
  SignIn,
  SignUp,
  TotpEnrolment,
  Verified,
} from './types';

/**
 * identity's account routes, behind the proxy at /api/identity. They keep better-auth's own paths (/api/auth/...) and
 * work on the session cookie identity sets on this origin: no bearer token is needed (one that is sent is ignored).
 * The types are generated from identity's OpenAPI document (`pnpm gen:api`).
 */
const auth = <T>(path: string, o: Parameters<typeof request>[2] = {}) =>
  request<T>('identity', `/api/auth${path}`, o);
const post = <T>(path: string, body: unknown = {}) => auth<T>(path, { method: 'POST', body });

export const identity = {
  /** The account this browser is signed in to, or `account: null` (a 200 either way). */
  session: () => auth<AccountState>('/get-session'),
  signUp: (b: SignUp) => post<CheckYourMail>('/sign-up/email', b),
  verifyEmail: (token: string) => auth<Verified>('/verify-email', { query: { token } }),
  resendVerification: (email: string) => post<CheckYourMail>('/send-verification-email', { email }),
  signIn: (b: SignIn) => post<SignedIn>('/sign-in/email', b),
  /** The code from the authenticator app: completes an enrolment, or a sign-in that asked for it. */
  verifyTotp: (code: string) => post<SecondFactorPassed>('/two-factor/verify-totp', { code }),
  signOut: () => post<void>('/sign-out'),
  requestReset: (email: string) => post<CheckYourMail>('/request-password-reset', { email }),
  resetPassword: (token: string, newPassword: string) =>
    post<void>('/reset-password', { token, newPassword }),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<void>('/change-password', { currentPassword, newPassword }),
  changeEmail: (newEmail: string) => post<CheckYourMail>('/change-email', { newEmail }),
  updateAccount: (change: AccountChange) => post<void>('/update-user', change),
  enableTotp: (password: string) => post<TotpEnrolment>('/two-factor/enable', { password }),
  disableTotp: (password: string) => post<void>('/two-factor/disable', { password }),
  sessions: () => auth<AccountSessions>('/list-sessions'),
  revokeSession: (id: string) => post<void>('/revoke-session', { id }),
  revokeSessions: () => post<void>('/revoke-sessions'),
  /** What identity holds about me (account, sign-in methods, sessions, memberships), as JSON to download. */
  exportMine: () => auth<Record<string, unknown>>('/export'),
  /** Deletes my account (the password is needed); the other services forget me, orders stay without my details. */
  deleteAccount: (password: string) => post<void>('/delete-user', { password }),
};
