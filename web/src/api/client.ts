import type { Problem } from './types';
import { t } from '../i18n';
import { takeInlined } from './inlined';

/** One fetch wrapper for the services behind the dev/preview proxy (/api/<service>); identity is /api/identity. */
export type Service = 'catalog' | 'orders' | 'logistics' | 'notifications' | 'identity';

export type FieldIssue = NonNullable<Problem['errors']>[number];

/** A failed call, with the service's problem+json detail when it sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** A 503's or 429's Retry-After: the service is too busy now (or the attempts too many) and says when to come back. */
    readonly retryAfterSeconds?: number,
    /**
     * The problem's code (`shipment.invalid_transition`: the problem+json `code`, else the last part of its `type`):
     * what went wrong as the web can say it in the person's language (components/states.tsx, `problem.*` messages).
     */
    readonly code?: string,
  ) {
    super(message);
  }
}

let currentToken: string | null = null;
/** The auth provider sets the bearer token of the signed-in user here. */
export const setToken = (token: string | null): void => {
  currentToken = token;
};

let refresher: (() => Promise<string | null>) | null = null;
/** How a 401 gets a fresh token once (identity's session hands one out); the auth provider sets it. */
export const setTokenRefresher = (refresh: (() => Promise<string | null>) | null): void => {
  refresher = refresh;
};

/** The signed-in user's bearer token, for downloads the browser saves as files (PDFs). */
export const currentBearer = (): string | null => currentToken;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const toQuery = (query: RequestOptions['query']): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
};

/** A problem's code: its `code` member, else the last part of its `type` (`.../problems/run.forbidden`). */
export const problemCode = (p: Partial<Problem>): string | undefined => {
  if (typeof p.code === 'string' && p.code) return p.code;
  return typeof p.type === 'string' ? /\/problems\/([\w.-]+)$/.exec(p.type)?.[1] : undefined;
};

const problemOf = async (res: Response): Promise<ApiError> => {
  try {
    const p = (await res.json()) as Partial<Problem>;
    const retryAfter = Number(res.headers.get('retry-after'));
    return new ApiError(
      res.status,
      p.detail ?? p.title ?? `HTTP ${res.status}`,
      p.errors ?? [],
      (res.status === 503 || res.status === 429) && retryAfter > 0 ? retryAfter : undefined,
      problemCode(p),
    );
  } catch {
    return new ApiError(
      res.status,
      res.status >= 500 ? 'the service is unavailable, try again shortly' : `HTTP ${res.status}`,
    );
  }
};

export const request = async <T>(service: Service, path: string, o: RequestOptions = {}): Promise<T> => {
  // the shop's first page of listings may have come inside the page (one round trip less on a slow connection)
  if ((o.method ?? 'GET') === 'GET') {
    const inPage = takeInlined(`/api/${service}${path}${toQuery(o.query)}`);
    if (inPage !== undefined) return inPage as T;
  }
  const send = async (token: string | null) => {
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await fetch(`/api/${service}${path}${toQuery(o.query)}`, {
        method: o.method ?? 'GET',
        headers,
        ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, `cannot reach the ${service} service`);
    }
  };
  let res = await send(currentToken);
  // An access token lives minutes: when it expired (a tab that slept), one fresh token from the session, once.
  if (res.status === 401 && currentToken && refresher && service !== 'identity') {
    const fresh = await refresher();
    if (fresh) res = await send(fresh);
  }
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
};

/** Sends a file as the body (an image upload), with the signed-in user's token; the reply is JSON. */
export const sendFile = async <T>(service: Service, path: string, file: Blob): Promise<T> => {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': file.type || 'application/octet-stream',
  };
  if (currentToken) headers.authorization = `Bearer ${currentToken}`;
  let res: Response;
  try {
    res = await fetch(`/api/${service}${path}`, { method: 'POST', headers, body: file });
  } catch {
    throw new ApiError(0, `cannot reach the ${service} service`);
  }
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
};

/**
 * The services' validation messages (zod's, and the domain's own) in words for people, without field paths or
 * schema terms: the form shows them next to the field they name; in the person's language (the `issue.*` messages)
 * where the web knows the message, else the service's words.
 */
export const humanIssue = (message: string): string => {
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/expected string to have <=(\d+) characters/i, (m) => t('issue.atMostChars', { n: Number(m[1]) })],
    [/expected string to have >=1 characters/i, () => t('issue.fillIn')],
    [/expected string to have >=(\d+) characters/i, (m) => t('issue.atLeastChars', { n: Number(m[1]) })],
    [/expected (?:number|int) to be <=?\s*(\S+)/i, (m) => t('issue.atMost', { max: m[1] })],
    [/expected (?:number|int) to be >0/i, () => t('issue.moreThanZero')],
    [/expected (?:number|int) to be >=?\s*(\S+)/i, (m) => t('issue.atLeast', { min: m[1] })],
    [/expected (?:number|int), received (?:null|undefined|NaN|string)/i, () => t('issue.number')],
    [/expected (?:string|object|array), received undefined/i, () => t('issue.fillIn')],
    [/expected int/i, () => t('issue.wholeNumber')],
    [/invalid (?:option|enum)/i, () => t('issue.option')],
    [/must match pattern|invalid string/i, () => t('issue.format')],
    [/minC must not exceed maxC/i, () => t('issue.minAboveMax')],
    [/unrecognized key/i, () => t('issue.notAccepted')],
  ];
  for (const [re, text] of rules) {
    const m = message.match(re);
    if (m) return text(m);
  }
  const said = message.trim().replace(/[.:]$/, '');
  return said ? `${said.charAt(0).toUpperCase()}${said.slice(1)}.` : t('issue.notValid');
};

/** A problem's field (`body.contact.name`) as a form names it (`contact.name`): the request part is dropped. */
export const formField = (field: string): string => field.replace(/^(?:body|query|params|headers)\./, '');

/**
 * What a failed call says about each field it names, in words for people, by the form's field name (`contact.name`,
 * `lines.0.quantity`): forms show each next to its field. Empty for any other error.
 */
export const fieldErrors = (error: unknown): Record<string, string> => {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const i of error.issues) out[formField(i.field)] ??= humanIssue(i.message);
  return out;
};
