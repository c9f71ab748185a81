import { createHmac } from 'node:crypto';

/**
 * Signing in through identity from Node (scripts, the demo seed, the bench, tests): email and password, the second
 * factor when identity asks for it, then access tokens from the session, exactly as the web app does. There is no
 * other way to a token: no service but identity can sign one.
 */
export interface IdentitySession {
  /** The current access token (EdDSA, minutes). */
  token: string;
  /** A fresh access token from the same session (the old one keeps working until it expires). */
  refresh: () => Promise<string>;
  /** The person's id (the token's sub). */
  personId: string;
}

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** An authenticator app's code (RFC 6238: HMAC-SHA1, 30 s, 6 digits) for a TOTP key (the raw key, as better-auth keeps it). */
export const totpCode = (key: string, at = Date.now()): string => {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', Buffer.from(key, 'utf8')).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
};

const cookiesOf = (res: Response, jar: Map<string, string>) => {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1);
    if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
};

export const signInThroughIdentity = async (
  identityUrl: string,
  email: string,
  password: string,
  o: { totpKey?: string | undefined; origin?: string } = {},
): Promise<IdentitySession> => {
  const jar = new Map<string, string>();
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, identityUrl), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        // identity refuses a cookie-carrying POST without a trusted Origin (CSRF): its own address is one
        origin: o.origin ?? new URL(identityUrl).origin,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    cookiesOf(res, jar);
    const text = await res.text();
    const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (!res.ok)
      throw new IdentityError(
        res.status,
        `${method} ${path}: ${res.status} ${String(parsed.detail ?? text)}`,
      );
    return parsed;
  };
  const signedIn = await call('POST', '/api/auth/sign-in/email', { email, password });
  if (signedIn.secondFactorRequired) {
    if (!o.totpKey) throw new IdentityError(401, `${email} has a second factor: a TOTP key is needed`);
    await call('POST', '/api/auth/two-factor/verify-totp', { code: totpCode(o.totpKey) });
  }
  const refresh = async () => String((await call('GET', '/api/auth/token')).token);
  const token = await refresh();
  const sub = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string };
  return { token, refresh, personId: sub.sub };
};
