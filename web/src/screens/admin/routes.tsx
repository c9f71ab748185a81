import { useEffect, type ReactNode } from 'react';
import type { Role } from '../../auth/demo-users';
import { useSession } from '../../auth/session';
import { navigate } from '../../lib/router';
import { AdminApplicationsScreen } from './applications';
import { AdminAuditScreen } from './audit';
import { DeadLettersScreen } from './dead-letters';
import { AdminDeliveryScreen } from './delivery';
import { AdminFarmsScreen } from './farms';
import { AdminFiguresScreen } from './figures';
import { AdminHomeScreen } from './home';
import { AdminOrderScreen } from './order';
import { AdminOrdersScreen } from './orders';
import { AdminPartnersScreen } from './partners';
import { StuckOrdersScreen } from './stuck';

const ADMIN: Role[] = ['admin'];

/** The back office's screens (role admin; the services check the role again on every call). */
export const adminRoutes: { path: string; roles: Role[]; render: (p: Record<string, string>) => ReactNode }[] = [
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
