import type { ReactNode } from 'react';
import { useSession } from '../auth/session';
import { useCart } from '../lib/cart';
import { useIdentity } from '../lib/identity-session';
import { AccountMenu } from './account-menu';
import { Bell } from './bell';
import { Link, navigate, useLocation } from '../lib/router';
import type { Role } from '../auth/demo-users';
import { t, type MessageId } from '../i18n';
import { LanguageSwitch } from './language-switch';
import { OutboxCount } from '../offline/outbox-count';

const NAV: Record<Role | 'guest', { to: string; label: MessageId }[]> = {
  guest: [
    { to: '/', label: 'nav.browse' },
    { to: '/track', label: 'nav.trackParcel' },
  ],
  buyer: [
    { to: '/', label: 'nav.browse' },
    { to: '/orders', label: 'nav.myOrders' },
    { to: '/track', label: 'nav.track' },
  ],
  farmer: [
    { to: '/farmer', label: 'nav.myFarm' },
    { to: '/farmer/orders', label: 'nav.ordersToPack' },
    { to: '/farmer/packing', label: 'nav.packingByDay' },
    { to: '/farmer/payouts', label: 'nav.payouts' },
  ],
  logistics: [
    { to: '/partner', label: 'nav.shipments' },
    { to: '/partner/runs', label: 'nav.runs' },
    { to: '/partner/loggers', label: 'nav.loggers' },
    { to: '/track', label: 'nav.track' },
  ],
  admin: [
    { to: '/admin', label: 'nav.backOffice' },
    { to: '/admin/orders', label: 'nav.orders' },
    { to: '/admin/dead-letters', label: 'nav.deadLetters' },
  ],
};

export const Layout = ({ children }: { children: ReactNode }) => {
  const { session, signOut } = useSession();
  const person = useIdentity();
  const { count } = useCart();
  const { path } = useLocation();
  const role = session?.user.role ?? 'guest';
  const showCart = role === 'guest' || role === 'buyer';
  // a farm's packer has no payouts to see (the permission table: payouts are the owners')
  const packerOnly =
    role === 'farmer' && !session?.user.memberships.some((m) => m.kind === 'farm' && m.role === 'owner');
  const nav = NAV[role].filter((n) => !(packerOnly && n.to === '/farmer/payouts'));
  // The most specific matching entry is the current one (/farmer/payouts is Payouts, not My farm).
  const matches = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  const currentTo = nav
    .map((n) => n.to)
    .filter(matches)
    .sort((a, b) => b.length - a.length)[0];
  const current = (to: string) => to === currentTo;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <svg
            className="logo"
            viewBox="0 0 32 32"
            width="28"
            height="28"
            aria-hidden="true"
            focusable="false"
          >
            <rect width="32" height="32" rx="6" fill="#d9f2c4" />
            <path d="M16 25c0-7 3-12 9-14-1 7-4 11-9 14zm0 0c0-6-3-10-8-12 1 6 3 10 8 12z" fill="#1f5130" />
          </svg>{' '}
          FieldToTable
        </Link>
        <nav aria-label={t('shell.mainNav')}>
          <ul>
            {nav.map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={current(n.to) ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
            {showCart ? (
              <li>
                <Link to="/cart" aria-current={path === '/cart' ? 'page' : undefined}>
                  {t('shell.cart')}{' '}
                  <span className="count" aria-hidden="true">
                    {count}
                  </span>
                  <span className="visually-hidden">{t('shell.cartCount', { count })}</span>
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="who">
          {session?.user.roles.includes('logistics') ? <OutboxCount userId={session.user.userId} /> : null}
          {session ? <Bell userId={session.user.userId} /> : null}
          {/* signed in: the account menu (name, places, account, sign out) once identity has said who this is */}
          {session && person.status !== 'signed-in' ? (
            <>
              <span className="who-name">{session.user.name}</span>
              <button
                type="button"
                className="button link"
                onClick={() => {
                  // identity ends the session (its cookie) before the app moves on
                  void signOut().then(
                    () => navigate('/'),
                    () => undefined,
                  );
                }}
              >
                {t('shell.signOut')}
              </button>
            </>
          ) : null}
          {!session && person.status !== 'signed-in' ? (
            <Link className="button small" to={`/signin?next=${encodeURIComponent(path)}`}>
              {t('shell.signIn')}
            </Link>
          ) : null}
          <AccountMenu />
        </div>
      </header>
      <main id="main">{children}</main>
      <footer className="footer">
        <p>{t('shell.footer')}</p>
        <LanguageSwitch />
      </footer>
    </>
  );
};
