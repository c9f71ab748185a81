import { Link, useLocation } from '../../lib/router';
import { t, type MessageId } from '../../i18n';

const SCREENS: { to: string; label: MessageId }[] = [
  { to: '/admin', label: 'adminNav.overview' },
  { to: '/admin/figures', label: 'adminNav.figures' },
  { to: '/admin/reconciliation', label: 'adminNav.reconciliation' },
  { to: '/admin/orders', label: 'adminNav.orders' },
  { to: '/admin/stuck', label: 'adminNav.stuck' },
  { to: '/admin/dead-letters', label: 'adminNav.deadLetters' },
  { to: '/admin/applications', label: 'adminNav.applications' },
  { to: '/admin/farms', label: 'adminNav.farms' },
  { to: '/admin/partners', label: 'adminNav.partners' },
  { to: '/admin/delivery', label: 'adminNav.delivery' },
  { to: '/admin/audit', label: 'adminNav.audit' },
];

/** The back office's own navigation, on every back-office screen. */
export const AdminNav = () => {
  const { path } = useLocation();
  const current = SCREENS.map((s) => s.to)
    .filter((to) => path === to || (to !== '/admin' && path.startsWith(`${to}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label={t('adminNav.label')} className="admin-nav">
      <ul>
        {SCREENS.map((s) => (
          <li key={s.to}>
            <Link to={s.to} aria-current={s.to === current ? 'page' : undefined}>
              {t(s.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
};
