import type { ServiceUnderTest } from '@ftt/kit/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, demoOperator, signedUpPerson, startHarness, totpCode } from './support';

let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startHarness('identity-2fa', { DEMO_PEOPLE: 'on' });
});
afterAll(() => h?.stop());

type Person = Awaited<ReturnType<typeof signedUpPerson>>;

const enrol = async (p: Person) => {
  const started = await p.browser.call('POST', '/api/auth/two-factor/enable', { password: p.password });
  expect(started.status).toBe(200);
  expect(started.body.totpURI).toMatch(/^otpauth:\/\/totp\//);
  expect(started.body.backupCodes.length).toBeGreaterThan(0);
  const totpURI = started.body.totpURI as string;
  const verified = await p.browser.call('POST', '/api/auth/two-factor/verify-totp', {
    code: await totpCode(totpURI),
  });
  expect(verified).toMatchObject({ status: 200, body: { secondFactor: 'totp' } });
  return totpURI;
};

const claimsOf = async (b: Browser) => {
  const r = await b.call('GET', '/api/auth/token');
  expect(r.status).toBe(200);
  return { jwt: r.body.token as string, claims: decodeJwt(r.body.token as string) };
};

describe('second factor (TOTP)', () => {
  it('when a person enrols a TOTP app, then signing in asks for a code, a wrong one is refused and the right one opens a session', async () => {
    const p = await signedUpPerson(h.svc.url, 'quinn');
    const wrongPassword = await p.browser.call('POST', '/api/auth/two-factor/enable', {
      password: 'not-it-at-all',
    });
    expect(wrongPassword.status).toBe(400);
    const totpURI = await enrol(p);

    const b = new Browser(h.svc.url);
    const first = await b.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password });
    expect(first).toMatchObject({ status: 200, body: { secondFactorRequired: true } });
    expect(b.hasSession()).toBe(false);
    expect((await b.call('GET', '/api/auth/token')).status).toBe(401);

    const wrong = await b.call('POST', '/api/auth/two-factor/verify-totp', { code: '000000' });
    expect(wrong.status).toBe(401);
    const malformed = await b.call('POST', '/api/auth/two-factor/verify-totp', { code: '12ab' });
    expect(malformed.body.errors[0].field).toBe('body.code');
    const right = await b.call('POST', '/api/auth/two-factor/verify-totp', { code: await totpCode(totpURI) });
    expect(right).toMatchObject({ status: 200, body: { personId: p.personId } });
    expect(b.hasSession()).toBe(true);
    expect((await b.call('GET', '/api/auth/token')).status).toBe(200);
  });

  it('when an operator has no second factor, then the token carries no operator membership until one is enrolled', async () => {
    const p = await signedUpPerson(h.svc.url, 'rita');
    const admin = (await demoOperator(h.svc.url)).bearer;
    const granted = await p.browser.call(
      'POST',
      `/people/${p.personId}/memberships`,
      { membership: { kind: 'operator' } },
      { authorization: admin },
    );
    expect(granted.status).toBe(200);

    const before = await claimsOf(p.browser);
    expect(before.claims.memberships).toEqual([{ kind: 'buyer' }]);
    const me = await p.browser.call('GET', '/people/me', undefined, {
      authorization: `Bearer ${before.jwt}`,
    });
    expect(me.body).toMatchObject({ memberships: [{ kind: 'buyer' }], secondFactorNeeded: true });

    await enrol(p);
    const after = await claimsOf(p.browser);
    expect(after.claims.memberships).toEqual([{ kind: 'buyer' }, { kind: 'operator' }]);
    // The operator's own token now acts as one in identity (a buyer's could not).
    const op = `Bearer ${after.jwt}`;
    const other = await signedUpPerson(h.svc.url, 'sven');
    const grant = await p.browser.call(
      'POST',
      `/people/${other.personId}/memberships`,
      { membership: { kind: 'farm', farmId: 'farm-x', role: 'packer' } },
      { authorization: op },
    );
    expect(grant.status).toBe(200);
    const buyer = `Bearer ${(await claimsOf(other.browser)).jwt}`;
    const self = await other.browser.call(
      'POST',
      `/people/${other.personId}/memberships`,
      { membership: { kind: 'operator' } },
      { authorization: buyer },
    );
    expect(self.status).toBe(403);
    // Enrolling replaced the session the first token came from: that token is refused now.
    const stale = await p.browser.call('GET', '/people/me', undefined, {
      authorization: `Bearer ${before.jwt}`,
    });
    expect(stale.status).toBe(401);
  });
});

describe('revoked sessions', () => {
  it('when a session ends, then its access tokens are refused by identity at once, though they have not expired', async () => {
    const p = await signedUpPerson(h.svc.url, 'tess');
    const { jwt, claims } = await claimsOf(p.browser);
    expect(typeof claims.sid).toBe('string');
    const bearer = { authorization: `Bearer ${jwt}` };
    expect((await new Browser(h.svc.url).call('GET', '/people/me', undefined, bearer)).status).toBe(200);
    expect((await p.browser.call('POST', '/api/auth/sign-out')).status).toBe(204);
    const after = await new Browser(h.svc.url).call('GET', '/people/me', undefined, bearer);
    expect(after.status).toBe(401);
    expect(after.body.detail).toBe('the session of this token has ended');
    expect(claims.exp! * 1000).toBeGreaterThan(Date.now()); // still inside its lifetime
  });
});
