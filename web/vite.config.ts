import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const env = process.env;

/** /api/<service>/... -> <SERVICE>_URL/..., for `vite` and `vite preview` alike: same origin, no CORS. */
const proxyTo = (prefix: string, target: string): ProxyOptions => ({
  target,
  changeOrigin: true,
  rewrite: (path) => path.slice(prefix.length) || '/',
});

/**
 * identity signs people in: its session cookie is set on this origin (the proxy passes Set-Cookie through), and the
 * app asks it for access tokens. identity checks the browser's Origin against its APP_URL (this server's address).
 */
const proxy = {
  '/api/identity': proxyTo('/api/identity', env.IDENTITY_URL ?? 'http://127.0.0.1:3006'),
  '/api/catalog': proxyTo('/api/catalog', env.CATALOG_URL ?? 'http://127.0.0.1:3001'),
  '/api/orders': proxyTo('/api/orders', env.ORDERS_URL ?? 'http://127.0.0.1:3002'),
  '/api/logistics': proxyTo('/api/logistics', env.LOGISTICS_URL ?? 'http://127.0.0.1:3003'),
  '/api/notifications': proxyTo('/api/notifications', env.NOTIFICATIONS_URL ?? 'http://127.0.0.1:3004'),
};

export default defineConfig(({ mode }) => ({
  plugins: [react()],
  define: {
    // A Stripe publishable key is public by design; without one checkout uses the simulated provider.
    __STRIPE_PUBLISHABLE_KEY__: JSON.stringify(env.STRIPE_PUBLISHABLE_KEY ?? ''),
    // The demo people as one-click sign-ins: in development, or a build for the browser suites (DEMO_SIGN_IN=on).
    __DEMO_SIGN_IN__: JSON.stringify(mode === 'development' || env.DEMO_SIGN_IN === 'on'),
  },
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
  build: { target: 'es2022', sourcemap: true },
}));
