import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD, demoFarmId, demoUsers } from '@ftt/kit/demo-users';
import { forgeToken, strangerKey, testEnv } from '@ftt/kit/testing';
import { exportSPKI, importJWK, SignJWT, decodeProtectedHeader, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identitySigningKey, type IdentitySigningKey } from '../../services/identity/test/signing-key';
import { Browser, newEmail } from '../../services/identity/test/support';
import { farmBody, listingBody } from '../support/actors';
import { ServiceProcess, startIdentityProcess } from '../support/system';
import { bearerCall } from './bearer-call';

/**
 * Every refusal of issue #28's hostile list, against real processes: identity (its own keys, its database) and
 * catalog, which verifies identity's tokens through identity's JWKS only. Short lifetimes and windows come from
 * identity's configuration, so the file waits seconds, not minutes:
 * - an access token lives ACCESS_TOKEN_TTL_SECONDS (4 s here, 600 s by default): that is the bound within which a
 *   revoked session's token is still accepted by the other services (identity refuses it at once);
 * - sign-in allows SIGN_IN_MAX attempts per client address and SIGN_IN_WINDOW_SECONDS.
 */
const TTL_SECONDS = 4;
const SIGN_IN_MAX = 3;
const SIGN_IN_WINDOW_SECONDS = 3;

const t = testEnv('idrefuse');
const secret = randomBytes(32).toString('hex');
let identity: ServiceProcess;
let catalog: ServiceProcess;
let key: IdentitySigningKey;
const person = (id: string) => demoUsers.find((u) => u.userId === id)!;
const anna = person('user-farmer-anna');
const joost = person('user-farmer-joost');
const piet = person('user-packer-piet');
const ben = person('user-buyer-ben');
let annaListingId = '';
let annaJwt: () => Promise<string>;

const call = bearerCall(() => catalog.url);

