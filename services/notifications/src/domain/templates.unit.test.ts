import { describe, expect, it } from 'vitest';
import type { NoticeData } from './notice';
import { formatMoney, render } from './templates';
import { eur, payoutMade } from '../../test/fixtures';

const confirmed: NoticeData = {
  kind: 'order_confirmed',
  orderId: '3f1c2a9e-0000-4000-8000-000000000001',
  farms: [
    { farmId: 'f1', farmName: 'De Hof' },
    { farmId: 'f2', farmName: 'Bakker Akkers' },
  ],
  trackingCodes: { f1: 'FTT-AAAABBBBCCCC', f2: 'FTT-DDDDEEEEFFFF' },
};

describe('templates: one template per kind, written as text, HTML and an in-app entry', () => {
  it('when an order confirmation is rendered in English, then text and HTML carry the same facts: farms, delivery day, tracking codes, link', () => {
    const r = render('order_confirmed', [confirmed], 'en', 'http://app.test/');
    expect(r.subject).toBe('Your order 3f1c2a9e is confirmed');
    for (const body of [r.text, r.html]) {
      expect(body).toContain('De Hof and Bakker Akkers');
      expect(body).toContain('Delivery day: not scheduled yet');
      expect(body).toContain('FTT-AAAABBBBCCCC, FTT-DDDDEEEEFFFF');
      expect(body).toContain('http://app.test/orders/3f1c2a9e-0000-4000-8000-000000000001');
    }
    expect(r.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(r.title).toBe(r.subject);
    expect(r.body).not.toContain('http://');
    expect(r.link).toBe('/orders/3f1c2a9e-0000-4000-8000-000000000001');
  });

  it('when the recipient reads Dutch, then the message is in Dutch, with Dutch money and dates', () => {
    const r = render(
      'order_confirmed',
      [{ ...confirmed, deliveryDate: '2026-03-12' }],
      'nl',
      'http://app.test',
    );
    expect(r.subject).toBe('Je bestelling 3f1c2a9e is bevestigd');
    expect(r.text).toContain('De Hof en Bakker Akkers');
    expect(r.text).toContain('Bezorgdag: donderdag 12 maart 2026');
    const payout = render(
      'payout_made',
      [payoutMade({ orderId: 'o1', farmId: 'f1' }, 997, 1050, 53)],
      'nl',
      'http://app.test',
    );
    expect(payout.subject).toBe(`Je hebt ${formatMoney({ amount: 997, currency: 'EUR' }, 'nl')} ontvangen`);
    expect(payout.subject).toContain('9,97');
  });

  it('when the recipient reads Chinese, then the message is in Simplified Chinese, with money and dates written for zh-CN', () => {
    const r = render(
      'order_confirmed',
      [{ ...confirmed, deliveryDate: '2026-03-12' }],
      'zh',
      'http://app.test',
    );
    expect(r.subject).toBe('您的订单 3f1c2a9e 已确认');
    expect(r.text).toContain('并已将订单转交给De Hof和Bakker Akkers。');
    expect(r.text).toContain('配送日：2026年3月12日星期四');
    expect(r.text).toContain('运单号（2 个）：FTT-AAAABBBBCCCC, FTT-DDDDEEEEFFFF');
    expect(r.text).toContain('查看您的订单: http://app.test/orders/3f1c2a9e-0000-4000-8000-000000000001');
    expect(r.html).toMatch(/^<!doctype html><html lang="zh-CN">/);
    const refund = render(
      'refund_made',
      [{ kind: 'refund_made', orderId: 'o1', amount: { amount: 8450, currency: 'CNY' } }],
      'zh',
      'http://x',
    );
    expect(refund.body).toBe('我们已将 ¥84.50 退回到您的付款账户。');
    // the currency is the message's, the format the language's
    expect(formatMoney(eur(845), 'zh')).toBe('€8.45');
    expect(formatMoney(eur(845), 'nl')).toBe('€\u00a08,45');
    expect(
      render(
        'new_orders',
        [{ kind: 'new_orders', orderId: 'o', farmId: 'f', farmName: 'F', lines: [] }],
        'zh',
        'http://x',
      ).subject,
    ).toBe('1 个新订单待打包');
  });

  it('when data holds markup, then the HTML escapes it and the text keeps it as typed', () => {
    const r = render(
      'delivered',
      [{ kind: 'delivered', orderId: 'o1', farmId: 'f1', recipientName: '<script>alert(1)</script> & Co' }],
      'en',
      'http://app.test',
    );
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(r.text).toContain('<script>alert(1)</script> & Co');
  });

  it('when a farmer digest holds three orders, then the subject counts them and each order is a line under its delivery day', () => {
    const order = (id: string, day?: string): NoticeData => ({
      kind: 'new_orders',
      orderId: id,
      farmId: 'f1',
      farmName: 'De Hof',
      lines: [{ title: 'Truss tomatoes', quantity: 3, unit: 'kg' }],
      deliveryDate: day,
    });
    const r = render(
      'new_orders',
      [order('aaaaaaaa-1'), order('bbbbbbbb-2', '2026-03-13'), order('cccccccc-3', '2026-03-12')],
      'en',
      'http://x',
    );
    expect(r.subject).toBe('3 new orders to pack');
    const days = [...r.text.matchAll(/Delivery day: (.*)/g)].map((m) => m[1]);
    expect(days).toEqual(['Thursday, 12 March 2026', 'Friday, 13 March 2026', 'not scheduled yet']);
    expect(r.text).toContain('- Order aaaaaaaa (De Hof): 3 kg Truss tomatoes');
  });

  it('when every kind is rendered in every language (en, nl, zh), then each has a subject, a text and an HTML body', () => {
    const samples: NoticeData[] = [
      confirmed,
      { kind: 'order_cancelled', orderId: 'o', reason: 'buyer changed mind', paid: true },
      { kind: 'cancel_accepted', orderId: 'o' },
      { kind: 'cancel_refused', orderId: 'o', reason: 'shipment s1 was picked up' },
      { kind: 'out_for_delivery', orderId: 'o', farmId: 'f', trackingCode: 'FTT-AAAABBBBCCCC' },
      { kind: 'delivered', orderId: 'o', farmId: 'f', recipientName: 'B.' },
      { kind: 'refund_made', orderId: 'o', amount: eur(100) },
      { kind: 'new_orders', orderId: 'o', farmId: 'f', farmName: 'F', lines: [] },
      payoutMade({ orderId: 'o', farmId: 'f' }, 1, 1, 0),
      {
        kind: 'temperature_excursion',
        orderId: 'o',
        farmId: 'f',
        shipmentId: 's',
        lotCodes: ['LOT-1'],
        temperatureC: 19,
        minC: 2,
        maxC: 12,
        place: 'Hub',
      },
      { kind: 'shipments_open', shipmentId: 's', orderId: 'o', farmId: 'f', region: 'Utrecht' },
      { kind: 'dead_letters', topic: 'ftt.orders.v1', partition: 0, offset: '7', error: 'boom' },
      { kind: 'stuck_order', orderId: 'o', status: 'confirmed', since: '2026-01-01T00:00:00Z' },
    ];
    for (const [lang, tag] of [
      ['en', 'en'],
      ['nl', 'nl'],
      ['zh', 'zh-CN'],
    ] as const) {
      for (const d of samples) {
        const r = render(d.kind, [d], lang, 'http://x');
        expect(r.subject.length, `${lang} ${d.kind}`).toBeGreaterThan(5);
        expect(r.text.length).toBeGreaterThan(r.subject.length);
        expect(r.html).toContain(`lang="${tag}"`);
      }
    }
  });

  it('when a box was left at a pickup point, then the buyer reads it is ready for collection there, with the opening hours and the code, and no name of who took it in', () => {
    const collection = {
      pickupPointId: 'pp-ede-hofwinkel',
      name: 'Hofwinkel De Eng',
      address: { line1: 'Engweg 12', city: 'Ede', postalCode: '6717 AB', country: 'NL' },
      opens: '09:00',
      closes: '18:00',
      code: 'K7P2QX',
    };
    const d: NoticeData = {
      kind: 'delivered',
      orderId: 'o1',
      farmId: 'f1',
      recipientName: 'Carla Smit',
      collection,
    };
    const en = render('delivered', [d], 'en', 'http://app.test');
    expect(en.subject).toBe('Your order o1 is ready for collection');
    for (const body of [en.text, en.html, en.body]) {
      expect(body).toContain('Hofwinkel De Eng, Engweg 12, Ede');
      expect(body).toContain('open 09:00–18:00');
      expect(body).toContain('K7P2QX');
      expect(body).not.toContain('Carla Smit');
    }
    const nl = render('delivered', [d], 'nl', 'http://app.test');
    expect(nl.subject).toBe('Je bestelling o1 ligt klaar om op te halen');
    expect(nl.text).toContain('K7P2QX');
    expect(nl.text).not.toContain('Carla Smit');
  });

  it('when two boxes of one order were delivered, then each message names its farm (they are not two identical messages)', () => {
    const of = (farmId: string, farmName: string): NoticeData => ({
      kind: 'delivered',
      orderId: 'o1',
      farmId,
      farmName,
      recipientName: 'Ben Jansen',
    });
    const a = render('delivered', [of('f1', 'De Groene Hoeve')], 'en', 'http://app.test');
    const b = render('delivered', [of('f2', 'Kippenhof Visser')], 'en', 'http://app.test');
    expect(a.subject).toBe('Your box from De Groene Hoeve (order o1) was delivered');
    expect(b.subject).toBe('Your box from Kippenhof Visser (order o1) was delivered');
    expect(a.text).toContain('Your box from De Groene Hoeve was delivered and received by Ben Jansen.');
    expect(render('delivered', [of('f2', 'Kippenhof Visser')], 'nl', 'http://app.test').subject).toBe(
      'Je doos van Kippenhof Visser (bestelling o1) is bezorgd',
    );
  });
});
