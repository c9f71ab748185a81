import type { ServiceUnderTest } from '@ftt/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, mailedToken, newEmail, startHarness } from './support';

let h: ServiceUnderTest;
beforeAll(async () => {
  h = await startHarness('identity-mail-language');
});
afterAll(() => h?.stop());

describe('account mails in the language the person chose', () => {
  it('when a person signs up in Chinese, then the verification and the password reset mails are in Simplified Chinese, and the verification link works', async () => {
    const browser = new Browser(h.svc.url);
    const email = newEmail('lihua');
    const up = await browser.call('POST', '/api/auth/sign-up/email', {
      name: '李华',
      email,
      password: 'a-long-password-1',
      language: 'zh',
    });
    expect(up).toMatchObject({ status: 202 });

    const verify = await mailedToken(email);
    expect(verify.subject).toBe('请确认您在 FieldToTable 的电子邮箱地址');
    expect(verify.text).toContain('李华，您好：');
    expect(verify.text).toContain('请通过以下链接确认您的电子邮箱地址：');
    const verified = await browser.call('GET', `/api/auth/verify-email?token=${verify.token}`);
    expect(verified).toMatchObject({ status: 200, body: { verified: true } });

    const asked = await new Browser(h.svc.url).call('POST', '/api/auth/request-password-reset', { email });
    expect(asked.status).toBe(202);
    const reset = await mailedToken(email, /设置新密码/);
    expect(reset.subject).toBe('为您的 FieldToTable 账户设置新密码');
    expect(reset.text).toContain('请通过以下链接设置新密码');
  });
});
