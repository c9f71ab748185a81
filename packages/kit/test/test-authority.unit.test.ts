import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyToken, type AuthSettings } from '../src/auth';
import { forgeToken, testEnv, testSigningKey, token } from '../src/testing';

/** The harness's token authority (kit/testing): what every service under test verifies tokens with. */
describe("the test harness's key and key set", () => {
  it('when a test signs a token for a role shorthand, then it carries the memberships identity would sign', async () => {
    const t = testEnv('authority');
    const p = await verifyToken(
      await token(t, { userId: 'pia', role: 'logistics', region: 'Utrecht', name: 'Pia' }),
      t.auth,
    );
    expect(p).toEqual({
      userId: 'pia',
      name: 'Pia',
      memberships: [
        { kind: 'buyer' },
        { kind: 'partner', partnerId: 'pia', role: 'manager', regions: ['Utrecht'] },
      ],
    });
    const keys = (await (await fetch(t.jwksUrl)).json()) as {
      keys: { kid: string; kty: string; alg: string }[];
    };
    expect(keys.keys).toEqual([
      expect.objectContaining({ kid: testSigningKey().kid, kty: 'OKP', alg: 'EdDSA' }),
    ]);
    // only the public half is published
    expect(JSON.stringify(keys)).not.toMatch(/"d":/);
  });

  it('when the key set cannot be reached (identity down), then tokens of the keys fetched before are still accepted', async () => {
    const t = testEnv('authority-down');
    const s: AuthSettings = { ...t.auth, jwks: { url: t.jwksUrl, cooldownMs: 0, maxAgeMs: 1 } };
    await verifyToken(await token(t, { userId: 'ben' }), s);
    t.jwksOutage(true);
    try {
      expect((await fetch(t.jwksUrl)).status).toBe(503);
      await new Promise((r) => setTimeout(r, 5));
      // a token never verified before: its key comes from the set fetched last
      await expect(verifyToken(await token(t, { userId: 'carla' }), s)).resolves.toMatchObject({
        userId: 'carla',
      });
      const stranger = await generateKeyPair('EdDSA');
      await expect(
        verifyToken(await forgeToken({ sub: 'carla' }, { key: stranger, kid: 'not-published' }), s),
      ).rejects.toThrow('token invalid');
    } finally {
      t.jwksOutage(false);
    }
  });

  it("when a run trusts identity, then identity's keys are published beside the harness key", async () => {
    const t = testEnv('authority-identity');
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'identity-1', alg: 'EdDSA', use: 'sig' };
    const identity = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => identity.listen(0, '127.0.0.1', r));
    try {
      t.trustIdentity(`http://127.0.0.1:${(identity.address() as AddressInfo).port}/.well-known/jwks.json`);
      const signed = await new SignJWT({ memberships: [{ kind: 'buyer' }] })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'identity-1' })
        .setSubject('prs-9')
        .setIssuer(t.auth.issuer)
        .setAudience(t.auth.audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(verifyToken(signed, t.auth)).resolves.toMatchObject({ userId: 'prs-9' });
      await expect(verifyToken(await token(t, { userId: 'ben' }), t.auth)).resolves.toMatchObject({
        userId: 'ben',
      });
    } finally {
      identity.close();
    }
  });
});
