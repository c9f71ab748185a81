/**
 * The Chinese demo market (issue #31) as an operator publishes it: the market (CNY, zh-CN, Asia/Shanghai, 6-digit
 * postcodes, Zhejiang's cities, tax rates, card + Alipay + WeChat Pay) and the delivery offer of its two regions
 * (Hangzhou's community pickup stations and home zones, the tea cooperative's shop in Anji). Data only: the dev seed
 * (`seed-markets.ts`) and the tests publish it through orders' back-office API, as operators would.
 */

export const CN_MARKET = {
  name: '中国',
  currency: { code: 'CNY', minorDigits: 2 },
  languages: ['zh-CN', 'en'],
  timeZone: 'Asia/Shanghai',
  country: 'CN',
  postcodePattern: '\\d{6}',
  regions: [
    { name: '浙江省', cities: ['杭州市', '湖州市'] },
    { name: '上海市', cities: ['上海市'] },
  ],
  // VAT: farm produce at the 9 % rate, processed goods (finished tea) at the 13 % standard rate; transport 9 %,
  // the platform's service 6 % (modern services)
  taxRates: {
    goods: { default: 1300, vegetables: 900, fruit: 900, eggs: 900, tea: 1300 },
    delivery: 900,
    platformFee: 600,
  },
  units: ['kg', 'g', 'bunch', 'piece', 'box', 'crate'],
  paymentMethods: ['alipay', 'wechat_pay', 'card'],
} as const;

const cn = (line1: string, city: string, postalCode: string, lat: number, lng: number) => ({
  line1,
  city,
  postalCode,
  country: 'CN',
  geo: { lat, lng },
});

/** The offer per delivery region, as PUT /admin/delivery/regions/:region takes it (less version and reason). */
export const CN_REGIONS: Record<string, Record<string, unknown>> = {
  杭州市: {
    market: 'cn',
    // Wednesday and Saturday, orders by 20:00 the day before last
    rules: [
      { weekday: 3, cutoffDaysBefore: 2, cutoffTime: '20:00' },
      { weekday: 6, cutoffDaysBefore: 2, cutoffTime: '20:00' },
    ],
    pickupPoints: [
      {
        pickupPointId: 'pp-hz-xixi',
        name: '西溪社区自提点',
        kind: 'locker',
        address: cn('文二西路 588 号', '杭州市', '310013', 30.2799, 120.1064),
        opens: '08:00',
        closes: '21:00',
        feeMinor: 0,
      },
      {
        pickupPointId: 'pp-hz-binjiang',
        name: '滨江社区自提点',
        kind: 'locker',
        address: cn('江南大道 1088 号', '杭州市', '310051', 30.2085, 120.2126),
        opens: '07:00',
        closes: '22:00',
        feeMinor: 300,
      },
      {
        pickupPointId: 'pp-hz-liangzhu',
        name: '良渚菜市场摊位',
        kind: 'market_stall',
        address: cn('良渚街道 古墩路 2000 号', '杭州市', '311113', 30.3723, 120.0389),
        opens: '06:30',
        closes: '12:00',
        feeMinor: 0,
      },
    ],
    zones: [
      { zoneId: 'zone-hz-xihu', name: '西湖区', postcodes: [[310012, 310013], [310030, 310030]], feeMinor: 800 },
      { zoneId: 'zone-hz-binjiang', name: '滨江区', postcodes: [[310051, 310053]], feeMinor: 800 },
      { zoneId: 'zone-hz-yuhang', name: '余杭区', postcodes: [[311100, 311121]], feeMinor: 1000 },
    ],
  },
  湖州市: {
    market: 'cn',
    // Friday, orders by Wednesday 18:00
    rules: [{ weekday: 5, cutoffDaysBefore: 2, cutoffTime: '18:00' }],
    pickupPoints: [
      {
        pickupPointId: 'pp-anji-coop',
        name: '安吉白茶合作社门店',
        kind: 'farm_shop',
        address: cn('递铺街道 天荒坪北路 8 号', '湖州市', '313300', 30.638, 119.681),
        opens: '09:00',
        closes: '17:30',
        feeMinor: 0,
      },
    ],
    zones: [{ zoneId: 'zone-anji', name: '安吉县', postcodes: [[313300, 313399]], feeMinor: 600 }],
  },
};

/** Publishes the market, then its regions, through orders' API as an operator (`token`); what exists is kept. */
export const publishChineseMarket = async (ordersUrl: string, token: string): Promise<string[]> => {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, ordersUrl), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const done: string[] = [];
  const must = (r: { status: number; body: unknown }, what: string) => {
    if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    done.push(what);
  };
  if ((await call('GET', '/admin/markets/cn')).status === 404)
    must(await call('PUT', '/admin/markets/cn', { ...CN_MARKET, version: 0, reason: 'the Chinese demo market' }), 'market cn');
  for (const [region, offer] of Object.entries(CN_REGIONS)) {
    const path = `/admin/delivery/regions/${encodeURIComponent(region)}`;
    if ((await call('GET', path)).status === 404)
      must(await call('PUT', path, { ...offer, version: 0, reason: 'the Chinese demo market' }), `delivery offer ${region}`);
  }
  return done;
};
