import type { ServiceUnderTest } from '@ftt/kit/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  mailsTo,
  newEmail,
  signedUpPerson,
  SIGN_IN_MAX,
  startHarness,
  verificationToken,
} from './support';

let h: ServiceUnderTest;
/** One verified person whose email is known, for the tests that need one and do not change it. */
let known: Awaited<ReturnType<typeof signedUpPerson>>;
beforeAll(async () => {
  h = await startHarness('identity-accounts');
  known = await signedUpPerson(h.svc.url, 'olga');
});
afterAll(() => h?.stop());

describe('accounts on better-auth', () => {
  it('when a person signs up, then a verification mail arrives, sign-in waits for it, and the person is registered as a buyer', async () => {
    const browser = new Browser(h.svc.url);
    const email = newEmail('nina');
    const password = 'a-long-password-1';
    const up = await browser.call('POST', '/api/auth/sign-up/email', {
      name: 'Nina',
      email,
      password,
      language: 'nl',
    });
    expect(up).toMatchObject({ status: 202, body: { status: 'check-your-mail' } });
    expect(browser.hasSession()).toBe(false);

    const mail = await verificationToken(email);
    expect(mail.subject).toBe('Bevestig je e-mailadres voor FieldToTable'); // in the language she chose

    const early = await browser.call('POST', '/api/auth/sign-in/email', { email, password });
    expect(early.status).toBe(403);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);

    expect(await browser.call('GET', `/api/auth/verify-email?token=${mail.token}`)).toMatchObject({
      status: 200,
      body: { verified: true },
    });
    const signIn = await browser.call('POST', '/api/auth/sign-in/email', { email, password });
    expect(signIn.status).toBe(200);
    expect(browser.hasSession()).toBe(true);
    const personId = signIn.body.personId as string;

    // Stored: better-auth's user (verified, hashed password on the account) and our person with its event.
    const user = await h.db.collection('user').findOne({ email });
    expect(user).toMatchObject({ emailVerified: true, language: 'nl', name: 'Nina' });
    expect(String(user!._id)).toBe(personId);
    const account = await h.db
      .collection('account')
      .findOne({ providerId: 'credential', accountId: personId });
    expect(account?.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // scrypt salt:hash, never the password
    expect(account?.password).not.toContain(password);
    const person = await h.db.collection('people').findOne({ _id: personId as never });
    expect(person).toMatchObject({ personId, language: 'nl', memberships: [{ kind: 'buyer' }] });
    await expect
      .poll(() => h.probe.of('ftt.identity.person.registered.v1').find((e) => e.data.personId === personId), {
        timeout: 10_000,
      })
      .toMatchObject({
        source: '/fieldtotable/identity',
        subject: `person/${personId}`,
        // where notifications writes to (its welcome); the person document keeps neither
        data: { language: 'nl', email, name: 'Nina' },
      });
  });

  it('when a known email signs up again, then the answer is the one a new email gets, and no second account appears', async () => {
    const again = await new Browser(h.svc.url).call('POST', '/api/auth/sign-up/email', {
      name: 'Someone',
      email: known.email,
      password: 'another-password-2',
    });
    const fresh = await new Browser(h.svc.url).call('POST', '/api/auth/sign-up/email', {
      name: 'Someone',
      email: newEmail('fresh'),
      password: 'another-password-2',
    });
    expect(again.status).toBe(fresh.status);
    expect(again.body).toEqual(fresh.body);
    expect(await h.db.collection('user').countDocuments({ email: known.email })).toBe(1);
    // The known address got only its first mail (the verification), nothing that confirms the second attempt.
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo(known.email)).toHaveLength(1);
  });

  it('when sign-in names an unknown email or a wrong password, then both answers are the same 401', async () => {
    const b = new Browser(h.svc.url);
    const wrong = await b.call('POST', '/api/auth/sign-in/email', {
      email: known.email,
      password: 'not-the-password',
    });
    const unknown = await b.call('POST', '/api/auth/sign-in/email', {
      email: newEmail('nobody'),
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toMatchObject({
      code: 'account.unauthenticated',
      detail: 'email or password is wrong',
    });
  });

  it('when input is malformed, then a 400 problem names the field, before better-auth runs', async () => {
    const b = new Browser(h.svc.url);
    const r = await b.call('POST', '/api/auth/sign-up/email', {
      name: 'X',
      email: 'not-an-email',
      password: 'short',
    });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.email',
      'body.password',
    ]);
    const extra = await b.call('POST', '/api/auth/sign-in/email', {
      email: newEmail('x'),
      password: 'p',
      role: 'admin',
    });
    expect(extra.status).toBe(400);
  });

  it('when one client tries to sign in too often, then it gets 429 with Retry-After, and other clients do not', async () => {
    const attacker = new Browser(h.svc.url);
    const answers: number[] = [];
    for (let i = 0; i < SIGN_IN_MAX + 1; i++) {
      answers.push(
        (
          await attacker.call('POST', '/api/auth/sign-in/email', {
            email: known.email,
            password: `guess-${i}`,
          })
        ).status,
      );
    }
    expect(answers).toEqual([...Array<number>(SIGN_IN_MAX).fill(401), 429]);
    const limited = await attacker.call('POST', '/api/auth/sign-in/email', {
      email: known.email,
      password: known.password,
    });
    expect(limited.status).toBe(429); // even the right password waits
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, code: 'account.rate_limited' });
    const other = new Browser(h.svc.url);
    expect(
      (await other.call('POST', '/api/auth/sign-in/email', { email: known.email, password: known.password }))
        .status,
    ).toBe(200);
  });

  it('when a person lists their sessions and signs out everywhere, then every session of theirs ends', async () => {
    const p = await signedUpPerson(h.svc.url, 'rosa');
    const phone = new Browser(h.svc.url);
    expect(
      (await phone.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password })).status,
    ).toBe(200);

    const listed = await p.browser.call('GET', '/api/auth/list-sessions');
    expect(listed.status).toBe(200);
    expect(listed.body.sessions).toHaveLength(2);
    expect(listed.body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toMatch(/token/i); // session tokens are never shown

    expect((await phone.call('POST', '/api/auth/revoke-sessions')).status).toBe(204);
    expect((await p.browser.call('GET', '/api/auth/list-sessions')).status).toBe(401);
    expect((await phone.call('GET', '/api/auth/token')).status).toBe(401);
    expect(await h.db.collection('session').countDocuments({ userId: new ObjectId(p.personId) })).toBe(0);
  });

  it('when a person signs out, then that session ends and the other stays', async () => {
    const p = await signedUpPerson(h.svc.url, 'sam');
    const laptop = new Browser(h.svc.url);
    await laptop.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password });
    expect((await p.browser.call('POST', '/api/auth/sign-out')).status).toBe(204);
    expect((await p.browser.call('GET', '/api/auth/token')).status).toBe(401);
    expect((await laptop.call('GET', '/api/auth/token')).status).toBe(200);
  });
});
