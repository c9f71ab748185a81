import type { ReactNode } from 'react';
import { lazyScreen } from '../../lib/lazy-screen';

// each screen is a chunk of its own, loaded when first shown (app.tsx)
const AccountScreen = lazyScreen(() => import('./account'), 'AccountScreen');
const ForgotScreen = lazyScreen(() => import('./forgot'), 'ForgotScreen');
const ResetScreen = lazyScreen(() => import('./reset'), 'ResetScreen');
const SignUpScreen = lazyScreen(() => import('./sign-up'), 'SignUpScreen');
const VerifyScreen = lazyScreen(() => import('./verify'), 'VerifyScreen');

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
