import { DomainError, roleOf, verifyToken, type AuthSettings, type Principal } from '@ftt/kit';
import { Membership } from '@ftt/contracts';
import type { Jwk } from 'better-auth/plugins/jwt';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { z } from 'zod';

export interface OwnTokens {
  issuer: string;
  audience: string;
  /** identity's signing keys (the current one and those still published after a rotation). */
  keys: () => Promise<Jwk[]>;
  sessionActive: (sessionId: string) => Promise<boolean>;
}

const Claims = z.object({ sub: z.string().min(1), sid: z.string().min(1), memberships: z.array(Membership) });

const unauthenticated = (why: string): never => {
  throw new DomainError('auth.unauthenticated', why);
};

/**
 * The caller of identity's own routes. A token identity signed is verified with its own keys, read from its
 * database (no HTTP to itself), and is refused as soon as its session has ended (signed out, signed out
 * everywhere, a password reset or change): identity can look the session up, so it does. Other services cannot
 * without a call per request; for them a revoked session's tokens live until they expire (ACCESS_TOKEN_TTL_SECONDS).
 * The HS256 demo tokens still go to the kit until the services move over (they carry no session).
 */
export const sessionBearer =
  (auth: AuthSettings, own: OwnTokens) =>
  async (headers: Record<string, string | string[] | undefined>): Promise<Principal> => {
    const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(String(headers.authorization ?? ''));
    if (!m) return unauthenticated('a bearer token is required');
    const jwt = m[1]!;
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(jwt).alg;
    } catch {
      return unauthenticated('token invalid');
    }
    if (alg === 'HS256') return verifyToken(jwt, auth);
    const claims = await verifyOwn(jwt, own);
    if (!(await own.sessionActive(claims.sid))) return unauthenticated('the session of this token has ended');
    const { role, region } = roleOf(claims.memberships);
    return Object.freeze({ userId: claims.sub, role, region, memberships: claims.memberships });
  };

const verifyOwn = async (jwt: string, own: OwnTokens) => {
  const keys: JSONWebKeySet = {
    keys: (await own.keys()).map((k) => ({
      ...(JSON.parse(k.publicKey) as Record<string, unknown>),
      kid: k.id,
      ...(k.alg ? { alg: k.alg } : {}),
    })),
  };
  try {
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(keys), {
      issuer: own.issuer,
      audience: own.audience,
      algorithms: ['EdDSA', 'ES256'],
      requiredClaims: ['exp', 'sub'],
    });
    return Claims.parse(payload);
  } catch {
    return unauthenticated('token invalid');
  }
};
