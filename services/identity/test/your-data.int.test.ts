import type { ServiceUnderTest } from '@ftt/kit/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedUpPerson, startHarness, totpCode } from './support';

let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startHarness('identity-yourdata');
});
afterAll(() => h?.stop());

describe('your data, your account', () => {
  it('when a signed-in person downloads their data, then it holds their account, sign-in methods, sessions and memberships, and no hash, token or secret', async () => {
    const p = await signedUpPerson(h.svc.url, 'dora', 'nl');
    const r = await p.browser.call('GET', '/api/auth/export');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toMatchObject({
      personId: p.personId,
      account: { name: 'dora', email: p.email, emailVerified: true, language: 'nl', secondFactor: false },
      signInMethods: [{ provider: 'credential' }],
      person: { language: 'nl', memberships: [{ kind: 'buyer' }] },
    });
    expect(r.body.sessions).toHaveLength(1);
    const text = JSON.stringify(r.body);
    const account = await h.db.collection('account').findOne({ userId: new ObjectId(p.personId) });
    const session = await h.db.collection('session').findOne({ userId: new ObjectId(p.personId) });
    expect(text).not.toContain(String(account!.password));
    expect(text).not.toContain(String(session!.token));
    expect(text).not.toMatch(/password|token/i);

    expect((await new Browser(h.svc.url).call('GET', '/api/auth/export')).status).toBe(401);
  });

  it('when a person deletes the account with the password, then identity forgets them, announces person.erased.v1 once, and they can no longer sign in', async () => {
    const p = await signedUpPerson(h.svc.url, 'emil');
    const enrol = await p.browser.call('POST', '/api/auth/two-factor/enable', { password: p.password });
    expect(enrol.status).toBe(200);
    expect(
      (
        await p.browser.call('POST', '/api/auth/two-factor/verify-totp', {
          code: await totpCode(enrol.body.totpURI),
        })
      ).status,
    ).toBe(200);
    const phone = new Browser(h.svc.url);
    await phone.call('POST', '/api/auth/sign-in/email', { email: p.email, password: p.password });
    expect(
      (await new Browser(h.svc.url).call('POST', '/api/auth/request-password-reset', { email: p.email }))
        .status,
    ).toBe(202);
    const _id = new ObjectId(p.personId);
    await expect
      .poll(() => h.db.collection('verification').countDocuments({ value: p.personId }))
      .toBeGreaterThan(0);

    const wrong = await p.browser.call('POST', '/api/auth/delete-user', { password: 'not-my-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('body.password');
    expect(await h.db.collection('user').countDocuments({ _id })).toBe(1);

    const deleted = await p.browser.call('POST', '/api/auth/delete-user', { password: p.password });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
    expect(p.browser.hasSession()).toBe(false);
    for (const [name, filter] of [
      ['user', { _id }],
      ['account', { userId: _id }],
      ['session', { userId: _id }],
      ['twoFactor', { userId: { $in: [_id, p.personId] } }],
      ['verification', { value: p.personId }],
    ] as const) {
      expect(await h.db.collection(name).countDocuments(filter as never), name).toBe(0);
    }
    const person = await h.db.collection('people').findOne({ _id: p.personId as never });
    expect(person).toMatchObject({ personId: p.personId, memberships: [] });
    expect(person?.erasedAt).toEqual(expect.any(String));
    await expect
      .poll(() => h.probe.of('ftt.identity.person.erased.v1').filter((e) => e.data.personId === p.personId), {
        timeout: 10_000,
      })
      .toHaveLength(1);
    const erased = h.probe.of('ftt.identity.person.erased.v1').find((e) => e.data.personId === p.personId)!;
    expect(erased).toMatchObject({ subject: `person/${p.personId}`, data: { at: person!.erasedAt } });

    // the other browser's session ended with the account; signing in answers as for any unknown email
    expect((await phone.call('GET', '/api/auth/token')).status).toBe(401);
    const again = await new Browser(h.svc.url).call('POST', '/api/auth/sign-in/email', {
      email: p.email,
      password: p.password,
    });
    expect(again.status).toBe(401);
    expect(again.body.detail).toBe('email or password is wrong');
    expect((await p.browser.call('POST', '/api/auth/delete-user', { password: p.password })).status).toBe(
      401,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(
      h.probe.of('ftt.identity.person.erased.v1').filter((e) => e.data.personId === p.personId),
    ).toHaveLength(1);
  });
});
