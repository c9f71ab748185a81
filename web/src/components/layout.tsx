import type { ReactNode } from 'react';
import { useSession } from '../auth/session';
import { useCart } from '../lib/cart';
import { useIdentity } from '../lib/identity-session';
import { AccountMenu } from './account-menu';
import { Bell } from './bell';
import { Link, navigate, useLocation } from '../lib/router';
import type { Role } from '../auth/demo-users';

const NAV: Record<Role | 'guest', { to: string; label: string }[]> = {
  guest: [
    { to: '/', label: 'Browse' },
    { to: '/track', label: 'Track a parcel' },
  ],
  buyer: [
    { to: '/', label: 'Browse' },
    { to: '/orders', label: 'My orders' },
    { to: '/track', label: 'Track' },
  ],
  farmer: [
    { to: '/farmer', label: 'My farm' },
    { to: '/farmer/orders', label: 'Orders to pack' },
    { to: '/farmer/packing', label: 'Packing by day' },
    { to: '/farmer/payouts', label: 'Payouts' },
  ],
  logistics: [
    { to: '/partner', label: 'Shipments' },
    { to: '/partner/runs', label: 'Runs' },
    { to: '/partner/loggers', label: 'Loggers' },
    { to: '/track', label: 'Track' },
  ],
  admin: [
    { to: '/admin', label: 'Back office' },
    { to: '/admin/orders', label: 'Orders' },
    { to: '/admin/dead-letters', label: 'Dead letters' },
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
        Skip to content
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
        <nav aria-label="Main">
          <ul>
            {nav.map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={current(n.to) ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
            {showCart ? (
              <li>
                <Link to="/cart" aria-current={path === '/cart' ? 'page' : undefined}>
                  Cart{' '}
                  <span className="count" aria-hidden="true">
                    {count}
                  </span>
                  <span className="visually-hidden">, {count === 1 ? '1 product' : `${count} products`}</span>
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="who">
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
                Sign out
              </button>
            </>
          ) : null}
          {!session && person.status !== 'signed-in' ? (
            <Link className="button small" to={`/signin?next=${encodeURIComponent(path)}`}>
              Sign in
            </Link>
          ) : null}
          <AccountMenu />
        </div>
      </header>
      <main id="main">{children}</main>
      <footer className="footer">
        <p>
          FieldToTable demo · payments run on the simulated provider unless a Stripe key is configured · every
          box traced from field to table
        </p>
      </footer>
    </>
  );
};
