import { DomainError, type Principal } from '@ftt/kit';
import { Membership } from '@ftt/contracts';
import type { Jwk } from 'better-auth/plugins/jwt';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

export interface OwnTokens {
  issuer: string;
  audience: string;
  /** identity's signing keys (the current one and those still published after a rotation). */
  keys: () => Promise<Jwk[]>;
  sessionActive: (sessionId: string) => Promise<boolean>;
}

const Claims = z.object({
  sub: z.string().min(1),
  sid: z.string().min(1),
  name: z.string().optional(),
  memberships: z.array(Membership),
});

const unauthenticated = (why: string): never => {
  throw new DomainError('auth.unauthenticated', why);
};

/**
 * identity's own keys as a verifier (the kit's AuthSettings.keys): read from its database at each use, so a rotated
 * key verifies at once. Used by the kit's routes on identity (dead letters, audit) and by `sessionBearer`.
 */
export const ownKeySet =
  (keys: () => Promise<Jwk[]>): JWTVerifyGetKey =>
  async (header, token) => {
    const set: JSONWebKeySet = {
      keys: (await keys()).map((k) => ({
        ...(JSON.parse(k.publicKey) as Record<string, unknown>),
        kid: k.id,
        ...(k.alg ? { alg: k.alg } : {}),
      })),
    };
    return createLocalJWKSet(set)(header, token);
  };

/**
 * The caller of identity's own routes. A token identity signed is verified with its own keys, read from its
 * database (no HTTP to itself), and is refused as soon as its session has ended (signed out, signed out
 * everywhere, a password reset or change): identity can look the session up, so it does. Other services cannot
 * without a call per request; for them a revoked session's tokens live until they expire (ACCESS_TOKEN_TTL_SECONDS).
 * Nothing else is accepted: no other algorithm, no key identity did not make.
 */
export const sessionBearer =
  (own: OwnTokens) =>
  async (headers: Record<string, string | string[] | undefined>): Promise<Principal> => {
    const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(String(headers.authorization ?? ''));
    if (!m) return unauthenticated('a bearer token is required');
    const claims = await verifyOwn(m[1]!, own);
    if (!(await own.sessionActive(claims.sid))) return unauthenticated('the session of this token has ended');
    return Object.freeze({
      userId: claims.sub,
      ...(claims.name !== undefined ? { name: claims.name } : {}),
      memberships: claims.memberships,
    });
  };

const verifyOwn = async (jwt: string, own: OwnTokens) => {
  try {
    const { payload } = await jwtVerify(jwt, ownKeySet(own.keys), {
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
