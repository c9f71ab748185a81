import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, farmBody, listingBody, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('catalog-markets');
});
afterAll(async () => {
  await h?.stop();
});

const cnMarket = (version: number) => ({
  code: 'cn',
  name: '中国',
  currency: { code: 'CNY', minorDigits: 2 },
  languages: ['zh-CN'],
  timeZone: 'Asia/Shanghai',
  country: 'CN',
  postcodePattern: '\\d{6}',
  regions: [{ name: '浙江省', cities: ['湖州市'] }],
  taxRates: { goods: { default: 1300, vegetables: 900 }, delivery: 900, platformFee: 600 },
  units: ['kg' as const, 'box' as const],
  paymentMethods: ['alipay' as const, 'card' as const],
  version,
  publishedAt: new Date().toISOString(),
});

describe('farms and listings belong to a market', () => {
  it("when a farm in the Chinese market prices a listing in EUR, then 400 names the currency; in CNY it is published carrying its market", async () => {
    await h.probe.send('ftt.orders.market.published.v1', cnMarket(1));
    await eventually(async () => (await h.db.collection('markets').findOne({ _id: 'cn' as never }))?.currency === 'CNY');

    const farm = await h.call(
      'POST',
      '/farms',
      'lena',
      farmBody({
        name: '溪龙白茶园',
        region: '湖州市',
        market: 'cn',
        address: { line1: '溪龙乡 黄杜村 1 号', city: '湖州市', postalCode: '313300', country: 'CN', geo: { lat: 30.61, lng: 119.7 } },
      }),
    );
    expect(farm.status).toBe(201);
    expect(farm.body).toMatchObject({ market: 'cn' });

    const eur = await h.call('POST', `/farms/${farm.body.id}/listings`, 'lena', listingBody());
    expect(eur.status).toBe(400);
    expect(eur.body.errors).toEqual([{ field: 'body.unitPrice.currency', message: 'the market cn is priced in CNY' }]);

    const tea = await h.call('POST', `/farms/${farm.body.id}/listings`, 'lena', listingBody({ title: '安吉白茶', category: 'tea', unit: 'box', unitPrice: { amount: 16_800, currency: 'CNY' } }));
    expect(tea.status).toBe(201);
    expect(tea.body.farm).toMatchObject({ market: 'cn' });
    // a later edit cannot move it to another currency either
    const edit = await h.call('PATCH', `/listings/${tea.body.id}`, 'lena', { unitPrice: { amount: 2000, currency: 'EUR' } });
    expect(edit.status).toBe(400);
    expect(edit.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.unitPrice.currency']);

    expect((await h.call('POST', `/listings/${tea.body.id}/publish`, 'lena')).status).toBe(200);
    await eventually(() =>
      h.probe.events.some((e) => e.type === 'ftt.catalog.listing.published.v1' && (e.data as { listingId: string }).listingId === tea.body.id),
    );
    const snapshot = h.probe.events.find((e) => e.type === 'ftt.catalog.listing.published.v1' && (e.data as { listingId: string }).listingId === tea.body.id);
    expect(snapshot?.data).toMatchObject({ market: 'cn', unitPrice: { amount: 16_800, currency: 'CNY' } });
  });

  it('when an older version of a market arrives after a newer one, then the newer one stays', async () => {
    await h.probe.send('ftt.orders.market.published.v1', { ...cnMarket(3), currency: { code: 'CNY', minorDigits: 2 } });
    await eventually(async () => (await h.db.collection('markets').findOne({ _id: 'cn' as never }))?.version === 3);
    await h.probe.send('ftt.orders.market.published.v1', { ...cnMarket(2), currency: { code: 'HKD', minorDigits: 2 } });
    await h.probe.send('ftt.orders.market.published.v1', { ...cnMarket(4), name: 'China' });
    await eventually(async () => (await h.db.collection('markets').findOne({ _id: 'cn' as never }))?.version === 4);
    expect(await h.db.collection('markets').findOne({ _id: 'cn' as never })).toMatchObject({ currency: 'CNY', version: 4 });
  });
});
