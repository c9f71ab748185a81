import type { Response } from 'express';
import { z } from 'zod';

/**
 * RFC 9457 problem details. `errors` names each offending field (JSON pointer-ish dotted path). The one definition:
 * the type, and the schema every OpenAPI document describes problem+json replies with.
 */
export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const problem = (status: number, detail: string, extra: Partial<Problem> = {}): Problem => ({
  type: extra.code ? `https://fieldtotable.example/problems/${extra.code}` : 'about:blank',
  title: TITLES[status] ?? 'Error',
  status,
  detail,
  ...extra,
});

export const sendProblem = (res: Response, p: Problem): void => {
  if (p.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
};
