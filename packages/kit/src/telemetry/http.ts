import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Request, RequestHandler, Response } from 'express';
import { LATENCY_BUCKETS, metrics } from './metrics';
import { currentTelemetry } from './setup';
import { formatTraceparent } from './trace-context';

const requestDuration = metrics.histogram(
  'http_server_request_duration_seconds',
  'HTTP requests served, by method, route template and status (count = rate, status 5xx = errors)',
  { unit: 's', buckets: LATENCY_BUCKETS },
);

/** Probes and scrapes would drown the traces; they are still counted in the metrics (except /metrics). */
const UNTRACED = new Set(['/health', '/ready', '/metrics']);

/** The route template (`/orders/:id`), never the raw path: labels must stay few. */
const routeOf = (req: Request): string | undefined => {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
};

/**
 * One SERVER span per request (HTTP semantic conventions), continuing the caller's W3C trace context,
 * and the request-duration histogram. Downstream code sees the server span as the request's
 * `traceparent` header, as behind a tracing proxy, so the events a handler creates from that header
 * nest under this span.
 */
export const httpTelemetry = (): RequestHandler | undefined => {
  const t = currentTelemetry();
  if (!t?.enabled) return undefined;
  const tracer = t.tracer;
  return (req, res, next) => {
    const start = performance.now();
    const traced = !UNTRACED.has(req.path);
    const parent = traced ? propagation.extract(ROOT_CONTEXT, req.headers) : ROOT_CONTEXT;
    const span = traced
      ? tracer.startSpan(
          req.method,
          {
            kind: SpanKind.SERVER,
            attributes: {
              'http.request.method': req.method,
              'url.path': req.path,
              'url.scheme': req.protocol,
              ...(req.headers['user-agent'] ? { 'user_agent.original': req.headers['user-agent'] } : {}),
            },
          },
          parent,
        )
      : undefined;
    let done = false;
    const finish = (res: Response, aborted: boolean) => {
      if (done) return;
      done = true;
      const route = routeOf(req);
      const status = res.statusCode;
      if (req.path !== '/metrics') {
        requestDuration.observe((performance.now() - start) / 1000, {
          method: req.method,
          route: route ?? 'unmatched',
          status,
        });
      }
      if (!span) return;
      if (route) {
        span.setAttribute('http.route', route);
        span.updateName(`${req.method} ${route}`);
      }
      span.setAttribute('http.response.status_code', status);
      if (status >= 500 || aborted) {
        span.setAttribute('error.type', aborted ? 'aborted' : String(status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    };
    res.once('finish', () => finish(res, false));
    res.once('close', () => finish(res, !res.writableFinished));
    if (!span) return next();
    req.headers.traceparent = formatTraceparent(span.spanContext());
    const active = trace.setSpan(parent, span);
    // No context.bind of req/res (it costs ~0.1 ms a request): express's body readers (raw-body) and
    // on-finished already resume their callbacks in the caller's async scope. A unit test guards it.
    context.with(active, next);
  };
};
