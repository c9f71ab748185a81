import type { Membership } from '@ftt/contracts';
import { decodeProtectedHeader, jwtVerify, SignJWT, errors as joseErrors, type JWTPayload } from 'jose';
import { z } from 'zod';
import { verifyJwksToken, type JwksSettings } from './auth-jwks';
import { DomainError } from './errors';

export const Role = z.enum(['farmer', 'buyer', 'logistics', 'admin']);
export type Role = z.infer<typeof Role>;

export interface Principal {
  userId: string;
  role: Role;
  name?: string | undefined;
  /** Where a logistics partner works; used to show shipments near them. */
  region?: string | undefined;
  /** What the person may do, from a token identity signed (absent on the HS256 demo tokens). */
  memberships?: readonly Membership[] | undefined;
}

export interface AuthSettings {
  secret: string;
  issuer: string;
  audience: string;
  /**
   * Identity's key set (AUTH_JWKS_URL): tokens signed with EdDSA or ES256 are verified with its keys. HS256 tokens
   * are still verified with `secret` while the services move over.
   */
  jwks?: JwksSettings | undefined;
}

const Claims = z.object({
  sub: z.string().min(1),
  role: Role,
  name: z.string().optional(),
  region: z.string().optional(),
});

const key = (secret: string) => new TextEncoder().encode(secret);

/**
 * Tokens already verified, until they expire: a browser or a client sends the same token with every request, and
 * an HMAC verification (key import, signature, claims) per request was a visible share of the services' CPU under
 * load. Bounded (the oldest entry goes first); an entry is used only for the same settings and before its `exp`.
 */
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { principal: Principal; exp: number; settings: AuthSettings }>();

const sameSettings = (a: AuthSettings, b: AuthSettings) =>
  a === b ||
  (a.secret === b.secret &&
    a.issuer === b.issuer &&
    a.audience === b.audience &&
    a.jwks?.url === b.jwks?.url);

const verifyHs256 = async (
  token: string,
  s: AuthSettings,
): Promise<{ principal: Principal; payload: JWTPayload }> => {
  const { payload } = await jwtVerify(token, key(s.secret), {
    issuer: s.issuer,
    audience: s.audience,
    algorithms: ['HS256'],
    requiredClaims: ['exp', 'sub'],
  });
  const claims = Claims.parse(payload);
  const principal: Principal = Object.freeze({
    userId: claims.sub,
    role: claims.role,
    name: claims.name,
    region: claims.region,
  });
  return { principal, payload };
};

/**
 * The header's `alg` only chooses the path; each path pins its own algorithms (HS256 with the secret; EdDSA or
 * ES256 with identity's keys), so neither `none` nor an HMAC keyed with a public key gets through.
 * Issuer, audience and expiry are always checked.
 */
export const verifyToken = async (token: string, s: AuthSettings): Promise<Principal> => {
  const hit = verified.get(token);
  if (hit && sameSettings(hit.settings, s) && Date.now() < hit.exp * 1000) return hit.principal;
  if (hit) verified.delete(token);
  try {
    const asymmetric = s.jwks !== undefined && decodeProtectedHeader(token).alg !== 'HS256';
    const { principal, payload } = asymmetric
      ? await verifyJwksToken(token, { ...s.jwks!, issuer: s.issuer, audience: s.audience })
      : await verifyHs256(token, s);
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal, exp: Number(payload.exp), settings: s });
    return principal;
  } catch (err) {
    const why =
      err instanceof joseErrors.JWTExpired
        ? 'token expired'
        : err instanceof joseErrors.JWSSignatureVerificationFailed
          ? 'token signature invalid'
          : 'token invalid';
    throw new DomainError('auth.unauthenticated', why);
  }
};

export const mintToken = async (
  principal: Principal,
  s: AuthSettings,
  expiresIn: string | number = '12h',
): Promise<string> =>
  new SignJWT({
    role: principal.role,
    ...(principal.name ? { name: principal.name } : {}),
    ...(principal.region ? { region: principal.region } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.userId)
    .setIssuer(s.issuer)
    .setAudience(s.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(s.secret));

/** Ownership: the owner, or an admin. Otherwise 403 (the caller is known, just not allowed). */
export const assertOwner = (principal: Principal, ownerId: string, what = 'resource'): void => {
  if (principal.role === 'admin' || principal.userId === ownerId) return;
  throw new DomainError(`${what}.forbidden`, `you do not own this ${what}`);
};

export const assertRole = (principal: Principal, roles: readonly Role[]): void => {
  if (principal.role === 'admin' || roles.includes(principal.role)) return;
  throw new DomainError('auth.forbidden', `requires role ${roles.join(' or ')}`);
};
