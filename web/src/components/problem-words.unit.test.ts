import { describe, expect, it, vi } from 'vitest';
import { ApiError, humanIssue, problemCode } from '../api/client';
import { setLocale } from '../i18n';
import { messageOf } from './states';

// setLocale writes the page's lang attribute: a stand-in page for Node
vi.stubGlobal('document', { documentElement: { lang: 'en' } });

const refusal = (code: string | undefined, detail: string, status = 409) =>
  new ApiError(status, detail, [], undefined, code);

describe("the services' problems in the person's language (issue #31)", () => {
  it('when a problem+json names its code in `code` or only in `type`, then the web reads the code from either', () => {
    expect(
      problemCode({ code: 'run.forbidden', type: 'https://fieldtotable.example/problems/run.forbidden' }),
    ).toBe('run.forbidden');
    expect(problemCode({ type: 'https://fieldtotable.example/problems/shipment.invalid_transition' })).toBe(
      'shipment.invalid_transition',
    );
    expect(problemCode({ type: 'about:blank' })).toBeUndefined();
  });

  it('when logistics refuses a step with a code the catalogs know, then the person reads the catalog message in their language, not the service’s English', async () => {
    const e = refusal(
      'shipment.invalid_transition',
      'the order was cancelled: its produce must stay at the farm',
    );
    await setLocale('en');
    expect(messageOf(e)).toMatch(/^This shipment cannot take that step now/);
    await setLocale('nl');
    expect(messageOf(e)).toMatch(/^Deze zending kan die stap nu niet zetten/);
    await setLocale('zh-CN');
    expect(messageOf(e)).toMatch(/^此货件现在无法执行该步骤/);
    // a forbidden or missing thing with a known code says what it is, not the status's general words
    expect(
      messageOf(refusal('run.forbidden', 'only the partner who claimed the run may record its stops', 403)),
    ).toBe('只有认领此路线的合作伙伴才能执行此操作。');
    await setLocale('en');
  });

  it("when a field's message is one the web words itself (zod's), then it is in the person's language, with its count as a plural", async () => {
    await setLocale('nl');
    expect(humanIssue('Too small: expected string to have >=1 characters')).toBe('Vul dit in.');
    expect(humanIssue('Too big: expected string to have <=100 characters')).toBe(
      'Gebruik hoogstens 100 tekens.',
    );
    await setLocale('zh-CN');
    expect(humanIssue('Invalid input: expected number, received string')).toBe('请输入数字。');
    await setLocale('en');
    expect(humanIssue('Too big: expected string to have <=1 characters')).toBe('Use at most 1 character.');
    expect(humanIssue('Too big: expected string to have <=100 characters')).toBe(
      'Use at most 100 characters.',
    );
  });

  it('when the code is unknown to the web, or the problem names fields, then the service’s own words are shown as before', async () => {
    await setLocale('en');
    expect(messageOf(refusal('listing.brand_new_code', 'the listing is sold out'))).toBe(
      'The listing is sold out.',
    );
    expect(messageOf(refusal(undefined, 'nothing to say'))).toBe('Nothing to say.');
    const withField = new ApiError(
      400,
      'invalid body',
      [{ field: 'body.place', message: 'Required' }],
      undefined,
      'checkpoint.invalid',
    );
    expect(messageOf(withField)).toBe('Place: Required.');
  });
});
