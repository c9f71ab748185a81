import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

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

/**
 * Installable (issue #31): the web app manifest and a service worker (Workbox, generated at build time) that keeps
 * the app shell (the built HTML, scripts, styles and icons) so the app opens without signal; a page address opens
 * the shell too (the app routes in the browser). The API is never cached by it. Only a build has it: `vite` (dev)
 * serves neither; src/main.tsx registers it in a build (__SERVICE_WORKER__).
 */
const pwa = VitePWA({
  injectRegister: false,
  registerType: 'autoUpdate',
  includeAssets: ['favicon.svg'],
  manifest: {
    name: 'FieldToTable',
    short_name: 'FieldToTable',
    description: 'Fresh produce straight from the farm, traced from field to table.',
    lang: 'en',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#1f5130',
    background_color: '#f7f8f4',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    // the shell, not the produce photos (public/photos: fetched when shown)
    globPatterns: ['index.html', 'assets/**/*.{js,css}', '*.{svg,png}'],
    globIgnores: ['**/*.map'],
    navigateFallback: '/index.html',
    // the API, the health check and the public box pages' API stay the network's
    navigateFallbackDenylist: [/^\/api\//, /^\/healthz/],
    cleanupOutdatedCaches: true,
    // leaflet and the other lazy chunks are kept too (the largest is under 1 MB)
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  },
});

export default defineConfig(({ mode, command }) => ({
  plugins: [react(), pwa],
  define: {
    // A Stripe publishable key is public by design; without one checkout uses the simulated provider.
    __STRIPE_PUBLISHABLE_KEY__: JSON.stringify(env.STRIPE_PUBLISHABLE_KEY ?? ''),
    // The demo people as one-click sign-ins: in development, or a build for the browser suites (DEMO_SIGN_IN=on).
    __DEMO_SIGN_IN__: JSON.stringify(mode === 'development' || env.DEMO_SIGN_IN === 'on'),
    // A build registers its service worker (the dev server has none); not import.meta.env.PROD, which a build run
    // under NODE_ENV=test (the browser suites') turns off.
    __SERVICE_WORKER__: JSON.stringify(command === 'build'),
  },
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
  build: { target: 'es2022', sourcemap: true },
}));
