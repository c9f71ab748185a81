import { catalogProblems } from '@ftt/kit/mail-catalog-check';
import { describe, expect, it } from 'vitest';
import { inviteMail } from './invite-mail';
import { CATALOGS } from './messages';
import { resetMail } from './reset-mail';
import { verificationMail } from './verification-mail';

const link = 'http://app.test/verify?token=t1';
const HAN = /\p{Script=Han}/u;

describe('identity’s account mails from its ICU catalogs (en, nl, zh-CN)', () => {
  it('when the catalogs are compared, then every language has every key with the English placeholders, and none is a copy of the English text', () => {
    expect(catalogProblems(CATALOGS)).toEqual([]);
    for (const [key, en] of Object.entries(CATALOGS.en)) {
      expect(CATALOGS.nl[key as keyof typeof CATALOGS.nl], key).not.toBe(en);
      expect(CATALOGS.zh[key as keyof typeof CATALOGS.zh], key).toMatch(HAN);
    }
  });

  it('when a person who reads English signs up, then the verification mail greets them and carries the link on a line of its own', () => {
    expect(verificationMail({ email: 'sam@example.test', name: 'Sam', language: 'en' }, link)).toEqual({
      to: 'sam@example.test',
      subject: 'Confirm your email address for FieldToTable',
      text: `Hello Sam,\n\nConfirm your email address with this link:\n${link}\n\nIf you did not sign up, you can ignore this mail.\n`,
    });
  });

  it('when a person who reads Chinese signs up, changes their address or resets the password, then each mail is in Simplified Chinese', () => {
    const to = { email: 'li@example.test', name: '李华', language: 'zh' };
    const verify = verificationMail(to, link);
    expect(verify.subject).toBe('请确认您在 FieldToTable 的电子邮箱地址');
    expect(verify.text).toBe(
      `李华，您好：\n\n请通过以下链接确认您的电子邮箱地址：\n${link}\n\n如果您没有注册过账户，请忽略此邮件。\n`,
    );
    expect(verificationMail(to, link, true).subject).toBe('请确认您在 FieldToTable 的新电子邮箱地址');
    const reset = resetMail(to, 'http://app.test/reset?token=r1', 3600);
    expect(reset.subject).toBe('为您的 FieldToTable 账户设置新密码');
    expect(reset.text).toContain('一小时内有效');
    expect(reset.text).toContain('\nhttp://app.test/reset?token=r1\n');
    expect(reset.text).toContain('您的密码不会改变');
  });

  it('when an invitation is written, then the role is worded in the inviter’s language (en, nl, zh), and a language identity does not offer gets English', () => {
    const what = { place: 'Hof van Noor', role: 'packer' as const, inviter: 'Noor' };
    const invite = (language: string) =>
      inviteMail({ email: 'p@example.test', language }, what, 'http://app.test/invites/1');
    expect(invite('en').subject).toBe('Invitation: packer at Hof van Noor on FieldToTable');
    expect(invite('en').text).toBe(
      'Hello,\n\nNoor invites you to join Hof van Noor on FieldToTable as packer.\n' +
        'Sign up or sign in with this email address and accept the invitation with this link:\n' +
        'http://app.test/invites/1\n\nIf you did not expect this, you can ignore this mail.\n',
    );
    expect(invite('nl').subject).toBe('Uitnodiging: inpakker bij Hof van Noor op FieldToTable');
    expect(invite('zh').subject).toBe('邀请：以打包员身份加入 FieldToTable 上的Hof van Noor');
    expect(
      inviteMail({ email: 'p@example.test', language: 'zh' }, { ...what, role: 'driver' }, 'x').text,
    ).toContain('Noor邀请您以配送员身份加入');
    expect(invite('fr').subject).toBe(invite('en').subject);
  });

  it('when the reset link lives another time than an hour (RESET_TTL_SECONDS), then the mail says that time, in each language', () => {
    const to = (language: string) => ({ email: 'p@example.test', name: 'P', language });
    const link = 'http://app.test/reset?token=r1';
    expect(resetMail(to('en'), link, 3600).text).toContain('(it works once, for an hour):');
    expect(resetMail(to('en'), link, 1800).text).toContain('(it works once, for 30 minutes):');
    expect(resetMail(to('nl'), link, 7200).text).toContain('(hij werkt één keer, en maar 120 minuten):');
    expect(resetMail(to('zh'), link, 900).text).toContain('15 分钟内有效');
  });
});
