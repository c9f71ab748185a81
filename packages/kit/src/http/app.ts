import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from '../logger';
import { httpTelemetry } from '../telemetry/http';
import { currentTelemetry } from '../telemetry/setup';
import type { Api } from './api';
import { docsPage } from './docs-page';
import { errorHandler } from './error-handler';
import { problem, sendProblem } from './problem';

export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export interface HttpAppOptions {
  name: string;
  log: Logger;
  api: Api;
  ready: ReadinessCheck;
  bodyLimit?: string;
  /** Peers whose X-Forwarded-For is believed (express 'trust proxy' list); empty or absent: none. */
  trustProxy?: string;
  /** Extra middleware mounted before the routes (metrics, tracing). */
  before?: express.RequestHandler[];
  /** Extra routers mounted after the API (e.g. /metrics). */
  extra?: (app: Express) => void;
  /** Server spans, request metrics and GET /metrics; on whenever initTelemetry enabled telemetry. */
  telemetry?: boolean;
}

/** createApp without listen: tests mount it on port 0. */
export const createHttpApp = (o: HttpAppOptions): Express => {
  const app = express();
  const telemetry = o.telemetry === false ? undefined : currentTelemetry();
  const tracing = telemetry?.enabled ? httpTelemetry() : undefined;
  if (tracing) app.use(tracing); // first, so the span and the duration cover everything below
  app.disable('x-powered-by');
  const trusted = (o.trustProxy ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  app.set('trust proxy', trusted.length ? trusted : false);
  app.set('query parser', 'simple'); // no nested objects from ?a[b]=c, so no operator injection via query
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"] },
      },
    }),
  );
  app.use((req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    next();
  });
  for (const mw of o.before ?? []) app.use(mw);
  // bodies are parsed by each route, after its caller is checked (Api.route)
  o.api.limitBodies(o.bodyLimit ?? '100kb');

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: o.name });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await o.ready().catch(() => ({ checks: false }));
    const ok = Object.values(checks).every(Boolean);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(o.api.openapi());
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(docsPage(o.name));
  });
  if (telemetry?.enabled) {
    app.get('/metrics', (req, res) => {
      telemetry.metricsHandler(req, res);
    });
  }
  app.use(o.api.router);
  o.extra?.(app);
  app.use((req, res) => {
    sendProblem(
      res,
      problem(404, `no route for ${req.method} ${req.path}`, {
        code: 'route.not_found',
        instance: req.originalUrl,
      }),
    );
  });
  app.use(errorHandler(o.log));
  return app;
};
