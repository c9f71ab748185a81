import { randomBytes } from 'node:crypto';
import type { ServiceUnderTest } from '@ftt/kit/testing';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, mailedToken, mailsTo, newEmail, signedUpPerson, startHarness } from './support';

const SECRET = randomBytes(32).toString('hex');
const RESET_MAX = 3;
let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startHarness('identity-recovery', { BETTER_AUTH_SECRET: SECRET, RESET_MAX: String(RESET_MAX) });
});
afterAll(() => h?.stop());

const RESET_SUBJECT = /password/i;

describe('password reset', () => {
  it('when a reset is asked for a known and an unknown email, then both answers are the same, the mail is in the person’s language, and past the limit the client gets 429 with Retry-After', async () => {
    const p = await signedUpPerson(h.svc.url, 'ilse', 'nl');
    const b = new Browser(h.svc.url);
    const known = await b.call('POST', '/api/auth/request-password-reset', { email: p.email });
    const unknown = await b.call('POST', '/api/auth/request-password-reset', { email: newEmail('nobody') });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);

    const mail = await mailedToken(p.email, /wachtwoord/i);
    expect(mail.subject).toBe('Stel een nieuw wachtwoord in voor FieldToTable');
    expect(mail.text).toContain('http://127.0.0.1:5173/reset?token='); // the web app's page

    expect((await b.call('POST', '/api/auth/request-password-reset', { email: newEmail('x') })).status).toBe(
      202,
    );
    const limited = await b.call('POST', '/api/auth/request-password-reset', { email: p.email });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ code: 'account.rate_limited' });
    const bad = await new Browser(h.svc.url).call('POST', '/api/auth/request-password-reset', {
      email: 'nope',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.email');
  });

  it('when the reset link is used, then the password changes, every session ends, and a second use is refused', async () => {
    const p = await signedUpPerson(h.svc.url, 'joop');
    const laptop = new Browser(h.svc.url);
    await laptop.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password });
    expect((await laptop.call('GET', '/api/auth/token')).status).toBe(200);

    const asker = new Browser(h.svc.url);
    await asker.call('POST', '/api/auth/request-password-reset', { email: p.email });
    const { token, subject } = await mailedToken(p.email, RESET_SUBJECT);
    expect(subject).toBe('Set a new password for FieldToTable');
    const newPassword = 'a-new-password-42';
    expect((await asker.call('POST', '/api/auth/reset-password', { token, newPassword })).status).toBe(204);

    expect((await p.browser.call('GET', '/api/auth/token')).status).toBe(401);
    expect((await laptop.call('GET', '/api/auth/token')).status).toBe(401);
    const b = new Browser(h.svc.url);
    expect(
      (await b.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password })).status,
    ).toBe(401);
    expect(
      (await b.call('POST', '/api/auth/sign-in/email', { email: p.email, password: newPassword })).status,
    ).toBe(200);

    const again = await asker.call('POST', '/api/auth/reset-password', {
      token,
      newPassword: 'yet-another-pw-43',
    });
    expect(again.status).toBe(400);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({
      code: 'account.invalid',
      detail: 'the link is invalid, used or has expired',
    });
  });

  it('when a reset link has expired, then it is refused and the password stays', async () => {
    const p = await signedUpPerson(h.svc.url, 'kees');
    const b = new Browser(h.svc.url);
    await b.call('POST', '/api/auth/request-password-reset', { email: p.email });
    const { token } = await mailedToken(p.email, RESET_SUBJECT);
    // The link's row is better-auth's; its lifetime (RESET_TTL_SECONDS) is passed by ageing the row.
    const aged = await h.db
      .collection('verification')
      .updateOne(
        { identifier: `reset-password:${token}` },
        { $set: { expiresAt: new Date(Date.now() - 1000) } },
      );
    expect(aged.modifiedCount).toBe(1);
    const r = await b.call('POST', '/api/auth/reset-password', { token, newPassword: 'a-new-password-44' });
    expect(r.status).toBe(400);
    expect(r.body.detail).toBe('the link is invalid, used or has expired');
    expect(
      (await b.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password })).status,
    ).toBe(200);
    const short = await b.call('POST', '/api/auth/reset-password', { token, newPassword: 'short' });
    expect(short.body.errors[0].field).toBe('body.newPassword');
  });
});

