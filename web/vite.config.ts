import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { demoAuth } from './demo-auth-plugin';

const env = process.env;

/** /api/<service>/... -> <SERVICE>_URL/..., for `vite` and `vite preview` alike: same origin, no CORS. */
const proxyTo = (prefix: string, target: string): ProxyOptions => ({
  target,
  changeOrigin: true,
  rewrite: (path) => path.slice(prefix.length) || '/',
});

const proxy = {
  '/api/catalog': proxyTo('/api/catalog', env.CATALOG_URL ?? 'http://127.0.0.1:3001'),
  '/api/orders': proxyTo('/api/orders', env.ORDERS_URL ?? 'http://127.0.0.1:3002'),
  '/api/logistics': proxyTo('/api/logistics', env.LOGISTICS_URL ?? 'http://127.0.0.1:3003'),
  '/api/notifications': proxyTo('/api/notifications', env.NOTIFICATIONS_URL ?? 'http://127.0.0.1:3004'),
  '/api/identity': proxyTo('/api/identity', env.IDENTITY_URL ?? 'http://127.0.0.1:3006'),
};

export default defineConfig({
  plugins: [
    react(),
    demoAuth({
      secret: env.AUTH_JWT_SECRET,
      issuer: env.AUTH_ISSUER ?? 'fieldtotable',
      audience: env.AUTH_AUDIENCE ?? 'fieldtotable-api',
    }),
  ],
  // A Stripe publishable key is public by design; without one checkout uses the simulated provider.
  define: { __STRIPE_PUBLISHABLE_KEY__: JSON.stringify(env.STRIPE_PUBLISHABLE_KEY ?? '') },
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
  build: { target: 'es2022', sourcemap: true },
});
