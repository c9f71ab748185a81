import { Fragment, Suspense, type ReactNode } from 'react';
import { Layout } from './components/layout';
import { RequireRole } from './components/require-role';
import { Page } from './components/page';
import { Loading } from './components/states';
import { matchPath, Link, useLocation } from './lib/router';
import { useLanguage } from './lib/locale';
import type { Role } from './auth/demo-users';
import { t, tx } from './i18n';
import { lazyScreen } from './lib/lazy-screen';
import { SignInScreen } from './screens/sign-in';
import { BrowseScreen } from './screens/buyer/browse';
import { ListingScreen } from './screens/buyer/listing';
import { FarmScreen } from './screens/buyer/farm';
import { CartScreen } from './screens/buyer/cart';
import { OrdersScreen } from './screens/buyer/orders';
import { OrderScreen } from './screens/buyer/order';
import { TraceScreen } from './screens/buyer/trace';
import { TrackScreen } from './screens/buyer/track';
import { adminRoutes, AdminRedirect } from './screens/admin/routes';
import { accountRoutes } from './screens/account/routes';

// The shop, a listing, a farm, the cart and the buyer's orders come with the first page; every other screen is a chunk
// of its own, loaded when first shown (the first page's JavaScript stays small on a slow connection: issue #31).
const FarmerHomeScreen = lazyScreen(() => import('./screens/farmer/home'), 'FarmerHomeScreen');
const ListingFormScreen = lazyScreen(() => import('./screens/farmer/listing-form'), 'ListingFormScreen');
const ListingsImportScreen = lazyScreen(
  () => import('./screens/farmer/listings-import'),
  'ListingsImportScreen',
);
const FarmOrdersScreen = lazyScreen(() => import('./screens/farmer/farm-orders'), 'FarmOrdersScreen');
const PayoutsScreen = lazyScreen(() => import('./screens/farmer/payouts'), 'PayoutsScreen');
const PartnerHomeScreen = lazyScreen(() => import('./screens/partner/home'), 'PartnerHomeScreen');
const ShipmentScreen = lazyScreen(() => import('./screens/partner/shipment'), 'ShipmentScreen');
const RunsScreen = lazyScreen(() => import('./screens/partner/runs'), 'RunsScreen');
const RunScreen = lazyScreen(() => import('./screens/partner/run'), 'RunScreen');
const LoggersScreen = lazyScreen(() => import('./screens/partner/loggers'), 'LoggersScreen');
const PackingDayScreen = lazyScreen(() => import('./screens/farmer/packing-day'), 'PackingDayScreen');
const InboxScreen = lazyScreen(() => import('./screens/inbox/inbox'), 'InboxScreen');
const NotificationSettingsScreen = lazyScreen(
  () => import('./screens/inbox/settings'),
  'NotificationSettingsScreen',
);
const BoxTraceScreen = lazyScreen(() => import('./screens/buyer/box-trace'), 'BoxTraceScreen');
const ScanScreen = lazyScreen(() => import('./screens/partner/scan'), 'ScanScreen');
const ApplyScreen = lazyScreen(() => import('./screens/onboarding/apply'), 'ApplyScreen');
const AcceptInviteScreen = lazyScreen(
  () => import('./screens/onboarding/accept-invite'),
  'AcceptInviteScreen',
);
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
      <Suspense fallback={<Loading />}>{content}</Suspense>
    </Layout>
  );
};
