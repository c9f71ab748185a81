import type { ReactNode } from 'react';
import type { Role } from '../auth/demo-users';
import { useSession } from '../auth/session';
import { Link, useLocation } from '../lib/router';
import { Page } from './page';

const WHO: Record<Role, string> = {
  buyer: 'a buyer',
  farmer: 'a farmer',
  logistics: 'a logistics partner',
  admin: 'an operator',
};

/** Screens for some places: a person whose memberships open one of them gets in (operators see everything). */
export const RequireRole = ({ roles, children }: { roles: Role[]; children: ReactNode }) => {
  const { session } = useSession();
  const { path } = useLocation();
  if (session && session.user.roles.some((r) => r === 'admin' || roles.includes(r))) return <>{children}</>;
  const who = roles.map((r) => WHO[r]).join(' or ');
  return (
    <Page title="Please sign in">
      <p>
        This page is for {who}.{' '}
        {session
          ? `You are signed in as ${session.user.name} (${session.user.role}).`
          : 'You are not signed in.'}
      </p>
      <p>
        <Link className="button" to={`/signin?next=${encodeURIComponent(path)}`}>
          Sign in as {who}
        </Link>
      </p>
    </Page>
  );
};
