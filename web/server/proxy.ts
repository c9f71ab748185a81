import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Headers of one hop only (RFC 9110 7.6.1): never passed on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export interface ProxyTarget {
  /** The name the problem document uses when the upstream does not answer ("the account service"). */
  what: string;
  url: URL;
}

export interface ProxyOptions {
  /** How long an upstream may take to start answering before the client gets a 503. */
  timeoutMs: number;
  /** Served over TLS: cookies get `Secure`, X-Forwarded-Proto says https. */
  tls: boolean;
}

/** A problem+json answer (RFC 9457), as the services write them. */
export const problem = (
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  code: string,
  retryAfter?: number,
) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/problem+json');
  res.setHeader('cache-control', 'no-store');
  if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail, code }));
};

/**
 * The session cookie identity sets reaches the browser as this origin's: no Domain (the upstream's host means nothing
 * here), HttpOnly, SameSite=Lax at least, and Secure when the site is served over TLS.
 */
export const secureCookie = (cookie: string, tls: boolean): string => {
  const [pair, ...attrs] = cookie.split(';').map((p) => p.trim());
  const kept = attrs.filter((a) => !/^(domain|secure|httponly)(=|$)/i.test(a));
  const sameSite = kept.find((a) => /^samesite=/i.test(a));
  const out = [pair!, ...kept.filter((a) => a !== sameSite)];
  out.push(sameSite && !/^samesite=none$/i.test(sameSite) ? sameSite : 'SameSite=Lax');
  out.push('HttpOnly');
  if (tls) out.push('Secure');
  return out.join('; ');
};

/**
 * Streams `req` to `target` with the mount prefix removed (/api/orders/orders/1 -> <orders>/orders/1), as Vite's dev
 * proxy does, and the answer back. An upstream that refuses the connection, resets it or does not start answering
 * within the timeout gets the browser a 503 problem+json with Retry-After, never a hang or a 500.
 */
export const proxyTo =
  (target: ProxyTarget, o: ProxyOptions) =>
  (req: IncomingMessage, res: ServerResponse, pathAndQuery: string, clientIp?: string): void => {
    const url = new URL(pathAndQuery || '/', target.url);
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || HOP_BY_HOP.has(k) || k === 'host') continue;
      headers[k] = v;
    }
    // one address, the client's as this server believes it (the socket's, or a trusted proxy's X-Forwarded-For): a
    // client's own X-Forwarded-For is never passed on
    headers['x-forwarded-for'] = clientIp ?? req.socket.remoteAddress ?? '';
    headers['x-forwarded-proto'] = o.tls ? 'https' : 'http';
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(url, { method: req.method, headers, timeout: o.timeoutMs }, (up) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(up.headers)) {
        if (v === undefined || HOP_BY_HOP.has(k)) continue;
        out[k] = k === 'set-cookie' ? (v as string[]).map((c) => secureCookie(c, o.tls)) : v;
      }
      res.writeHead(up.statusCode ?? 502, out);
      up.pipe(res);
      up.on('error', () => res.destroy());
    });
    const unavailable = () =>
      problem(
        res,
        503,
        'Service Unavailable',
        `${target.what} is not answering; try again shortly`,
        'upstream.unavailable',
        5,
      );
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', unavailable);
    req.pipe(upstream);
    req.on('aborted', () => upstream.destroy());
  };
