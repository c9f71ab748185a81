import type { ServiceUnderTest } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, demoOperator, mailedToken, mailsTo, newEmail, signedUpPerson, startHarness, totpCode } from './support';

/** What the web app's account pages ask of identity beyond signing up and in (web/src/screens/account). */
let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startHarness('identity-account-page', { DEMO_PEOPLE: 'on' });
});
afterAll(() => h?.stop());

describe('the account page', () => {
  it('when a browser has no session, then get-session answers 200 with no account; signed in, the account with its memberships', async () => {
    const nobody = await new Browser(h.svc.url).call('GET', '/api/auth/get-session');
    expect(nobody).toMatchObject({ status: 200, body: { account: null } });
    expect(nobody.headers['cache-control']).toBe('no-store');

    const p = await signedUpPerson(h.svc.url, 'saar', 'nl');
    const me = await p.browser.call('GET', '/api/auth/get-session');
    expect(me.status).toBe(200);
    expect(me.body.account).toEqual({
      personId: p.personId,
      name: 'saar',
      email: p.email,
      emailVerified: true,
      language: 'nl',
      secondFactor: false,
      secondFactorNeeded: false,
      memberships: [{ kind: 'buyer' }],
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(me.body)).not.toMatch(/token/i);

    const admin = (await demoOperator(h.svc.url)).bearer;
    for (const membership of [{ kind: 'farm', farmId: 'farm-saar', role: 'owner' }, { kind: 'operator' }]) {
      const granted = await p.browser.call(
        'POST',
        `/people/${p.personId}/memberships`,
        { membership },
        { authorization: admin },
      );
      expect(granted.status).toBe(200);
    }
    const after = (await p.browser.call('GET', '/api/auth/get-session')).body.account;
    // An operator without a second factor is not one yet: the page asks them to enrol.
    expect(after.memberships).toEqual([
      { kind: 'buyer' },
      { kind: 'farm', farmId: 'farm-saar', role: 'owner' },
    ]);
    expect(after.secondFactorNeeded).toBe(true);
  });

  it('when a person changes name and language, then the account shows them and the next mail is in that language', async () => {
    const p = await signedUpPerson(h.svc.url, 'tess');
    const empty = await p.browser.call('POST', '/api/auth/update-user', {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('body.name');
    const blank = await p.browser.call('POST', '/api/auth/update-user', { name: '  ' });
    expect(blank.body.errors[0].field).toBe('body.name');
    const wrongLanguage = await p.browser.call('POST', '/api/auth/update-user', { language: 'fr' });
    expect(wrongLanguage.body.errors[0].field).toBe('body.language');
    const notSignedIn = await new Browser(h.svc.url).call('POST', '/api/auth/update-user', { name: 'X' });
    expect(notSignedIn.status).toBe(401);

    const changed = await p.browser.call('POST', '/api/auth/update-user', {
      name: 'Tess de Vries',
      language: 'nl',
    });
    expect(changed.status).toBe(204);
    expect((await p.browser.call('GET', '/api/auth/get-session')).body.account).toMatchObject({
      name: 'Tess de Vries',
      language: 'nl',
    });
    await new Browser(h.svc.url).call('POST', '/api/auth/request-password-reset', { email: p.email });
    const mail = await mailedToken(p.email, /wachtwoord/);
    expect(mail.text).toContain('Hallo Tess de Vries');

    // Chinese (zh) is a language of the person too: the web app's words follow it (mails stay English for now)
    expect((await p.browser.call('POST', '/api/auth/update-user', { language: 'zh' })).status).toBe(204);
    expect((await p.browser.call('GET', '/api/auth/get-session')).body.account).toMatchObject({ language: 'zh' });
  });

  it('when a new verification link is asked for, then only an unconfirmed address gets one, and every address the same answer', async () => {
    const b = new Browser(h.svc.url);
    const pending = newEmail('uma');
    await b.call('POST', '/api/auth/sign-up/email', {
      name: 'Uma',
      email: pending,
      password: 'a-long-password-9',
    });
    const first = await mailedToken(pending);
    const confirmed = await signedUpPerson(h.svc.url, 'vera');

    const answers = [];
    for (const email of [pending, newEmail('nobody'), confirmed.email]) {
      const r = await new Browser(h.svc.url).call('POST', '/api/auth/send-verification-email', { email });
      answers.push({ status: r.status, body: r.body });
    }
    expect(answers).toEqual(Array(3).fill({ status: 202, body: { status: 'check-your-mail' } }));
    // A signed-in person asking for someone else's address gets the same answer too (the cookie is not passed on).
    const asSignedIn = await confirmed.browser.call('POST', '/api/auth/send-verification-email', {
      email: pending,
    });
    expect(asSignedIn).toMatchObject({ status: 202, body: { status: 'check-your-mail' } });

    await new Promise((r) => setTimeout(r, 500));
    const toPending = await mailsTo(pending);
    expect(toPending.length).toBeGreaterThanOrEqual(2);
    expect(await mailsTo(confirmed.email)).toHaveLength(1);
    // The first link still works once; the page learns what it confirmed.
    const v = await b.call('GET', `/api/auth/verify-email?token=${first.token}`);
    expect(v).toMatchObject({ status: 200, body: { verified: true, purpose: 'sign-up' } });
  });

  it('when the link confirms a new address, then the page is told it was a change of email', async () => {
    const p = await signedUpPerson(h.svc.url, 'wim');
    const next = newEmail('wim-new');
    await p.browser.call('POST', '/api/auth/change-email', { newEmail: next });
    const { token: link, text } = await mailedToken(next);
    expect(text).toContain(`http://127.0.0.1:5173/verify?token=${link}`); // the web app's page
    const v = await p.browser.call('GET', `/api/auth/verify-email?token=${link}`);
    expect(v).toMatchObject({ status: 200, body: { verified: true, purpose: 'email-change' } });
    expect((await p.browser.call('GET', '/api/auth/get-session')).body.account.email).toBe(next);
  });

  it('when a wrong password or code is given, then the problem names the field it belongs to', async () => {
    const p = await signedUpPerson(h.svc.url, 'xena');
    const wrongCurrent = await p.browser.call('POST', '/api/auth/change-password', {
      currentPassword: 'not-the-password',
      newPassword: 'a-changed-password-10',
    });
    expect(wrongCurrent.body.errors).toEqual([
      { field: 'body.currentPassword', message: 'the current password is wrong' },
    ]);
    const wrongEnable = await p.browser.call('POST', '/api/auth/two-factor/enable', {
      password: 'nope-nope',
    });
    expect(wrongEnable.body.errors).toEqual([{ field: 'body.password', message: 'the password is wrong' }]);
    const started = await p.browser.call('POST', '/api/auth/two-factor/enable', { password: p.password });
    expect(started.status).toBe(200);
    const wrongCode = await p.browser.call('POST', '/api/auth/two-factor/verify-totp', { code: '000000' });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.errors).toEqual([{ field: 'body.code', message: 'the code is wrong' }]);
  });

  it('when a person turns the second factor off, then the password is needed and sign-in asks for no code afterwards', async () => {
    const p = await signedUpPerson(h.svc.url, 'yara');
    const started = await p.browser.call('POST', '/api/auth/two-factor/enable', { password: p.password });
    await p.browser.call('POST', '/api/auth/two-factor/verify-totp', {
      code: await totpCode(started.body.totpURI),
    });
    expect((await p.browser.call('GET', '/api/auth/get-session')).body.account.secondFactor).toBe(true);
    // the plugin allows 3 tries per 10 s per client on /two-factor/*
    await new Promise((r) => setTimeout(r, 10_500));

    const wrong = await p.browser.call('POST', '/api/auth/two-factor/disable', { password: 'nope-nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ field: 'body.password', message: 'the password is wrong' }]);
    const off = await p.browser.call('POST', '/api/auth/two-factor/disable', { password: p.password });
    expect(off.status).toBe(204);
    expect((await p.browser.call('GET', '/api/auth/get-session')).body.account.secondFactor).toBe(false);
    const b = new Browser(h.svc.url);
    const signIn = await b.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password });
    expect(signIn).toMatchObject({ status: 200, body: { personId: p.personId } });
  });

  it("when a person signs out another device, then only that session ends, and another person's session cannot be named", async () => {
    const p = await signedUpPerson(h.svc.url, 'zoe');
    const phone = new Browser(h.svc.url);
    await phone.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password });
    const listed = (await p.browser.call('GET', '/api/auth/list-sessions')).body.sessions as {
      id: string;
      current: boolean;
    }[];
    expect(listed).toHaveLength(2);
    const other = listed.find((s) => !s.current)!;

    const stranger = await signedUpPerson(h.svc.url, 'abe');
    const notTheirs = await stranger.browser.call('POST', '/api/auth/revoke-session', { id: other.id });
    expect(notTheirs.status).toBe(404);
    expect((await phone.call('GET', '/api/auth/token')).status).toBe(200);
    expect(
      (await new Browser(h.svc.url).call('POST', '/api/auth/revoke-session', { id: other.id })).status,
    ).toBe(401);

    const revoked = await p.browser.call('POST', '/api/auth/revoke-session', { id: other.id });
    expect(revoked.status).toBe(204);
    expect((await phone.call('GET', '/api/auth/token')).status).toBe(401);
    expect((await p.browser.call('GET', '/api/auth/token')).status).toBe(200);
    expect((await p.browser.call('GET', '/api/auth/list-sessions')).body.sessions).toHaveLength(1);
  });
});
