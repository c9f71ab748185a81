import { DomainError } from '@ftt/kit';
import { AUTH_BASE_PATH, CLIENT_IP_HEADER } from '../accounts/better-auth';

/** What a route hands to better-auth: the request headers it needs, nothing the client could use to pose as another. */
const PASSED_HEADERS = ['cookie', 'origin', 'referer', 'user-agent', 'accept-language'] as const;

export interface Forwarded {
  status: number;
  body: unknown;
  /** The cookies better-auth set (session, its removal), one Set-Cookie each. */
  cookies: string[];
}

export interface AuthHandler {
  handler: (request: Request) => Promise<Response>;
}

/**
 * better-auth's error codes, as meanings the kit maps to HTTP (problem+json). Bodies were checked by the route's zod
 * schema before they got here, so a 400 from better-auth is about the account, not the shape of the input.
 */
const meaningOf = (status: number): string | undefined =>
  ({ 400: 'invalid', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 422: 'unprocessable' })[
    status
  ];

/**
 * Runs one of better-auth's endpoints with a request built from the validated input: routes keep the kit's edge
 * (zod, OpenAPI, problem+json, one error handler) and better-auth does the accounts. The client's address goes in a
 * header that only this function sets, for better-auth's per-client rate limits.
 */
export interface ForwardRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string | string[] | undefined>;
  ip: string | undefined;
  body?: unknown;
  query?: Record<string, string>;
  /** This route's words for better-auth's codes (a reset link's INVALID_TOKEN is not a verification link's). */
  messages?: Partial<Record<string, string>>;
  /** The field a code is about (a wrong current password is that field's fault): the problem names it. */
  fields?: Partial<Record<string, string>>;
}

export const forward = async (auth: AuthHandler, baseUrl: string, req: ForwardRequest): Promise<Forwarded> => {
  const url = new URL(`${AUTH_BASE_PATH}${req.path}`, baseUrl);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers();
  for (const name of PASSED_HEADERS) {
    const v = req.headers[name];
    if (typeof v === 'string') headers.set(name, v);
  }
  if (req.ip) headers.set(CLIENT_IP_HEADER, req.ip);
  if (req.body !== undefined) headers.set('content-type', 'application/json');
  const res = await auth.handler(
    new Request(url, {
      method: req.method,
      headers,
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      redirect: 'manual',
    }),
  );
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (res.status < 400) return { status: res.status, body, cookies: res.headers.getSetCookie() };
  if (res.status === 429) {
    const retryAfter = Number(res.headers.get('x-retry-after') ?? res.headers.get('retry-after') ?? 60);
    throw new DomainError(
      'account.rate_limited',
      'too many attempts; try again later',
      [],
      Math.max(1, retryAfter),
    );
  }
  const meaning = meaningOf(res.status);
  const code = (body as { code?: string } | null)?.code;
  if (!meaning) throw new Error(`accounts answered ${res.status} (${code ?? 'no code'})`);
  const message = (code && req.messages?.[code]) ?? messageOf(code, res.status);
  const field = code ? req.fields?.[code] : undefined;
  throw new DomainError(
    `account.${meaning}` as `account.${'invalid'}`,
    message,
    field ? [{ field, message }] : [],
  );
};

/** Messages a person may read; better-auth's own words for the codes we expect, none that tells whether an email is known. */
const messageOf = (code: string | undefined, status: number): string => {
  switch (code) {
    case 'INVALID_EMAIL_OR_PASSWORD':
      return 'email or password is wrong';
    case 'EMAIL_NOT_VERIFIED':
      return 'confirm your email address first: the link is in the mail we sent';
    case 'INVALID_TOKEN':
    case 'TOKEN_EXPIRED':
      return 'the link is invalid or has expired';
    case 'INVALID_PASSWORD':
      return 'the password is wrong';
    case 'INVALID_CODE':
      return 'the code is wrong';
    case 'INVALID_TWO_FACTOR_COOKIE':
      return 'sign in with your password first';
    case 'TOTP_ALREADY_ENABLED':
      return 'an authenticator app is already enrolled';
    default:
      return status === 401 ? 'sign in first' : 'the request was refused';
  }
};

/**
 * `forward` for the routes of one app: `toAccounts(method, path, { headers, ip }, { body, query, messages, fields })`
 * runs better-auth's endpoint for the request that came in (its headers and client address).
 */
export const accountsFor =
  (d: { accounts: AuthHandler; baseUrl: string }) =>
  (
    method: ForwardRequest['method'],
    path: string,
    from: Pick<ForwardRequest, 'headers' | 'ip'>,
    rest: Omit<ForwardRequest, 'method' | 'path' | 'headers' | 'ip'> = {},
  ): Promise<Forwarded> =>
    forward(d.accounts, d.baseUrl, { method, path, headers: from.headers, ip: from.ip, ...rest });
