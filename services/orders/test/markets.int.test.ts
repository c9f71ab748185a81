import { startedForFile } from '@ftt/kit/test-hooks';
import { eventually } from '@ftt/kit/testing';
import { describe, expect, it } from 'vitest';
import { CN_MARKET, publishChineseMarket } from '../scripts/demo-market-cn';
import { address, farmSnapshot } from './support/fixtures';
import { startHarness } from './support/harness';

const h = startedForFile(() => startHarness());

const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field);
const put = (code: string, body: unknown, token = h.users.ada) => h.call('PUT', `/admin/markets/${code}`, { token, body });
const published = (code: string) =>
  h.probe.events.filter((e) => e.type === 'ftt.orders.market.published.v1' && (e.data as { code: string }).code === code);

const teaOf = (over: Record<string, unknown> = {}) =>
  farmSnapshot('anna', {
    market: 'cn',
    farmName: '溪龙白茶园',
    title: '安吉白茶 250 克',
    category: 'tea',
    unit: 'box',
    unitPrice: { amount: 16_800, currency: 'CNY' },
    region: '湖州市',
    pickupAddress: { line1: '溪龙乡 黄杜村 1 号', city: '湖州市', postalCode: '313300', country: 'CN' },
    ...over,
  });

describe('operators publish markets', () => {
  it('when the service starts, then the Dutch market is published (bundled) and announced, and anyone can read it', async () => {
    const list = await h.call('GET', '/markets');
    expect(list.status).toBe(200);
    expect(list.body.markets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'nl', currency: { code: 'EUR', minorDigits: 2 }, timeZone: 'Europe/Amsterdam', paymentMethods: ['card'], version: 1 }),
      ]),
    );
    await eventually(() => published('nl').length === 1, 30_000);
    expect(published('nl')[0]).toMatchObject({ subject: 'market/nl', data: { version: 1, taxRates: { delivery: 2100 } } });
  });

  it('when a buyer or a farmer publishes a market, then 403 and nothing is stored', async () => {
    for (const who of [h.users.ben, h.users.anna])
      expect(await put('cn', { ...CN_MARKET, version: 0, reason: 'not theirs' }, who)).toMatchObject({ status: 403 });
    expect((await h.call('GET', '/admin/markets/cn', { token: h.users.ada })).status).toBe(404);
  });

  it('when the currency, the time zone or the postcode pattern is bad, then 400 problem+json names the field', async () => {
    const bad = async (over: Record<string, unknown>) => {
      const r = await put('cn', { ...CN_MARKET, ...over, version: 0, reason: 'a typo' });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      return fields(r);
    };
    expect(await bad({ currency: { code: 'RMB', minorDigits: 2 } })).toEqual(['body.currency.code']);
    expect(await bad({ currency: { code: 'cny', minorDigits: 2 } })).toEqual(['body.currency.code']);
    expect(await bad({ currency: { code: 'CNY', minorDigits: 0 } })).toEqual(['body.currency.minorDigits']);
    expect(await bad({ timeZone: 'Asia/Beijing' })).toEqual(['body.timeZone']);
    expect(await bad({ postcodePattern: '\\d{6' + '(' })).toEqual(['body.postcodePattern']);
    expect(await bad({ paymentMethods: ['alipay', 'cash'] })).toEqual(['body.paymentMethods.1']);
    expect((await h.call('GET', '/admin/markets/cn', { token: h.users.ada })).status).toBe(404);
  });

  it('when an operator publishes a market and edits it, then each version is audited and announced, and a stale version is a 409', async () => {
    const first = await put('cn', { ...CN_MARKET, version: 0, reason: 'the Chinese demo market' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ code: 'cn', version: 1, currency: { code: 'CNY' }, updatedBy: 'user-admin-ada' });

    const edited = await put('cn', { ...CN_MARKET, paymentMethods: ['alipay', 'wechat_pay'], version: 1, reason: 'cards later' });
    expect(edited.body).toMatchObject({ version: 2, paymentMethods: ['alipay', 'wechat_pay'] });
    // another operator still edits version 1
    const stale = await put('cn', { ...CN_MARKET, version: 1, reason: 'an edit on an old copy' });
    expect(stale).toMatchObject({ status: 409, body: { code: 'market.conflict' } });
    expect(fields(stale)).toEqual(['body.version']);
    // a market keeps its currency: amounts stored in fen stay fen
    const eur = await put('cn', { ...CN_MARKET, currency: { code: 'EUR', minorDigits: 2 }, version: 2, reason: 'a currency change' });
    expect(eur.status).toBe(400);
    expect(fields(eur)).toEqual(['body.currency.code']);

    const stored = await h.call('GET', '/admin/markets/cn', { token: h.users.ada });
    expect(stored.body).toMatchObject({ version: 2, paymentMethods: ['alipay', 'wechat_pay'] });
    const trail = await h.db.collection('admin_audit').find({ 'target.type': 'market', 'target.id': 'cn' }).toArray();
    expect(trail.map((e) => e.reason).sort()).toEqual(['cards later', 'the Chinese demo market']);
    await eventually(() => published('cn').length === 2, 30_000);
    expect(published('cn').map((e) => (e.data as { version: number }).version)).toEqual([1, 2]);
    expect((await put('cn', { ...CN_MARKET, version: 2, reason: 'cards again' })).status).toBe(200);
  });
});