describe('verification links', () => {
  it('when a verification link is used a second time, then it is refused', async () => {
    const b = new Browser(h.svc.url);
    const email = newEmail('lien');
    await b.call('POST', '/api/auth/sign-up/email', { name: 'Lien', email, password: 'a-long-password-5' });
    const { token } = await mailedToken(email);
    expect((await b.call('GET', `/api/auth/verify-email?token=${token}`)).status).toBe(200);
    const again = await new Browser(h.svc.url).call('GET', `/api/auth/verify-email?token=${token}`);
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({
      code: 'account.unauthenticated',
      detail: 'the link was already used',
    });
  });

  it('when a verification link has expired, then it is refused and the email stays unconfirmed', async () => {
    const b = new Browser(h.svc.url);
    const email = newEmail('mies');
    await b.call('POST', '/api/auth/sign-up/email', { name: 'Mies', email, password: 'a-long-password-6' });
    const { token } = await mailedToken(email);
    // The same link, signed by the same secret, as it is once its lifetime (VERIFICATION_TTL_SECONDS) has passed.
    const claims = decodeJwt(token);
    const expired = await new SignJWT({ ...claims, iat: claims.iat! - 90_000, exp: claims.iat! - 3_600 })
      .setProtectedHeader({ alg: decodeProtectedHeader(token).alg! }) // better-auth's link algorithm (an HMAC)
      .sign(new TextEncoder().encode(SECRET));
    const r = await b.call('GET', `/api/auth/verify-email?token=${expired}`);
    expect(r.status).toBe(401);
    expect(r.body.detail).toBe('the link is invalid or has expired');
    expect(await h.db.collection('user').findOne({ email })).toMatchObject({ emailVerified: false });
  });
});

describe('change of password and email', () => {
  it('when a person changes the password, then the current one is needed and every other session ends', async () => {
    const p = await signedUpPerson(h.svc.url, 'noor');
    const phone = new Browser(h.svc.url);
    await phone.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password });
    const wrong = await p.browser.call('POST', '/api/auth/change-password', {
      currentPassword: 'not-the-password',
      newPassword: 'a-changed-password-7',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toBe('the current password is wrong');
    const missing = await p.browser.call('POST', '/api/auth/change-password', {
      newPassword: 'a-changed-password-7',
    });
    expect(missing.body.errors[0].field).toBe('body.currentPassword');
    expect((await phone.call('GET', '/api/auth/token')).status).toBe(200);

    const changed = await p.browser.call('POST', '/api/auth/change-password', {
      currentPassword: p.password,
      newPassword: 'a-changed-password-7',
    });
    expect(changed.status).toBe(204);
    expect((await p.browser.call('GET', '/api/auth/token')).status).toBe(200); // this browser got a new session
    expect((await phone.call('GET', '/api/auth/token')).status).toBe(401);
    const b = new Browser(h.svc.url);
    expect(
      (await b.call('POST', '/api/auth/sign-in/email', { email: p.email, password: 'a-changed-password-7' }))
        .status,
    ).toBe(200);
    expect(
      (
        await new Browser(h.svc.url).call('POST', '/api/auth/change-password', {
          currentPassword: 'x',
          newPassword: 'a-changed-password-8',
        })
      ).status,
    ).toBe(401);
  });

  it('when a person changes the email, then it changes only once the new address confirms it, and that link works once', async () => {
    const p = await signedUpPerson(h.svc.url, 'otto');
    const next = newEmail('otto-new');
    const asked = await p.browser.call('POST', '/api/auth/change-email', { newEmail: next });
    expect(asked).toMatchObject({ status: 202, body: { status: 'check-your-mail' } });
    const { token, subject } = await mailedToken(next);
    expect(subject).toBe('Confirm your new email address for FieldToTable');
    expect(await h.db.collection('user').findOne({ email: p.email })).not.toBeNull(); // not yet

    expect((await new Browser(h.svc.url).call('GET', `/api/auth/verify-email?token=${token}`)).status).toBe(
      200,
    );
    const user = await h.db.collection('user').findOne({ email: next });
    expect(user).toMatchObject({ emailVerified: true });
    expect(String(user!._id)).toBe(p.personId);
    const b = new Browser(h.svc.url);
    expect(
      (await b.call('POST', '/api/auth/sign-in/email', { email: next, password: p.password })).status,
    ).toBe(200);
    expect(
      (await b.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password })).status,
    ).toBe(401);
    expect((await b.call('GET', `/api/auth/verify-email?token=${token}`)).status).toBe(401);

    // An address someone already has gets the same answer and no mail.
    const free = await p.browser.call('POST', '/api/auth/change-email', {
      newEmail: p.email.replace('otto', 'x'),
    });
    const existing = await signedUpPerson(h.svc.url, 'piet');
    const clash = await p.browser.call('POST', '/api/auth/change-email', { newEmail: existing.email });
    expect(clash.status).toBe(free.status);
    expect(clash.body).toEqual(free.body);
    await new Promise((r) => setTimeout(r, 300));
    expect(await mailsTo(existing.email)).toHaveLength(1);
  });
});
