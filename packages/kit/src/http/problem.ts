import type { Response } from 'express';
import type { FieldIssue } from '../errors';

/** RFC 9457 problem details. `errors` names each offending field (JSON pointer-ish dotted path). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldIssue[];
}

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
