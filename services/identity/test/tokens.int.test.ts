import { decodeProtectedHeader, decodeJwt } from 'jose';
import { verifyToken, type AuthSettings } from '@ftt/kit';
import { token, type ServiceUnderTest } from '@ftt/kit/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOperator, signedUpPerson, startHarness } from './support';

let h: ServiceUnderTest;
let kit: AuthSettings;
beforeAll(async () => {
  h = await startHarness('identity-tokens', { DEMO_PEOPLE: 'on' });
  // What another service configures: identity's JWKS (cooldown 0, so the test sees a rotation at once).
  kit = { ...h.t.auth, jwks: { url: `${h.svc.url}/.well-known/jwks.json`, cooldownMs: 0, maxAgeMs: 60_000 } };
});
afterAll(() => h?.stop());

const accessToken = async (browser: {
  call: (m: string, p: string) => Promise<{ status: number; body: { token: string } }>;
}) => {
  const r = await browser.call('GET', '/api/auth/token');
  expect(r.status).toBe(200);
  return r.body.token;
};

describe('access tokens from identity', () => {
  it('when a signed-in person asks for a token, then it is EdDSA-signed, short-lived, and the kit verifies it through the JWKS', async () => {
    const p = await signedUpPerson(h.svc.url, 'tom');
    const jwt = await accessToken(p.browser);
    const header = decodeProtectedHeader(jwt);
    const claims = decodeJwt(jwt);
    expect(header.alg).toBe('EdDSA');
    expect(claims).toMatchObject({
      sub: p.personId,
      iss: 'fieldtotable',
      aud: 'fieldtotable-api',
      memberships: [{ kind: 'buyer' }],
    });
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(claims).not.toHaveProperty('email'); // personal data stays in identity; the name is what services show
    expect(claims.name).toBe('tom');

    const jwks = (await (await fetch(`${h.svc.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/); // public halves only

    await expect(verifyToken(jwt, kit)).resolves.toEqual({
      userId: p.personId,
      name: 'tom',
      memberships: [{ kind: 'buyer' }],
    });
    // The stored signing key is encrypted with BETTER_AUTH_SECRET, never stored in the clear.
    const stored = await h.db.collection('jwks').findOne({});
    expect(stored?.privateKey).not.toMatch(/"d"\s*:/);
  });

  it('when an operator grants and revokes a membership, then the next token carries it, and both are announced', async () => {
    const p = await signedUpPerson(h.svc.url, 'uma');
    const admin = (await demoOperator(h.svc.url)).bearer;
    const packer = { kind: 'farm', farmId: 'farm-dehof', role: 'packer' };
    const granted = await p.browser.call(
      'POST',
      `/people/${p.personId}/memberships`,
      { membership: packer },
      { authorization: admin },
    );
    expect(granted).toMatchObject({
      status: 200,
      body: { personId: p.personId, memberships: [{ kind: 'buyer' }, packer] },
    });

    const principal = await verifyToken(await accessToken(p.browser), kit);
    expect(principal).toMatchObject({ userId: p.personId, memberships: [{ kind: 'buyer' }, packer] });
    await expect
      .poll(
        () => h.probe.of('ftt.identity.membership.granted.v1').find((e) => e.data.personId === p.personId),
        { timeout: 10_000 },
      )
      .toMatchObject({ data: { membership: packer, grantedBy: 'user-admin-ada' } });

    const revoked = await p.browser.call(
      'POST',
      `/people/${p.personId}/memberships/revoke`,
      { membership: packer },
      { authorization: admin },
    );
    expect(revoked.body.memberships).toEqual([{ kind: 'buyer' }]);
    expect(decodeJwt(await accessToken(p.browser)).memberships).toEqual([{ kind: 'buyer' }]);
    await expect
      .poll(
        () => h.probe.of('ftt.identity.membership.revoked.v1').find((e) => e.data.personId === p.personId),
        { timeout: 10_000 },
      )
      .toMatchObject({ data: { membership: packer, revokedBy: 'user-admin-ada' } });
    const stored = await h.db.collection('people').findOne({ _id: p.personId as never });
    expect(stored?.memberships).toEqual([{ kind: 'buyer' }]);
  });

  it('when a buyer tries to grant itself a membership, or the membership is malformed, then it is refused', async () => {
    const p = await signedUpPerson(h.svc.url, 'vera');
    const own = `Bearer ${await accessToken(p.browser)}`;
    // identity's own API takes only its own tokens: not even an operator's token of the test harness's key
    const forged = `Bearer ${await token(h.t, { userId: p.personId, role: 'admin' })}`;
    const op = { membership: { kind: 'operator' } };
    expect(
      (await p.browser.call('POST', `/people/${p.personId}/memberships`, op, { authorization: forged }))
        .status,
    ).toBe(401);
    // identity's own token is recognised (its session is alive), and it is a buyer's: forbidden, not unknown.
    expect(
      (await p.browser.call('POST', `/people/${p.personId}/memberships`, op, { authorization: own })).status,
    ).toBe(403);
    const admin = (await demoOperator(h.svc.url)).bearer;
    const bad = await p.browser.call(
      'POST',
      `/people/${p.personId}/memberships`,
      { membership: { kind: 'farm', farmId: 'f', role: 'god' } },
      { authorization: admin },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^body\.membership/);
    const nobody = await p.browser.call('POST', '/people/nobody/memberships', op, { authorization: admin });
    expect(nobody.status).toBe(404);
  });

  it('when the signing key rotates, then new tokens carry the new kid and tokens of the previous key still verify', async () => {
    const p = await signedUpPerson(h.svc.url, 'wim');
    const before = await accessToken(p.browser);
    await new Promise((r) => setTimeout(r, 3_100)); // SIGNING_KEY_ROTATION_SECONDS=3 in the harness
    const after = await accessToken(p.browser);
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    const kids = (
      (await (await fetch(`${h.svc.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }
    ).keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(
      expect.arrayContaining([decodeProtectedHeader(before).kid, decodeProtectedHeader(after).kid]),
    );
    await expect(verifyToken(after, kit)).resolves.toMatchObject({ userId: p.personId });
    await expect(verifyToken(before, kit)).resolves.toMatchObject({ userId: p.personId });
  });

  it('when a token is tampered with, then the kit refuses it', async () => {
    const p = await signedUpPerson(h.svc.url, 'xavi');
    const [head, body, sig] = (await accessToken(p.browser)).split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const raised = Buffer.from(JSON.stringify({ ...claims, memberships: [{ kind: 'operator' }] })).toString(
      'base64url',
    );
    await expect(verifyToken(`${head}.${raised}.${sig}`, kit)).rejects.toThrow('token signature invalid');
  });
});

/** The stages of a plan, depth first (a plan's inputs are under inputStage / inputStages). */
const stages = (plan: Record<string, unknown> | undefined): string[] => {
  if (!plan) return [];
  const inputs = [plan.inputStage, ...((plan.inputStages as unknown[]) ?? [])] as (
    Record<string, unknown> | undefined
  )[];
  return [String(plan.stage), ...inputs.flatMap(stages)];
};
const planOf = async (collection: string, filter: Record<string, unknown>, sort?: Record<string, 1 | -1>) => {
  const cursor = h.db.collection(collection).find(filter);
  if (sort) cursor.sort(sort).limit(20);
  const explained = (await cursor.explain()) as { queryPlanner: { winningPlan: Record<string, unknown> } };
  return stages(explained.queryPlanner.winningPlan);
};

describe("better-auth's data on the database server", () => {
  it('when better-auth looks up a user, a session, an account, a verification, a rate limit or a key, then an index serves it', async () => {
    const person = await signedUpPerson(h.svc.url, 'yara');
    expect((await person.browser.call('GET', '/api/auth/token')).status).toBe(200); // a signing key exists
    const session = await h.db.collection('session').findOne({ userId: new ObjectId(person.personId) });
    const queries: [string, Record<string, unknown>, Record<string, 1 | -1>?][] = [
      ['user', { email: person.email }],
      ['session', { token: session!.token }],
      ['session', { userId: new ObjectId(person.personId) }],
      ['account', { userId: new ObjectId(person.personId) }],
      ['verification', { identifier: 'x' }],
      ['rateLimit', { key: 'x' }],
      ['people', { _id: person.personId }],
      ['jwks', {}, { createdAt: -1 }],
    ];
    for (const [collection, filter, sort] of queries) {
      const plan = await planOf(collection, filter, sort);
      expect({ collection, filter, plan }).toEqual({
        collection,
        filter,
        plan: expect.not.arrayContaining(['COLLSCAN']),
      });
    }
  });

  it('when a transaction aborts, then nothing it wrote stays (what the adapter relies on with AUTH_DB_TRANSACTIONS=on)', async () => {
    const client = h.db.getClient();
    const users = h.db.collection('tx_probe');
    const session = client.startSession();
    await expect(
      session.withTransaction(async () => {
        await users.insertOne({ _id: 'a' as never }, { session });
        await users.insertOne({ _id: 'b' as never }, { session });
        throw new Error('a later step failed');
      }),
    ).rejects.toThrow('a later step failed');
    await session.endSession();
    expect(await users.countDocuments({})).toBe(0);
  });
});
