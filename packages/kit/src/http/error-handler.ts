import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { isDomainError, meaningOf } from '../errors';
import type { Logger } from '../logger';
import { problem, sendProblem } from './problem';

/** The one place where meanings become HTTP statuses. */
const STATUS_BY_MEANING: Record<string, number> = {
  not_found: 404,
  invalid_transition: 409,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  invalid: 400,
  unprocessable: 422,
  unavailable: 503,
  too_large: 413,
  unsupported: 415,
  rate_limited: 429,
};

/** Field issues named in one problem document: 50,000 wrong array elements must not become a 4 MB reply. */
export const MAX_REPORTED_ISSUES = 20;

export const zodIssues = (error: z.ZodError, prefix: string) => {
  const shown = error.issues.slice(0, MAX_REPORTED_ISSUES).map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    const unknownKeys = i.code === 'unrecognized_keys' ? i.keys.map((k) => (path ? `${path}.${k}` : k)) : [];
    return unknownKeys.length
      ? { field: unknownKeys.join(', '), message: `unknown field(s): ${unknownKeys.join(', ')}` }
      : { field: path || prefix, message: i.message };
  });
  const more = error.issues.length - shown.length;
  return more > 0 ? [...shown, { field: prefix, message: `and ${more} more issue(s)` }] : shown;
};

export const errorHandler =
  (log: Logger): ErrorRequestHandler =>
  (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const instance = req.originalUrl;
    if (isDomainError(err)) {
      const status = STATUS_BY_MEANING[meaningOf(err.code)] ?? 400;
      if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      return sendProblem(
        res,
        problem(status, err.message, { code: err.code, instance, errors: err.issues ?? [] }),
      );
    }
    // body-parser errors carry a status and a type; never let them become a 500.
    const e = err as { status?: number; type?: string; message?: string };
    if (e.type === 'entity.too.large') {
      return sendProblem(
        res,
        problem(413, 'request body is too large', { code: 'body.too_large', instance }),
      );
    }
    if (e.type === 'entity.parse.failed') {
      return sendProblem(
        res,
        problem(400, 'request body is not valid JSON', {
          code: 'body.malformed_json',
          instance,
          errors: [{ field: 'body', message: 'malformed JSON' }],
        }),
      );
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendProblem(res, problem(e.status, e.message ?? 'bad request', { instance }));
    }
    // Unknown errors are logged in full and masked: internals never leak to the client.
    log.error(
      { err, method: req.method, url: req.originalUrl, requestId: res.locals.requestId },
      'unhandled error',
    );
    sendProblem(res, problem(500, 'an unexpected error occurred', { instance, code: 'internal' }));
  };
