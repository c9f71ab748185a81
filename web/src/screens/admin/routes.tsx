import { useEffect, type ReactNode } from 'react';
import type { Role } from '../../auth/demo-users';
import { useSession } from '../../auth/session';
import { navigate } from '../../lib/router';
import { lazyScreen } from '../../lib/lazy-screen';

// each screen is a chunk of its own, loaded when first shown (app.tsx)
const AdminApplicationsScreen = lazyScreen(() => import('./applications'), 'AdminApplicationsScreen');
const AdminAuditScreen = lazyScreen(() => import('./audit'), 'AdminAuditScreen');
const DeadLettersScreen = lazyScreen(() => import('./dead-letters'), 'DeadLettersScreen');
const AdminDeliveryScreen = lazyScreen(() => import('./delivery'), 'AdminDeliveryScreen');
const AdminFarmsScreen = lazyScreen(() => import('./farms'), 'AdminFarmsScreen');
const AdminFiguresScreen = lazyScreen(() => import('./figures'), 'AdminFiguresScreen');
const AdminHomeScreen = lazyScreen(() => import('./home'), 'AdminHomeScreen');
const AdminOrderScreen = lazyScreen(() => import('./order'), 'AdminOrderScreen');
const AdminOrdersScreen = lazyScreen(() => import('./orders'), 'AdminOrdersScreen');
const AdminPartnersScreen = lazyScreen(() => import('./partners'), 'AdminPartnersScreen');
const ReconciliationScreen = lazyScreen(() => import('./reconciliation'), 'ReconciliationScreen');
const StuckOrdersScreen = lazyScreen(() => import('./stuck'), 'StuckOrdersScreen');

const ADMIN: Role[] = ['admin'];

/** The back office's screens (role admin; the services check the role again on every call). */
export const adminRoutes: {
  path: string;
  roles: Role[];
  render: (p: Record<string, string>) => ReactNode;
}[] = [
  { path: '/admin', roles: ADMIN, render: () => <AdminHomeScreen /> },
  { path: '/admin/orders', roles: ADMIN, render: () => <AdminOrdersScreen /> },
  { path: '/admin/orders/:orderId', roles: ADMIN, render: (p) => <AdminOrderScreen orderId={p.orderId!} /> },
  { path: '/admin/stuck', roles: ADMIN, render: () => <StuckOrdersScreen /> },
  { path: '/admin/dead-letters', roles: ADMIN, render: () => <DeadLettersScreen /> },
  { path: '/admin/applications', roles: ADMIN, render: () => <AdminApplicationsScreen /> },
  { path: '/admin/farms', roles: ADMIN, render: () => <AdminFarmsScreen /> },
  { path: '/admin/partners', roles: ADMIN, render: () => <AdminPartnersScreen /> },
  { path: '/admin/delivery', roles: ADMIN, render: () => <AdminDeliveryScreen /> },
  { path: '/admin/figures', roles: ADMIN, render: () => <AdminFiguresScreen /> },
  { path: '/admin/reconciliation', roles: ADMIN, render: () => <ReconciliationScreen /> },
  { path: '/admin/audit', roles: ADMIN, render: () => <AdminAuditScreen /> },
];

/** An operator has no shop and no orders of their own: the shop's home and "my orders" lead to the back office. */
const INSTEAD: Record<string, string> = { '/': '/admin', '/orders': '/admin/orders' };

export const AdminRedirect = ({ path }: { path: string }) => {
  const { session } = useSession();
  const to = session?.user.role === 'admin' ? INSTEAD[path] : undefined;
  useEffect(() => {
    if (to) navigate(to, { replace: true });
  }, [to]);
  return null;
};
