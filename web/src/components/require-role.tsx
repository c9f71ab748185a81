import type { ReactNode } from 'react';
import type { Role } from '../auth/demo-users';
import { useSession } from '../auth/session';
import { Link, useLocation } from '../lib/router';
import { Page } from './page';
import { intl, t, type MessageId } from '../i18n';
import { enumText } from '../lib/format';

const WHO: Record<Role, MessageId> = {
  buyer: 'role.aBuyer',
  farmer: 'role.aFarmer',
  logistics: 'role.aPartner',
  admin: 'role.anOperator',
};

/** Screens for some places: a person whose memberships open one of them gets in (operators see everything). */
export const RequireRole = ({ roles, children }: { roles: Role[]; children: ReactNode }) => {
  const { session } = useSession();
  const { path } = useLocation();
  if (session && session.user.roles.some((r) => r === 'admin' || roles.includes(r))) return <>{children}</>;
  const who = intl().formatList(
    roles.map((r) => t(WHO[r])),
    { type: 'disjunction' },
  );
  return (
    <Page title={t('role.title')}>
      <p>
        {t('role.forWho', { who })}{' '}
        {session
          ? t('role.signedInAs', { name: session.user.name, role: enumText('role', session.user.role) })
          : t('role.notSignedIn')}
      </p>
      <p>
        <Link className="button" to={`/signin?next=${encodeURIComponent(path)}`}>
          {t('role.signInAs', { who })}
        </Link>
      </p>
    </Page>
  );
};
