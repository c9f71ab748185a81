import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createWebServer } from './app';

const url = (def: string) => z.url().default(def);

/** The web server's environment, parsed once; a bad value stops it before it listens, naming the variable. */
const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The built app; default: web/dist next to this server. */
  WEB_DIST: z.string().min(1).optional(),
  /** The public address people open: https turns on HSTS, Secure cookies and upgrade-insecure-requests. */
  PUBLIC_URL: url('http://127.0.0.1:8080'),
  IDENTITY_URL: url('http://127.0.0.1:3006'),
  CATALOG_URL: url('http://127.0.0.1:3001'),
  ORDERS_URL: url('http://127.0.0.1:3002'),
  LOGISTICS_URL: url('http://127.0.0.1:3003'),
  NOTIFICATIONS_URL: url('http://127.0.0.1:3004'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Map tiles' origin for the Content-Security-Policy's img-src (the build's VITE_MAP_TILE_URL), comma-separated. */
  IMAGE_ORIGINS: z.string().default(''),
  /** The ingress or load balancer in front (express 'trust proxy': loopback, addresses, CIDRs; comma-separated). */
  TRUST_PROXY: z.string().default(''),
});

const parsed = Config.safeParse(process.env);
if (!parsed.success) {
  console.error(
    `invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  );
  process.exit(1);
}
const c = parsed.data;
const here = dirname(fileURLToPath(import.meta.url));
// web/server/main.ts under tsx, web/server/dist/main.mjs once built: web/dist is found from either
const distDir = c.WEB_DIST ? resolve(c.WEB_DIST) : join(here, here.endsWith('dist') ? '../..' : '..', 'dist');
const app = createWebServer({
  distDir,
  upstreams: {
    identity: c.IDENTITY_URL,
    catalog: c.CATALOG_URL,
    orders: c.ORDERS_URL,
    logistics: c.LOGISTICS_URL,
    notifications: c.NOTIFICATIONS_URL,
  },
  tls: new URL(c.PUBLIC_URL).protocol === 'https:',
  upstreamTimeoutMs: c.UPSTREAM_TIMEOUT_MS,
  trustProxy: c.TRUST_PROXY.split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  imageOrigins: c.IMAGE_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean),
});
const server = app.listen(c.PORT, c.HOST, () => {
  const a = server.address();
  const port = typeof a === 'object' && a ? a.port : c.PORT;
  console.log(JSON.stringify({ level: 30, msg: 'web server listening', host: c.HOST, port, distDir }));
});
server.keepAliveTimeout = 5000;
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
