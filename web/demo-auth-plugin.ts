import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import type { Connect, Plugin } from 'vite';
import { demoUsers } from './src/auth/demo-users';

export interface DemoAuthSettings {
  secret: string | undefined;
  issuer: string;
  audience: string;
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.statusCode = status;
  res.setHeader('content-type', status >= 400 ? 'application/problem+json' : 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
};

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4096) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
};

/** Same claims as @ftt/kit's mintToken: sub, role, name, region; HS256 with issuer, audience and expiry. */
const mint = (user: (typeof demoUsers)[number], s: DemoAuthSettings & { secret: string }) =>
  new SignJWT({ role: user.role, name: user.name, ...(user.region ? { region: user.region } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.userId)
    .setIssuer(s.issuer)
    .setAudience(s.audience)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(s.secret));

/**
 * POST /demo-auth/token {userId} -> {token}: signs a demo user's token on the dev/preview server with
 * AUTH_JWT_SECRET, so the secret stays in Node and the browser only ever holds a token.
 */
export const demoAuthMiddleware =
  (s: DemoAuthSettings): Connect.NextHandleFunction =>
  async (req, res, next) => {
    if (req.url !== '/demo-auth/token') return next();
    if (req.method !== 'POST') return send(res, 405, { title: 'Method Not Allowed', status: 405 });
    const secret = s.secret;
    if (!secret || secret.length < 32) {
      return send(res, 503, {
        title: 'Service Unavailable',
        status: 503,
        detail: 'AUTH_JWT_SECRET (32+ characters) is not set on the web server',
      });
    }
    try {
      const body = (await readJson(req)) as { userId?: unknown };
      const user = demoUsers.find((u) => u.userId === body.userId);
      if (!user) return send(res, 404, { title: 'Not Found', status: 404, detail: 'no such demo user' });
      send(res, 200, { token: await mint(user, { ...s, secret }), user });
    } catch {
      send(res, 400, { title: 'Bad Request', status: 400, detail: 'expected {"userId": "..."}' });
    }
  };

export const demoAuth = (s: DemoAuthSettings): Plugin => ({
  name: 'ftt-demo-auth',
  configureServer: (server) => {
    server.middlewares.use(demoAuthMiddleware(s));
  },
  configurePreviewServer: (server) => {
    server.middlewares.use(demoAuthMiddleware(s));
  },
});
