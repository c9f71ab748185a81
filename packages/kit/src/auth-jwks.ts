import { Membership } from '@ftt/contracts';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import type { Principal } from './principal';

/** The algorithms identity signs with. Pinned, so a token cannot pick `none` or an HMAC over the public key. */
export const ASYMMETRIC_ALGORITHMS = ['EdDSA', 'ES256'] as const;

export interface JwksSettings {
  url: string;
  /** Least time between two fetches of the key set (an unknown `kid` fetches again, at most this often). */
  cooldownMs: number;
  /** A key set older than this is fetched again before use; if the fetch fails, the last one still verifies. */
  maxAgeMs: number;
}

/**
 * One remote key set per URL and settings, kept for the process: jose caches the keys and fetches again on an
 * unknown `kid` (after the cooldown), which is how a rotated key is picked up without a restart.
 */
interface KeySet {
  remote: ReturnType<typeof createRemoteJWKSet>;
  /** The last key set fetched, and a verifier over it (built once per fetch: it keeps the imported keys). */
  lastJwks?: JSONWebKeySet;
  lastGood?: JWTVerifyGetKey;
}
const keySets = new Map<string, KeySet>();

/** Failures of reaching identity (no answer, a 5xx, a broken body), as opposed to a key set that lacks the key. */
const UNREACHABLE = new Set(['ERR_JOSE_GENERIC', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);
const unreachable = (err: unknown) =>
  err instanceof joseErrors.JOSEError ? UNREACHABLE.has(err.code) : err instanceof Error;

/** Identity's key set could not be fetched and no earlier one is cached: nothing is known about the token yet. */
export class KeysUnreachable extends Error {
  constructor(cause: unknown) {
    super('the key set could not be fetched', { cause });
    this.name = 'KeysUnreachable';
  }
}

const keySetOf = (s: JwksSettings) => {
  const id = `${s.url} ${s.cooldownMs} ${s.maxAgeMs}`;
  let set = keySets.get(id);
  if (!set) {
    set = {
      remote: createRemoteJWKSet(new URL(s.url), {
        cooldownDuration: s.cooldownMs,
        cacheMaxAge: s.maxAgeMs,
        // longer than a key set that asks further (the test harness's asks identity for up to 1 s): a slow answer
        // on a busy machine is still an answer, where giving up is a 503 for the request that waited
        timeoutDuration: 5000,
      }),
    };
    keySets.set(id, set);
  }
  return set;
};

/**
 * The key for a token: the remote set, or, while identity cannot be reached, the keys it served last. Identity
 * being down must not sign everybody out: the keys it published stay valid until their tokens expire.
 */
const keyFor =
  (s: JwksSettings): JWTVerifyGetKey =>
  async (header, token) => {
    const set = keySetOf(s);
    try {
      const key = await set.remote(header, token);
      const jwks = set.remote.jwks();
      if (jwks && jwks !== set.lastJwks) {
        set.lastJwks = jwks;
        set.lastGood = createLocalJWKSet(jwks);
      }
      return key;
    } catch (err) {
      if (unreachable(err)) {
        if (set.lastGood) return set.lastGood(header, token);
        throw new KeysUnreachable(err);
      }
      throw err;
    }
  };

const Claims = z.object({
  sub: z.string().min(1),
  name: z.string().max(200).optional(),
  memberships: z.array(Membership).max(200).default([]),
});

/** Verifies a token identity signed (EdDSA or ES256, key from its JWKS or given); issuer, audience and expiry always. */
export const verifyJwksToken = async (
  token: string,
  s: { keys: JwksSettings | JWTVerifyGetKey; issuer: string; audience: string },
): Promise<{ principal: Principal; payload: JWTPayload }> => {
  const { payload } = await jwtVerify(token, typeof s.keys === 'function' ? s.keys : keyFor(s.keys), {
    issuer: s.issuer,
    audience: s.audience,
    algorithms: [...ASYMMETRIC_ALGORITHMS],
    requiredClaims: ['exp', 'sub', 'iat'],
  });
  const claims = Claims.parse(payload);
  const principal: Principal = Object.freeze({
    userId: claims.sub,
    ...(claims.name !== undefined ? { name: claims.name } : {}),
    memberships: Object.freeze(claims.memberships.map((m) => Object.freeze(m))),
  });
  return { principal, payload };
};
