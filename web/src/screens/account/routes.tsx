import type { ReactNode } from 'react';
import { AccountScreen } from './account';
import { ForgotScreen } from './forgot';
import { ResetScreen } from './reset';
import { SignUpScreen } from './sign-up';
import { VerifyScreen } from './verify';

/** A person's own account at identity: open to everyone (the account page asks a signed-out visitor to sign in). */
export const accountRoutes: {
  path: string;
  render: (p: Record<string, string>, q: URLSearchParams) => ReactNode;
}[] = [
  { path: '/signup', render: () => <SignUpScreen /> },
  { path: '/verify', render: (_, q) => <VerifyScreen token={q.get('token')} /> },
  { path: '/forgot', render: () => <ForgotScreen /> },
  { path: '/reset', render: (_, q) => <ResetScreen token={q.get('token')} /> },
  { path: '/account', render: () => <AccountScreen /> },
];
