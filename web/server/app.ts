import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { FIRST_LISTINGS, firstListings, withInlined } from './first-page';
import { problem, proxyTo, type ProxyTarget } from './proxy';

export type Upstream = 'identity' | 'catalog' | 'orders' | 'logistics' | 'notifications';

export interface WebServerConfig {
  /** The built web app (`vite build`): index.html and the hashed files under assets/. */
  distDir: string;
  /** Where /api/<name>/... goes (the same paths as the Vite dev proxy, web/vite.config.ts). */
  upstreams: Record<Upstream, string>;
  /** The site is served over TLS (HSTS, Secure cookies, upgrade-insecure-requests). */
  tls: boolean;
  upstreamTimeoutMs: number;
  /** Peers in front of this server (an ingress) whose X-Forwarded-For names the client (express 'trust proxy'). */
  trustProxy?: string[];
  /** Extra origins the Content-Security-Policy allows for images (map tiles), beside 'self', data: and blob:. */
  imageOrigins?: string[];
}

const WHAT: Record<Upstream, string> = {
  identity: 'the account service',
  catalog: 'the catalog',
  orders: 'the orders service',
  logistics: 'the logistics service',
  notifications: 'the notifications service',
};

/** Vite names every file under assets/ by its content hash: a new build is a new name, so they are kept a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The web app as it ships, on one origin with the API behind it: security headers (helmet, a Content-Security-Policy
 * that allows this origin and Stripe's checkout only), /api/<service> proxied to the services and identity, hashed
 * assets cached for a year, every other page answered by index.html (the app routes in the browser).
 */
export const createWebServer = (c: WebServerConfig): Express => {
  const index = join(c.distDir, 'index.html');
  if (!existsSync(index))
    throw new Error(`${index} does not exist: build the web app first (pnpm --filter @ftt/web build)`);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', c.trustProxy?.length ? c.trustProxy : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", 'https://js.stripe.com'],
          // React and Leaflet set style attributes; no inline script is ever allowed
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:', ...(c.imageOrigins ?? [])],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'", 'https://api.stripe.com'],
          'frame-src': ['https://js.stripe.com', 'https://hooks.stripe.com'],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          ...(c.tls ? { 'upgrade-insecure-requests': [] } : {}),
        },
      },
      strictTransportSecurity: c.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  app.get('/healthz', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ status: 'ok' });
  });

  const proxies = new Map(
    (Object.keys(c.upstreams) as Upstream[]).map((name) => {
      const target: ProxyTarget = { what: WHAT[name], url: new URL(c.upstreams[name]) };
      return [name, proxyTo(target, { timeoutMs: c.upstreamTimeoutMs, tls: c.tls })] as const;
    }),
  );
  app.use('/api', (req, res) => {
    // req.url is what follows /api: /<service>/<path>?<query>
    const m = /^\/([a-z]+)(\/.*)?$/.exec(req.url.split('?')[0]!);
    const proxy = m ? proxies.get(m[1] as Upstream) : undefined;
    if (!m || !proxy) return problem(res, 404, 'Not Found', 'no such API', 'route.not_found');
    const rest = req.url.slice(m[1]!.length + 1);
    proxy(req, res, rest.startsWith('/') ? rest : `/${rest}`, req.ip);
  });

  // The app's own files go out compressed (gzip, for browsers that ask): its first page is a third of the bytes on a
  // slow connection. API replies pass through the proxy above as the services send them.
  app.use(compression());
  app.use(
    '/assets',
    express.static(join(c.distDir, 'assets'), {
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.setHeader('cache-control', IMMUTABLE),
    }),
  );
  // The rest of the build's root: the service worker (sw.js, revalidated on every check so that a new build reaches
  // installed apps at once), the web app manifest, the icons; each revalidated, none named by content hash.
  app.use(
    express.static(c.distDir, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', 'no-cache');
        if (path.endsWith('.webmanifest')) res.setHeader('content-type', 'application/manifest+json');
      },
    }),
  );
  // Every other page is the app's: index.html, always revalidated (it names the current hashed assets); the shop's
  // (`/`) with its first page of listings inside (first-page.ts)
  const indexHtml = readFileSync(index, 'utf8');
  const listings = firstListings({ catalogUrl: new URL(c.upstreams.catalog) });
  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('cache-control', 'no-cache');
    if (req.path !== '/') return res.sendFile(index);
    void listings().then((body) =>
      body ? res.type('html').send(withInlined(indexHtml, `/api/catalog${FIRST_LISTINGS}`, body)) : res.sendFile(index),
    );
  });
  app.use((_req: express.Request, res: express.Response) =>
    problem(res, 404, 'Not Found', 'no such page', 'route.not_found'),
  );
  app.use(
    (err: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const status = err.status === 404 ? 404 : 500;
      problem(
        res,
        status,
        status === 404 ? 'Not Found' : 'Internal Server Error',
        status === 404 ? 'no such file' : 'something went wrong',
        status === 404 ? 'route.not_found' : 'internal',
      );
    },
  );
  return app;
};
