import { Link, useLocation } from '../../lib/router';

const SCREENS = [
  { to: '/admin', label: 'Overview' },
  { to: '/admin/figures', label: 'Figures' },
  { to: '/admin/orders', label: 'Orders' },
  { to: '/admin/stuck', label: 'Stuck orders' },
  { to: '/admin/dead-letters', label: 'Dead letters' },
  { to: '/admin/applications', label: 'Applications' },
  { to: '/admin/farms', label: 'Farms' },
  { to: '/admin/partners', label: 'Partners' },
  { to: '/admin/delivery', label: 'Delivery' },
  { to: '/admin/audit', label: 'Audit' },
];

/** The back office's own navigation, on every back-office screen. */
export const AdminNav = () => {
  const { path } = useLocation();
  const current = SCREENS.map((s) => s.to)
    .filter((to) => path === to || (to !== '/admin' && path.startsWith(`${to}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label="Back office" className="admin-nav">
      <ul>
        {SCREENS.map((s) => (
          <li key={s.to}>
            <Link to={s.to} aria-current={s.to === current ? 'page' : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
};