/** A demo person signed in from a browser of their own (its own client address: rate limits are per address). */
const signIn = async (who: { email: string }) => {
  const browser = new Browser(identity.url);
  const r = await browser.call('POST', '/api/auth/sign-in/email', {
    email: who.email,
    password: DEMO_PASSWORD,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const jwt = async () => {
    const tk = await browser.call('GET', '/api/auth/token');
    expect(tk.status).toBe(200);
    return String(tk.body.token);
  };
  return { browser, jwt, personId: String(r.body.personId) };
};

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as JWTPayload;
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Signs `claims` with identity's own private key and kid: what only identity could have made. */
const withIdentityKey = (claims: JWTPayload) =>
  new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);

beforeAll(async () => {
  identity = await startIdentityProcess(t, {
    BETTER_AUTH_SECRET: secret,
    ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS),
    SIGN_IN_MAX: String(SIGN_IN_MAX),
    SIGN_IN_WINDOW_SECONDS: String(SIGN_IN_WINDOW_SECONDS),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: process.env.MAILPIT_SMTP_PORT ?? '1025',
  });
  catalog = await new ServiceProcess('catalog', t, {
    AUTH_JWKS_URL: `${identity.url}/.well-known/jwks.json`,
    AUTH_JWKS_COOLDOWN_MS: '0',
  }).start();
  // Anna opens her farm and lists produce; Joost opens his: what the packer will try to change.
  const a = await signIn(anna);
  annaJwt = a.jwt;
  const opened = await call('/farms', await a.jwt(), {
    method: 'POST',
    body: farmBody('De Hof', 'Gelderland', 'Ede', 52.04, 5.66),
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const listed = await call(`/farms/${demoFarmId(anna.userId)}/listings`, await a.jwt(), {
    method: 'POST',
    body: listingBody('Tomatoes', `LOT-IDR-${randomBytes(3).toString('hex')}`, 20, 350),
  });
  expect(listed.status, JSON.stringify(listed.body)).toBe(201);
  annaListingId = String(listed.body.id);
  expect((await call(`/listings/${annaListingId}/publish`, await a.jwt(), { method: 'POST' })).status).toBe(
    200,
  );
  const j = await signIn(joost);
  expect(
    (
      await call('/farms', await j.jwt(), {
        method: 'POST',
        body: farmBody('Bakker', 'Utrecht', 'Houten', 52.03, 5.17),
      })
    ).status,
  ).toBe(201);
  const realKid = decodeProtectedHeader(await a.jwt()).kid;
  key = await identitySigningKey(new URL(`${t.mongoUrl}_identity`).toString(), secret);
  expect(key.kid).toBe(realKid);
}, 180_000);
afterAll(async () => {
  await catalog?.stop();
  await identity?.stop();
});

describe('forged tokens: each refused by a service that verifies through identity’s JWKS', () => {
  it('when a token is made with identity’s own key but expired, for another issuer or another audience, or without exp, then catalog refuses it (401), while the same key with the right claims passes', async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = {
      sub: anna.userId,
      name: anna.name,
      memberships: anna.memberships,
      iss: 'fieldtotable',
      aud: 'fieldtotable-api',
      iat: now,
      exp: now + 60,
    };
    // the control: identity's key and claims identity would sign are accepted, so each refusal below is the claim's
    expect((await call('/farms/mine', await withIdentityKey(good))).status).toBe(200);
    const refused: [string, JWTPayload][] = [
      ['expired', { ...good, iat: now - 120, exp: now - 60 }],
      ['another issuer', { ...good, iss: 'https://identity.evil.example' }],
      ['another audience', { ...good, aud: 'another-api' }],
      ['no expiry', Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'exp'))],
      [
        'memberships of a wrong shape',
        { ...good, memberships: [{ kind: 'farm', farmId: 'f', role: 'god' }] },
      ],
    ];
    for (const [why, claims] of refused) {
      const r = await call('/farms/mine', await withIdentityKey(claims));
      expect(r.status, why).toBe(401);
      expect(r.body.code, why).toBe('auth.unauthenticated');
    }
  });

  it('when a token says alg none, is an HS256 MAC keyed with identity’s published public key, names an unknown kid, or is a real token with raised memberships, then catalog refuses it (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const operator = {
      sub: ben.userId,
      memberships: [{ kind: 'operator' }],
      iss: 'fieldtotable',
      aud: 'fieldtotable-api',
      iat: now,
      exp: now + 60,
    };
    const published = (
      (await (await fetch(`${identity.url}/.well-known/jwks.json`)).json()) as {
        keys: { kid: string; x: string }[];
      }
    ).keys.find((k) => k.kid === key.kid)!;
    expect(published).toBeDefined();
    const publicKey = (await importJWK({ ...key.publicJwk, kid: key.kid }, key.alg)) as CryptoKey;
    const hmac = (secretText: string | Uint8Array) =>
      new SignJWT(operator)
        .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
        .sign(typeof secretText === 'string' ? new TextEncoder().encode(secretText) : secretText);
    const real = await (await signIn(ben)).jwt();
    const [head, , sig] = real.split('.');
    const forged: [string, string][] = [
      [
        'alg none with identity’s kid',
        `${b64url({ alg: 'none', kid: key.kid, typ: 'JWT' })}.${b64url(operator)}.`,
      ],
      ['alg none, no signature part', `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(operator)}`],
      ['HS256 keyed with the public key as PEM', await hmac(await exportSPKI(publicKey))],
      ['HS256 keyed with the published JWK', await hmac(JSON.stringify(published))],
      ['HS256 keyed with the raw public key bytes', await hmac(Buffer.from(published.x, 'base64url'))],
      [
        'a kid identity never published',
        await forgeToken(operator, { key: await strangerKey(), kid: 'kid-nobody-published' }),
      ],
      ['identity’s kid, another key', await forgeToken(operator, { key: await strangerKey(), kid: key.kid })],
      [
        'a real token with operator memberships pasted in',
        `${head}.${b64url({ ...claimsOf(real), memberships: [{ kind: 'operator' }] })}.${sig}`,
      ],
    ];
    for (const [why, jwt] of forged) {
      const r = await call('/farms/mine', jwt);
      expect(r.status, why).toBe(401);
      expect(r.body.code, why).toBe('auth.unauthenticated');
    }
  });
});

describe('a revoked session', () => {
  it(`when a person signs out, then identity refuses the session's token at once and the other services refuse it once it expires (the bound: ACCESS_TOKEN_TTL_SECONDS, ${TTL_SECONDS} s here)`, async () => {
    const a = await signIn(anna);
    const jwt = await a.jwt();
    const { iat, exp } = claimsOf(jwt);
    expect(exp! - iat!).toBe(TTL_SECONDS); // the bound is the token's own lifetime
    expect((await call('/farms/mine', jwt)).status).toBe(200);
    expect(
      (await a.browser.call('GET', '/people/me', undefined, { authorization: `Bearer ${jwt}` })).status,
    ).toBe(200);

    expect((await a.browser.call('POST', '/api/auth/sign-out')).status).toBe(204);
    const me = await a.browser.call('GET', '/people/me', undefined, { authorization: `Bearer ${jwt}` });
    expect(me.status).toBe(401);
    expect(me.body.detail).toBe('the session of this token has ended');
    expect((await a.browser.call('GET', '/api/auth/token')).status).toBe(401); // no new token

    // catalog does not look sessions up: the token is good until its exp, and not one second longer
    const left = exp! * 1000 - Date.now();
    expect(left).toBeLessThanOrEqual(TTL_SECONDS * 1000);
    await new Promise((r) => setTimeout(r, Math.max(0, left) + 1_100));
    const after = await call('/farms/mine', jwt);
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/expired/);
  });
});

