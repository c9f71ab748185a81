import type { Problem } from './types';

/** One fetch wrapper for the four services behind the dev/preview proxy (/api/<service>). */
export type Service = 'catalog' | 'orders' | 'logistics' | 'notifications';

export type FieldIssue = NonNullable<Problem['errors']>[number];

/** A failed call, with the service's problem+json detail when it sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** A 503's Retry-After: the service is too busy now and says when to come back. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

let currentToken: string | null = null;
/** The auth provider sets the bearer token of the signed-in user here. */
export const setToken = (token: string | null): void => {
  currentToken = token;
};

/** The signed-in user's bearer token, for downloads the browser saves as files (PDFs). */
export const currentBearer = (): string | null => currentToken;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT';
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

const problemOf = async (res: Response): Promise<ApiError> => {
  try {
    const p = (await res.json()) as Partial<Problem>;
    const retryAfter = Number(res.headers.get('retry-after'));
    return new ApiError(
      res.status,
      p.detail ?? p.title ?? `HTTP ${res.status}`,
      p.errors ?? [],
      res.status === 503 && retryAfter > 0 ? retryAfter : undefined,
    );
  } catch {
    return new ApiError(
      res.status,
      res.status >= 500 ? 'the service is unavailable, try again shortly' : `HTTP ${res.status}`,
    );
  }
};

export const request = async <T>(service: Service, path: string, o: RequestOptions = {}): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json', ...o.headers };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (currentToken) headers.authorization = `Bearer ${currentToken}`;
  let res: Response;
  try {
    res = await fetch(`/api/${service}${path}${toQuery(o.query)}`, {
      method: o.method ?? 'GET',
      headers,
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, `cannot reach the ${service} service`);
  }
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
};