describe('an order belongs to one market', () => {
  it('when the Chinese offer is published, then its delivery days are in Asia/Shanghai and a Dutch postcode is refused for its pickup points', async () => {
    expect((await h.call('GET', '/admin/markets/cn', { token: h.users.ada })).status).toBe(200);
    await publishChineseMarket(h.service!.url, h.users.ada);
    const options = await h.call('GET', '/delivery/options?market=cn&postalCode=310013');
    expect(options.status).toBe(200);
    expect(options.body.regions.map((r: { region: string; timeZone: string; market: string }) => [r.region, r.timeZone, r.market])).toEqual([
      ['杭州市', 'Asia/Shanghai', 'cn'],
      ['湖州市', 'Asia/Shanghai', 'cn'],
    ]);
    expect(options.body.homeZone).toMatchObject({ zoneId: 'zone-hz-xihu', feeMinor: 800 });
    // the Dutch checkout does not see them
    const nl = await h.call('GET', '/delivery/options');
    expect(nl.body.regions.map((r: { region: string }) => r.region)).toEqual(['Gelderland', 'Utrecht']);

    const region = await h.call('GET', `/admin/delivery/regions/${encodeURIComponent('湖州市')}`, { token: h.users.ada });
    const { region: _r, updatedAt: _u, updatedBy: _b, ...body } = region.body;
    const dutch = { ...body.pickupPoints[0], address: { ...body.pickupPoints[0].address, postalCode: '6717 AB' } };
    const refused = await h.call('PUT', `/admin/delivery/regions/${encodeURIComponent('湖州市')}`, {
      token: h.users.ada,
      body: { ...body, pickupPoints: [dutch], reason: 'a typo' },
    });
    expect(refused.status).toBe(400);
    expect(fields(refused)).toEqual(['body.pickupPoints.0.address.postalCode']);
    const wrongZone = await h.call('PUT', `/admin/delivery/regions/${encodeURIComponent('湖州市')}`, {
      token: h.users.ada,
      body: { ...body, timeZone: 'Europe/Amsterdam', reason: 'a typo' },
    });
    expect(fields(wrongZone)).toEqual(['body.timeZone']);
  });

  it('when an order mixes listings of two markets, then 422 names the line and nothing is placed', async () => {
    const apples = farmSnapshot('joost');
    const tea = teaOf();
    await h.publishListing(apples);
    await h.publishListing(tea);
    const res = await h.placeOrder([
      { listingId: apples.listingId, quantity: 1 },
      { listingId: tea.listingId, quantity: 1 },
    ]);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'order.unprocessable' });
    expect(res.body.errors).toEqual([{ field: 'lines.1.listingId', message: 'listing belongs to the market cn, the order to nl' }]);
    expect(await h.db.collection('orders').countDocuments({ 'lines.listingId': tea.listingId })).toBe(0);
  });

  it('when a buyer orders Chinese tea to a Hangzhou pickup station, then the order is in cn and CNY, its day in Asia/Shanghai, and order.placed names the market', async () => {
    const tea = teaOf();
    await h.publishListing(tea);
    const res = await h.call('POST', '/orders', {
      token: h.users.ben,
      body: {
        lines: [{ listingId: tea.listingId, quantity: 2 }],
        deliveryAddress: { line1: '文三路 90 号', city: '杭州市', postalCode: '310013', country: 'CN' },
        contact: { name: '李娜' },
        delivery: { method: 'pickup_point', pickupPointId: 'pp-hz-binjiang' },
        paymentMethod: 'alipay',
      },
      headers: { 'idempotency-key': `cn-${tea.listingId}` },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ market: 'cn', currency: 'CNY', paymentMethod: 'alipay' });
    const stored = await h.storedOrder(res.body.orderId);
    expect(stored).toMatchObject({
      market: 'cn',
      currency: 'CNY',
      totals: { goods: { amount: 33_600, currency: 'CNY' }, delivery: { amount: 300, currency: 'CNY' } },
      delivery: { drop: { pickupPointId: 'pp-hz-binjiang', region: '杭州市' } },
    });
    // the cut-off is 20:00 in Shanghai (12:00 UTC)
    expect(stored!.delivery.cutoff).toMatch(/T12:00:00\.000Z$/);
    await eventually(() => h.eventsOf(res.body.orderId).some((e) => e.type === 'ftt.orders.order.placed.v1'));
    expect(h.eventsOf(res.body.orderId).find((e) => e.type === 'ftt.orders.order.placed.v1')?.data).toMatchObject({ market: 'cn' });

    // catalog reserved the stock: the PaymentIntent (stripe-mock) allows Alipay only, in fen of CNY
    await h.probe.send('ftt.catalog.stock.reserved.v1', {
      orderId: res.body.orderId,
      lines: [{ listingId: tea.listingId, quantity: 2 }],
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    await h.waitForState(res.body.orderId, 'awaiting_payment');
    const intent = h.recorder.calls.find((c) => c.path === '/v1/payment_intents' && c.idempotencyKey === `pi-${res.body.orderId}`);
    const form = new URLSearchParams(intent!.body);
    expect([form.get('allowed_payment_method_types[0]'), form.get('currency'), form.get('amount')]).toEqual(['alipay', 'cny', '33900']);

    // a method the market does not offer is refused, naming the field
    const apples = farmSnapshot('joost');
    await h.publishListing(apples);
    const alipayInNl = await h.call('POST', '/orders', {
      token: h.users.ben,
      body: { lines: [{ listingId: apples.listingId, quantity: 1 }], deliveryAddress: address, contact: { name: 'Ben' }, paymentMethod: 'alipay' },
      headers: { 'idempotency-key': `nl-alipay-${apples.listingId}` },
    });
    expect(alipayInNl.status).toBe(422);
    expect(alipayInNl.body.errors).toEqual([{ field: 'paymentMethod', message: 'the market nl takes card' }]);

    // a Dutch pickup point does not serve a Chinese order, nor is a Dutch postcode an address in China
    const order = (deliveryAddress: unknown, pickupPointId: string) =>
      h.call('POST', '/orders', {
        token: h.users.ben,
        body: {
          lines: [{ listingId: tea.listingId, quantity: 1 }],
          deliveryAddress,
          contact: { name: '李娜' },
          delivery: { method: 'pickup_point', pickupPointId },
        },
        headers: { 'idempotency-key': `cn-${Math.random()}` },
      });
    const dutchDrop = await order({ line1: '文三路 90 号', city: '杭州市', postalCode: '310013', country: 'CN' }, 'pp-utrecht-kluis');
    expect(dutchDrop.status).toBe(422);
    expect(fields(dutchDrop)).toEqual(['delivery.pickupPointId']);
    const dutchAddress = await order(address, 'pp-hz-xixi');
    expect(dutchAddress.status).toBe(422);
    expect(fields(dutchAddress)).toEqual(['deliveryAddress.postalCode']);
  });
});
