import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmed, mailWithSubject, registerPerson, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('languages');
});
afterAll(async () => {
  await h?.stop();
});

/**
 * One order of a person identity registered (placed, confirmed for a delivery day, its box registered with a tracking
 * code) and a refund of part of it, in the order's currency.
 */
const orderAndRefund = async (buyerId: string, currency: string, farmName: string, refunded: number) => {
  const orderId = `ord-${randomUUID()}`;
  const farmId = `farm-${randomUUID().slice(0, 8)}`;
  const money = (amount: number) => ({ amount, currency });
  await h.probe.send('ftt.orders.order.placed.v1', {
    orderId,
    buyerId,
    lines: [{ listingId: 'l1', farmId, quantity: 2, unitPrice: money(6000) }],
    total: money(12_000),
    placedAt: new Date().toISOString(),
  });
  const event = confirmed(orderId, buyerId, farmId);
  await h.probe.send('ftt.orders.order.confirmed.v1', {
    ...event,
    deliveryDate: '2026-03-12',
    shipments: event.shipments.map((s) => ({ ...s, farmName })),
  });
  await h.probe.send('ftt.logistics.shipment.created.v1', {
    shipmentId: `shp-${randomUUID().slice(0, 8)}`,
    orderId,
    farmId,
    at: new Date().toISOString(),
    trackingCode: 'FTT-ZHNL00000001',
    region: 'Gelderland',
    lotCodes: ['LOT-1'],
  });
  await h.probe.send('ftt.orders.payment.refunded.v1', {
    orderId,
    paymentId: 'pi_1',
    refundId: `re_${randomUUID().slice(0, 8)}`,
    amount: money(refunded),
  });
  return orderId.slice(0, 8);
};

describe('mails in the language the person chose in identity (ICU catalogs)', () => {
  it('when a person who reads Chinese orders, then the welcome, the confirmation and the refund come in Simplified Chinese, with the delivery day and the money written for zh-CN', async () => {
    const { personId, email } = await registerPerson(h, 'zh', '李华');
    const welcome = await mailWithSubject(h, email, '欢迎来到 FieldToTable');
    expect(welcome.Text).toContain('李华，您好：');

    const id = await orderAndRefund(personId, 'CNY', '安吉白茶合作社', 8450);
    const conf = await mailWithSubject(h, email, `您的订单 ${id} 已确认`);
    expect(conf.Text).toContain('谢谢！我们已收到您的付款，并已将订单转交给安吉白茶合作社。');
    expect(conf.Text).toContain('配送日：2026年3月12日星期四');
    expect(conf.Text).toContain('运单号：FTT-ZHNL00000001');
    expect(conf.Text).toContain('FieldToTable —— 从田间到餐桌。');
    expect(conf.HTML).toContain('<html lang="zh-CN">');
    expect(conf.HTML).toContain('配送日：2026年3月12日星期四');

    const refund = await mailWithSubject(h, email, `订单 ${id} 的退款`);
    expect(refund.Text).toContain('我们已将 ¥84.50 退回到您的付款账户。');
    // the language is the profile's from now on: what identity said, not English
    const profile = await h.db.collection('profiles').findOne({ _id: personId as never });
    expect(profile).toMatchObject({ email, language: 'zh' });
  });

  it('when a person who reads Dutch orders, then the confirmation and the refund come in Dutch, with the delivery day and the money written for nl-NL', async () => {
    const { personId, email } = await registerPerson(h, 'nl', 'Noor');
    await mailWithSubject(h, email, 'Welkom bij FieldToTable');

    const id = await orderAndRefund(personId, 'EUR', 'De Groene Hoeve', 845);
    const conf = await mailWithSubject(h, email, `Je bestelling ${id} is bevestigd`);
    expect(conf.Text).toContain('je bestelling doorgegeven aan De Groene Hoeve.');
    expect(conf.Text).toContain('Bezorgdag: donderdag 12 maart 2026');
    expect(conf.Text).toContain('Trackingcode: FTT-ZHNL00000001');
    expect(conf.HTML).toContain('<html lang="nl">');

    const refund = await mailWithSubject(h, email, `Terugbetaling voor bestelling ${id}`);
    expect(refund.Text).toContain('We hebben €\u00a08,45 teruggestort op je betaalmiddel.');
  });
});