describe('privilege escalation', () => {
  it('when a buyer grants itself a farm owner or an operator membership, or slips memberships into its account, then identity refuses and its next token is still a buyer’s', async () => {
    const b = await signIn(ben);
    const bearer = { authorization: `Bearer ${await b.jwt()}` };
    for (const membership of [
      { kind: 'farm', farmId: demoFarmId(anna.userId), role: 'owner' },
      { kind: 'farm', farmId: 'farm-of-my-own', role: 'owner' },
      { kind: 'operator' },
      { kind: 'partner', partnerId: 'ptn-mine', role: 'manager', regions: ['Utrecht'] },
    ]) {
      const r = await b.browser.call('POST', `/people/${b.personId}/memberships`, { membership }, bearer);
      expect(r.status, JSON.stringify(membership)).toBe(403);
    }
    const update = await b.browser.call('POST', '/api/auth/update-user', {
      memberships: [{ kind: 'operator' }],
    });
    expect(update.status).toBe(400);
    const signUp = await new Browser(identity.url).call('POST', '/api/auth/sign-up/email', {
      name: 'Mallory',
      email: newEmail('mallory'),
      password: 'a-long-password-9',
      memberships: [{ kind: 'operator' }],
      role: 'admin',
    });
    expect(signUp.status).toBe(400);
    expect(claimsOf(await b.jwt()).memberships).toEqual([{ kind: 'buyer' }]);
    expect((await call('/farms/mine', await b.jwt())).status).toBe(403);
  });

  it('when a packer (signed in through identity) changes a price of the farm it packs for, or acts on another farm, then catalog refuses and nothing changes', async () => {
    const p = await signIn(piet);
    const jwt = await p.jwt();
    expect(claimsOf(jwt).memberships).toContainEqual({
      kind: 'farm',
      farmId: demoFarmId(anna.userId),
      role: 'packer',
    });
    const attempts: [string, string, string, unknown][] = [
      [
        'a price of the farm it packs for',
        'PATCH',
        `/listings/${annaListingId}`,
        { unitPrice: { amount: 1, currency: 'EUR' } },
      ],
      [
        'publishing a listing of the farm it packs for',
        'POST',
        `/listings/${annaListingId}/publish`,
        undefined,
      ],
      ['its farm’s profile', 'PATCH', `/farms/${demoFarmId(anna.userId)}`, { name: 'Piet’s now' }],
      ['another farm’s profile', 'PATCH', `/farms/${demoFarmId(joost.userId)}`, { name: 'Piet’s now' }],
      [
        'a listing on another farm',
        'POST',
        `/farms/${demoFarmId(joost.userId)}/listings`,
        listingBody('Planted', 'LOT-PIET-1', 5, 100),
      ],
    ];
    for (const [why, method, path, body] of attempts) {
      const r = await call(path, jwt, { method, body });
      expect(r.status, why).toBe(403);
      expect(r.body.code, why).toMatch(/\.forbidden$/);
    }
    const listing = await call(`/listings/${annaListingId}`, await annaJwt());
    expect(listing.body.listing).toMatchObject({ unitPrice: { amount: 350 }, status: 'published' });
    const other = await call(`/farms/${demoFarmId(joost.userId)}`, await annaJwt());
    expect(other.body.farm.name).toBe('Bakker');
  });
});

describe('brute force on sign-in', () => {
  it(`when one client guesses passwords, then past ${SIGN_IN_MAX} attempts it gets 429 with Retry-After (even for the right password), and after the window it signs in again`, async () => {
    const attacker = new Browser(identity.url);
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_MAX; i++)
      statuses.push(
        (await attacker.call('POST', '/api/auth/sign-in/email', { email: ben.email, password: `guess-${i}` }))
          .status,
      );
    expect(statuses).toEqual(Array<number>(SIGN_IN_MAX).fill(401));
    const limited = await attacker.call('POST', '/api/auth/sign-in/email', {
      email: ben.email,
      password: DEMO_PASSWORD,
    });
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'account.rate_limited' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_WINDOW_SECONDS);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 300));
    const recovered = await attacker.call('POST', '/api/auth/sign-in/email', {
      email: ben.email,
      password: DEMO_PASSWORD,
    });
    expect(recovered.status).toBe(200);
  });
});

describe('account enumeration', () => {
  const shape = (r: { status: number; headers: Record<string, unknown>; body: unknown }) => ({
    status: r.status,
    body: r.body,
    contentType: r.headers['content-type'],
    setsCookie: r.headers['set-cookie'] !== undefined,
    retryAfter: r.headers['retry-after'],
  });

  it('when sign-in, a password reset or a new verification mail names a known or an unknown email, then the answers are identical', async () => {
    const known = ben.email;
    const unknown = newEmail('nobody');
    for (const [path, body] of [
      ['/api/auth/sign-in/email', (email: string) => ({ email, password: 'not-the-password-1' })],
      ['/api/auth/request-password-reset', (email: string) => ({ email })],
      ['/api/auth/send-verification-email', (email: string) => ({ email })],
    ] as const) {
      const a = await new Browser(identity.url).call('POST', path, body(known));
      const b = await new Browser(identity.url).call('POST', path, body(unknown));
      expect(a.status, path).toBeLessThan(500);
      expect(shape(a), path).toEqual(shape(b));
    }
  });
});
