import { describe, expect, it } from 'vitest';
import type { NoticeData } from './notice';
import { render } from './templates';

const approved: NoticeData = {
  kind: 'application_approved',
  applicationId: 'app-1',
  as: 'partner',
  placeName: 'Fietskoeriers Utrecht',
  reason: 'insured & <checked>',
};
const rejected: NoticeData = {
  kind: 'application_rejected',
  applicationId: 'app-2',
  as: 'farm',
  reason: 'no <b>cert</b>',
};

describe('templates of the person’s own account', () => {
  it('when a welcome is rendered, then it greets by name in the person’s language and links to the shop', () => {
    const en = render('welcome', [{ kind: 'welcome', name: 'Sam' }], 'en', 'http://app.test');
    expect(en.subject).toBe('Welcome to FieldToTable');
    expect(en.text).toContain('Hello Sam,');
    expect(en.text).toContain('Browse produce: http://app.test/');
    const nl = render('welcome', [{ kind: 'welcome' }], 'nl', 'http://app.test');
    expect(nl.subject).toBe('Welkom bij FieldToTable');
    expect(nl.text).toContain('Hallo,');
    const zh = render('welcome', [{ kind: 'welcome', name: '李华' }], 'zh', 'http://app.test');
    expect(zh.subject).toBe('欢迎来到 FieldToTable');
    expect(zh.text).toContain('李华，您好：');
    expect(zh.text).toContain('浏览农产品: http://app.test/');
  });

  it('when a partner’s approval is rendered, then it names the partner and the reason, escaped in HTML, and links to the deliveries', () => {
    const r = render('application_approved', [approved], 'en', 'http://app.test');
    expect(r.subject).toBe('Fietskoeriers Utrecht may deliver for FieldToTable');
    expect(r.text).toContain('(insured & <checked>)');
    expect(r.html).toContain('insured &amp; &lt;checked&gt;');
    expect(r.link).toBe('/partner');
    expect(render('application_approved', [approved], 'nl', 'http://app.test').subject).toBe(
      'Fietskoeriers Utrecht mag bezorgen voor FieldToTable',
    );
  });

  it('when a farm’s rejection is rendered, then the reason is the operator’s and the link is to apply again', () => {
    const r = render('application_rejected', [rejected], 'nl', 'http://app.test');
    expect(r.subject).toBe('Je aanvraag om te verkopen op FieldToTable is niet goedgekeurd');
    expect(r.text).toContain('De reden: no <b>cert</b>');
    expect(r.html).not.toContain('<b>cert');
    expect(r.link).toBe('/apply');
  });
});

describe('channels of the person’s own account mails', () => {
  it('when a welcome or a decision goes out, then it is an email whatever the settings say, and the settings do not list them', async () => {
    const { channelsFor, kindsOf, KINDS_BY_ROLE } = await import('./preferences');
    expect(channelsFor({ welcome: { email: false, inapp: true } }, 'welcome')).toEqual(['email']);
    expect(channelsFor({}, 'application_rejected')).toEqual(['email']);
    expect(channelsFor({}, 'refund_made')).toEqual(['email', 'inapp']);
    for (const k of ['welcome', 'application_approved', 'application_rejected'] as const) {
      expect(kindsOf(['buyer', 'farmer', 'logistics'])).not.toContain(k);
      expect(KINDS_BY_ROLE.admin).not.toContain(k);
    }
  });
});
