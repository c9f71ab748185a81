import { Fragment, type ReactNode } from 'react';
import { Layout } from './components/layout';
import { RequireRole } from './components/require-role';
import { Page } from './components/page';
import { matchPath, Link, useLocation } from './lib/router';
import { useLanguage } from './lib/locale';
import type { Role } from './auth/demo-users';
import { t, tx } from './i18n';
import { SignInScreen } from './screens/sign-in';
import { BrowseScreen } from './screens/buyer/browse';
import { ListingScreen } from './screens/buyer/listing';
import { FarmScreen } from './screens/buyer/farm';
import { CartScreen } from './screens/buyer/cart';
import { OrdersScreen } from './screens/buyer/orders';
import { OrderScreen } from './screens/buyer/order';
import { TraceScreen } from './screens/buyer/trace';
import { TrackScreen } from './screens/buyer/track';
import { FarmerHomeScreen } from './screens/farmer/home';
import { ListingFormScreen } from './screens/farmer/listing-form';
import { ListingsImportScreen } from './screens/farmer/listings-import';
import { FarmOrdersScreen } from './screens/farmer/farm-orders';
import { PayoutsScreen } from './screens/farmer/payouts';
import { PartnerHomeScreen } from './screens/partner/home';
import { ShipmentScreen } from './screens/partner/shipment';
import { RunsScreen } from './screens/partner/runs';
import { RunScreen } from './screens/partner/run';
import { LoggersScreen } from './screens/partner/loggers';
import { PackingDayScreen } from './screens/farmer/packing-day';
import { InboxScreen } from './screens/inbox/inbox';
import { NotificationSettingsScreen } from './screens/inbox/settings';
import { BoxTraceScreen } from './screens/buyer/box-trace';
import { ScanScreen } from './screens/partner/scan';
import { adminRoutes, AdminRedirect } from './screens/admin/routes';
import { accountRoutes } from './screens/account/routes';
import { ApplyScreen } from './screens/onboarding/apply';
import { AcceptInviteScreen } from './screens/onboarding/accept-invite';

type Params = Record<string, string>;
interface Route {
  path: string;
  roles?: Role[];
  render: (p: Params, query: URLSearchParams) => ReactNode;
}

const routes: Route[] = [
  { path: '/', render: () => <BrowseScreen /> },
  { path: '/signin', render: (_, q) => <SignInScreen next={q.get('next')} /> },
  { path: '/listings/:listingId', render: (p) => <ListingScreen listingId={p.listingId!} /> },
  { path: '/farms/:farmId', render: (p) => <FarmScreen farmId={p.farmId!} /> },
  { path: '/cart', render: () => <CartScreen /> },
  { path: '/track', render: (_, q) => <TrackScreen code={q.get('code')} /> },
  // a box label's QR code (GS1 Digital Link style: product, lot, serial): the box's public trace
  {
    path: '/01/:product/10/:lot/21/:serial',
    render: (p) => <BoxTraceScreen product={p.product!} lot={p.lot!} serial={p.serial!} />,
  },
  { path: '/orders', roles: ['buyer'], render: () => <OrdersScreen /> },
  { path: '/orders/:orderId', roles: ['buyer'], render: (p) => <OrderScreen orderId={p.orderId!} /> },
  { path: '/orders/:orderId/trace', roles: ['buyer'], render: (p) => <TraceScreen orderId={p.orderId!} /> },
  { path: '/farmer', roles: ['farmer'], render: () => <FarmerHomeScreen /> },
  { path: '/farmer/listings/new', roles: ['farmer'], render: () => <ListingFormScreen /> },
  { path: '/farmer/listings/import', roles: ['farmer'], render: () => <ListingsImportScreen /> },
  {
    path: '/farmer/listings/:listingId',
    roles: ['farmer'],
    render: (p) => <ListingFormScreen listingId={p.listingId!} />,
  },
  { path: '/farmer/orders', roles: ['farmer'], render: () => <FarmOrdersScreen /> },
  { path: '/farmer/payouts', roles: ['farmer'], render: () => <PayoutsScreen /> },
  { path: '/farmer/packing', roles: ['farmer'], render: () => <PackingDayScreen /> },
  { path: '/partner/runs', roles: ['logistics'], render: (_, q) => <RunsScreen day={q.get('day')} /> },
  { path: '/partner/runs/:runId', roles: ['logistics'], render: (p) => <RunScreen runId={p.runId!} /> },
  { path: '/partner', roles: ['logistics'], render: () => <PartnerHomeScreen /> },
  { path: '/partner/loggers', roles: ['logistics'], render: () => <LoggersScreen /> },
  { path: '/partner/scan', roles: ['logistics'], render: () => <ScanScreen /> },
  {
    path: '/partner/shipments/:shipmentId',
    roles: ['logistics'],
    render: (p) => <ShipmentScreen shipmentId={p.shipmentId!} />,
  },
  { path: '/inbox', roles: ['buyer', 'farmer', 'logistics'], render: () => <InboxScreen /> },
  {
    path: '/inbox/settings',
    roles: ['buyer', 'farmer', 'logistics'],
    render: () => <NotificationSettingsScreen />,
  },
  { path: '/apply', roles: ['buyer', 'farmer', 'logistics'], render: () => <ApplyScreen /> },
  { path: '/invites/:inviteId', render: (p) => <AcceptInviteScreen inviteId={p.inviteId!} /> },
  ...adminRoutes,
  ...accountRoutes,
];

const NotFound = () => (
  <Page title={t('notFound.title')}>
    <p>{tx('notFound.text', { link: (c) => <Link to="/">{c}</Link> })}</p>
  </Page>
);

export const App = () => {
  const { path, query } = useLocation();
  // a new language (i18n/index.tsx) renders every screen again, in its words and with its dates
  useLanguage();
  let content: ReactNode = <NotFound />;
  for (const r of routes) {
    const params = matchPath(r.path, path);
    if (!params) continue;
    const screen = r.roles ? (
      <RequireRole roles={r.roles}>{r.render(params, query)}</RequireRole>
    ) : (
      r.render(params, query)
    );
    // A new address is a new screen: its state and loads start afresh (query changes stay in place).
    content = <Fragment key={path}>{screen}</Fragment>;
    break;
  }
  return (
    <Layout>
      <AdminRedirect path={path} />
      {content}
    </Layout>
  );
};
