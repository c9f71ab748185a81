import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyToken, type AuthSettings } from '../src/auth';

// A real HTTP server serves the key set, as identity does; the kit fetches it with jose's remote key set.
const issuer = 'fieldtotable';
const audience = 'fieldtotable-api';

type Pair = Awaited<ReturnType<typeof generateKeyPair>>;
interface Key {
  kid: string;
  privateKey: Pair['privateKey'];
  publicKey: Pair['publicKey'];
  jwk: JWK;
}
const newKey = async (kid: string, alg: 'EdDSA' | 'ES256' = 'EdDSA'): Promise<Key> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
};

let served: JWK[] = [];
let up = true;
let fetches = 0;
let server: Server;
let url: string;

const sign = (key: Key, claims: JWTPayload = {}) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    sub: 'prs-1',
    iss: issuer,
    aud: audience,
    iat: now,
    exp: now + 300,
    memberships: [{ kind: 'buyer' }],
    ...claims,
  })
    .setProtectedHeader({ alg: key.jwk.alg!, kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
};

const settings = (over: Partial<NonNullable<AuthSettings['jwks']>> = {}): AuthSettings => ({
  issuer,
  audience,
  jwks: { url, cooldownMs: 0, maxAgeMs: 60_000, ...over },
});

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

let first: Key;
beforeAll(async () => {
  first = await newKey('k1');
  served = [first.jwk];
  server = createServer((_req, res) => {
    fetches++;
    if (!up) {
      res.statusCode = 503;
      return res.end();
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('tokens signed by identity, verified through its JWKS', () => {
  it('when a token is signed with a published key, then the person and their memberships come out of it', async () => {
    const token = await sign(first, {
      memberships: [{ kind: 'partner', partnerId: 'ptn-1', role: 'driver', regions: ['Utrecht'] }],
    });
    const principal = await verifyToken(token, settings());
    expect(principal).toMatchObject({ userId: 'prs-1' });
    expect(principal).not.toHaveProperty('role');
    expect(principal.memberships).toEqual([
      { kind: 'partner', partnerId: 'ptn-1', role: 'driver', regions: ['Utrecht'] },
    ]);
  });

  it('when a token is an HS256 token (the shared secret of before identity), then it is refused whatever its secret', async () => {
    for (const secret of ['a-test-secret-0123456789abcdef012345', 'change-me-to-a-long-random-secret-0000']) {
      const token = await new SignJWT({ memberships: [{ kind: 'operator' }] })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('user-admin-ada')
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
      await expect(verifyToken(token, settings())).rejects.toThrow(/token invalid/);
    }
  });

  it('when there is no key set at all, then every token is refused', async () => {
    await expect(verifyToken(await sign(first), { issuer, audience })).rejects.toThrow(/no keys/);
  });

  it('when a token says alg none, then it is refused', async () => {
    const payload = {
      sub: 'prs-1',
      iss: issuer,
      aud: audience,
      iat: 1,
      exp: 4_000_000_000,
      memberships: [{ kind: 'operator' }],
    };
    const token = `${b64url({ alg: 'none', typ: 'JWT', kid: 'k1' })}.${b64url(payload)}.`;
    await expect(verifyToken(token, settings())).rejects.toThrow(/token invalid/);
  });

  it('when a token is an HS256 MAC keyed with the public key, then it is refused', async () => {
    for (const keyText of [await exportSPKI(first.publicKey), JSON.stringify(first.jwk), first.jwk.x!]) {
      const token = await new SignJWT({ memberships: [{ kind: 'operator' }] })
        .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
        .setSubject('prs-1')
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(keyText));
      await expect(verifyToken(token, settings())).rejects.toThrow(/token signature invalid|token invalid/);
    }
  });

  it('when a token names a key identity never published, then it is refused', async () => {
    const stranger = await newKey('k-unknown');
    await expect(verifyToken(await sign(stranger), settings())).rejects.toThrow(/token invalid/);
    const forged = await newKey('k1'); // the right kid, somebody else's key
    await expect(verifyToken(await sign(forged), settings())).rejects.toThrow(/token signature invalid/);
  });

  it('when a token has expired or names another issuer or audience, then it is refused', async () => {
    const past = Math.floor(Date.now() / 1000) - 600;
    await expect(verifyToken(await sign(first, { iat: past, exp: past + 300 }), settings())).rejects.toThrow(
      'token expired',
    );
    await expect(verifyToken(await sign(first, { iss: 'somebody-else' }), settings())).rejects.toThrow(
      'token invalid',
    );
    await expect(verifyToken(await sign(first, { aud: 'another-api' }), settings())).rejects.toThrow(
      'token invalid',
    );
  });

  it('when the token claims memberships of a wrong shape, then it is refused', async () => {
    const token = await sign(first, { memberships: [{ kind: 'farm', farmId: 'f-1', role: 'god' }] });
    await expect(verifyToken(token, settings())).rejects.toThrow('token invalid');
  });

  it('when identity rotates to a new key, then tokens of the new key and of the previous one are accepted', async () => {
    const s = settings();
    await verifyToken(await sign(first), s); // the set is cached with k1 only
    const second = await newKey('k2', 'ES256');
    served = [second.jwk, first.jwk];
    const before = fetches;
    await expect(verifyToken(await sign(second), s)).resolves.toMatchObject({ userId: 'prs-1' });
    expect(fetches).toBe(before + 1); // the unknown kid fetched the set again, once
    await expect(verifyToken(await sign(first), s)).resolves.toMatchObject({ userId: 'prs-1' });
    expect(fetches).toBe(before + 1);
  });

  it('when identity cannot be reached, then the keys it published last still verify, and unknown keys do not', async () => {
    const s = settings({ maxAgeMs: 1 });
    served = [first.jwk];
    // tokens of their own (jti), so that no verification of an earlier test answers from the kit's cache of verified
    // tokens: the key set is fetched here while identity is up, and asked again while it is down
    await verifyToken(await sign(first, { jti: 'published-last-1' }), s);
    up = false;
    try {
      await new Promise((r) => setTimeout(r, 5));
      await expect(verifyToken(await sign(first, { jti: 'published-last-2' }), s)).resolves.toMatchObject({
        userId: 'prs-1',
      });
      await expect(verifyToken(await sign(await newKey('k9')), s)).rejects.toThrow('token invalid');
    } finally {
      up = true;
    }
  });

  it('when identity cannot be reached and no key set was ever fetched, then the caller is told to try again (503), not that the token is invalid (401), and the same token passes once identity answers', async () => {
    const s = settings({ maxAgeMs: 2 }); // a key set of its own, never fetched
    served = [first.jwk];
    const token = await sign(first, { jti: 'never-fetched' });
    up = false;
    try {
      const refused = await verifyToken(token, s).then(
        () => undefined,
        (e: unknown) => e,
      );
      // the problem's code decides the status: *.unavailable is a 503 with Retry-After (http/error-handler.ts)
      expect(refused).toMatchObject({ code: 'auth.unavailable', retryAfterSeconds: 5 });
    } finally {
      up = true;
    }
    await expect(verifyToken(token, s)).resolves.toMatchObject({ userId: 'prs-1' });
  });
});
