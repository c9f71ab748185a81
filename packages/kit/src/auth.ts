import { errors as joseErrors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { KeysUnreachable, verifyJwksToken, type JwksSettings } from './auth-jwks';
import { DomainError } from './errors';
import type { Principal } from './principal';

export type { Principal };

/**
 * How bearer tokens are verified. Only identity signs them (EdDSA or ES256); every other service verifies them with
 * the keys identity publishes (AUTH_JWKS_URL), identity itself with its own keys (`keys`). There is no shared secret:
 * a service that can verify a token cannot mint one.
 */
export interface AuthSettings {
  issuer: string;
  audience: string;
  /** identity's key set (AUTH_JWKS_URL): cached, fetched again on an unknown `kid`, kept while identity is down. */
  jwks?: JwksSettings | undefined;
  /** The keys themselves, for identity (which reads them from its own database). Used instead of `jwks`. */
  keys?: JWTVerifyGetKey | undefined;
}

/**
 * Tokens already verified, until they expire: a browser or a client sends the same token with every request, and a
 * signature verification (key lookup, signature, claims) per request was a visible share of the services' CPU under
 * load. Bounded (the oldest entry goes first); an entry is used only for the same settings and before its `exp`.
 */
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { principal: Principal; exp: number; settings: AuthSettings }>();

const sameSettings = (a: AuthSettings, b: AuthSettings) =>
  a === b ||
  (a.issuer === b.issuer && a.audience === b.audience && a.jwks?.url === b.jwks?.url && a.keys === b.keys);

/**
 * Verifies an access token identity signed: EdDSA or ES256 only (so neither `none` nor an HMAC keyed with a public
 * key gets through), a key identity published, issuer, audience, expiry, and the claims' shape. 401 otherwise.
 */
export const verifyToken = async (token: string, s: AuthSettings): Promise<Principal> => {
  const hit = verified.get(token);
  if (hit && sameSettings(hit.settings, s) && Date.now() < hit.exp * 1000) return hit.principal;
  if (hit) verified.delete(token);
  let result: { principal: Principal; payload: JWTPayload };
  try {
    const keys = s.keys ?? s.jwks;
    if (!keys) throw new DomainError('auth.unauthenticated', 'no keys to verify tokens with');
    result = await verifyJwksToken(token, { keys, issuer: s.issuer, audience: s.audience });
  } catch (err) {
    if (err instanceof DomainError) throw err;
    // Identity's keys could not be fetched (no answer in time, a 5xx) and none are cached yet: the token may well be
    // good, so the caller hears "try again", not "your token is invalid" (a 401 signs the person out).
    if (err instanceof KeysUnreachable)
      throw new DomainError('auth.unavailable', 'the keys to verify tokens cannot be fetched now; try again shortly', [], 5);
    const why =
      err instanceof joseErrors.JWTExpired
        ? 'token expired'
        : err instanceof joseErrors.JWSSignatureVerificationFailed
          ? 'token signature invalid'
          : 'token invalid';
    throw new DomainError('auth.unauthenticated', why);
  }
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(token, { principal: result.principal, exp: Number(result.payload.exp), settings: s });
  return result.principal;
};
