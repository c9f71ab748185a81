import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo, daysAhead, farmBody, listingBody, startHarness, type Harness, type User } from './support';

interface Fixture {
  id: string;
  farmer: User;
  farmId: string;
  region: string;
  certified: boolean;
  category: string;
  title: string;
  description: string;
  price: number;
  harvestDate: string;
  available: number;
  publishedAt: string;
}

let h: Harness;
const live: Fixture[] = [];
const farms: Record<string, { id: string; region: string; certified: boolean }> = {};

const specs: [User, string, string, number, number, number][] = [
  // farmer, category, title, price, harvested days ago, available
  ['anna', 'vegetables', 'Winter carrots', 250, 1, 40],
  ['anna', 'vegetables', 'Purple carrots', 250, 1, 0],
  ['anna', 'vegetables', 'Leeks', 180, 3, 12],
  ['anna', 'herbs', 'Flat parsley', 120, 0, 30],
  ['anna', 'fruit', 'Cherry tomatoes (250g+)', 450, 2, 8],
  ['anna', 'eggs', 'Free-range eggs', 390, 0, 20],
  ['joost', 'vegetables', 'Beetroot', 250, 4, 15],
  ['joost', 'vegetables', 'Celeriac', 210, 6, 5],
  ['joost', 'fruit', 'Elstar apples', 300, 10, 100],
  ['joost', 'fruit', 'Conference pears', 320, 9, 0],
  ['joost', 'honey', 'Heather honey', 890, 30, 6],
  ['lena', 'fruit', 'Strawberries', 550, 1, 25],
  ['lena', 'fruit', 'Raspberries', 650, 1, 10],
  ['lena', 'vegetables', 'Kale', 250, 2, 18],
  ['lena', 'mushrooms', 'Oyster mushrooms', 700, 1, 7],
];

beforeAll(async () => {
  h = await startHarness('catalog-search');
  const farmSpecs: [User, string, string | null][] = [
    ['anna', 'Gelderland', daysAhead(200)],
    ['joost', 'Utrecht', daysAgo(3)], // certificate expired: not certified any more
    ['lena', 'Utrecht', null],
  ];
  for (const [farmer, region, validUntil] of farmSpecs) {
    const certifications = validUntil ? [{ type: 'organic', certifier: 'SKAL', validUntil }] : [];
    const r = await h.call('POST', '/farms', farmer, farmBody({ name: `Farm ${farmer}`, region, certifications }));
    expect(r.status).toBe(201);
    farms[farmer] = { id: r.body.id, region, certified: validUntil !== null && validUntil >= daysAgo(0) };
  }
  for (const [farmer, category, title, price, ago, available] of specs) {
    const farm = farms[farmer]!;
    const body = listingBody({
      category,
      title,
      description: `${title} from ${farmer}'s farm`,
      unitPrice: { amount: price, currency: 'EUR' },
      available,
      lot: { lotCode: `LOT-${farmer}-${title.length}-${price}`, field: 'Field 1', harvestDate: daysAgo(ago), quantity: 100 },
    });
    const created = await h.call('POST', `/farms/${farm.id}/listings`, farmer, body);
    const pub = await h.call('POST', `/listings/${created.body.id}/publish`, farmer);
    expect(pub.status).toBe(200);
    live.push({
      id: pub.body.id,
      farmer,
      farmId: farm.id,
      region: farm.region,
      certified: farm.certified,
      category,
      title,
      description: body.description as string,
      price,
      harvestDate: daysAgo(ago),
      available,
      publishedAt: pub.body.publishedAt,
    });
  }
  // Not searchable: a draft, and a paused listing.
  await h.call('POST', `/farms/${farms.anna!.id}/listings`, 'anna', listingBody({ title: 'Draft carrots' }));
  const paused = await h.call('POST', `/farms/${farms.anna!.id}/listings`, 'anna', listingBody({ title: 'Paused carrots' }));
  await h.call('POST', `/listings/${paused.body.id}/publish`, 'anna');
  await h.call('POST', `/listings/${paused.body.id}/pause`, 'anna');
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const byId = (a: Fixture, b: Fixture, dir: 1 | -1) => (a.id < b.id ? -dir : a.id > b.id ? dir : 0);
const sorted = (xs: Fixture[], key: (f: Fixture) => string | number, dir: 1 | -1) =>
  [...xs].sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : byId(a, b, dir)));

/** Walk every page with the cursor. */
const walk = async (query: string, limit: number) => {
  const seen: { id: string }[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const r = await h.call('GET', `/listings?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('pagination did not end');
};

describe('searching listings', () => {
  const filters: [string, string, (f: Fixture) => boolean][] = [
    ['category', 'category=fruit', (f) => f.category === 'fruit'],
    ['region', 'region=Utrecht', (f) => f.region === 'Utrecht'],
    ['price range', 'minPrice=200&maxPrice=320', (f) => f.price >= 200 && f.price <= 320],
    ['certified', 'certified=true', (f) => f.certified],
    ['not certified', 'certified=false', (f) => !f.certified],
    ['harvested since', `harvestedSince=${daysAgo(1)}`, (f) => f.harvestDate >= daysAgo(1)],
    ['in stock', 'inStock=true', (f) => f.available > 0],
    ['text, any case', 'q=CARROTS', (f) => /carrots/i.test(f.title)],
    ['text with regex characters, matched literally', `q=${encodeURIComponent('(250g+)')}`, (f) => f.title.includes('(250g+)')],
    ['a regex wildcard, matched literally', `q=${encodeURIComponent('.*')}`, () => false],
    ['combined', 'category=vegetables&inStock=true&maxPrice=250&region=Gelderland', (f) => f.category === 'vegetables' && f.available > 0 && f.price <= 250 && f.region === 'Gelderland'],
  ];
  it.each(filters)('when filtering by %s, then exactly the matching published listings come back', async (_name, query, match) => {
    const r = await h.call('GET', `/listings?${query}&sort=price&limit=100`);
    expect(r.status).toBe(200);
    const expected = sorted(live.filter(match), (f) => f.price, 1).map((f) => f.id);
    expect(ids(r.body.items)).toEqual(expected);
  });

  it('when filtering by farm, then only that farm\'s listings, with farm details, come back', async () => {
    const r = await h.call('GET', `/listings?farmId=${farms.joost!.id}&limit=100&sort=price`);
    expect(ids(r.body.items)).toEqual(sorted(live.filter((f) => f.farmer === 'joost'), (f) => f.price, 1).map((f) => f.id));
    expect(r.body.items[0].farm).toEqual({ name: 'Farm joost', region: 'Utrecht', certified: false, certifications: ['organic'], market: 'nl' });
  });

  const sorts: [string, (f: Fixture) => string | number, 1 | -1][] = [
    ['price', (f) => f.price, 1],
    ['-price', (f) => f.price, -1],
    ['freshness', (f) => f.harvestDate, -1],
    ['newest', (f) => f.publishedAt, -1],
  ];
  it.each(sorts)('when sorted by %s and read 4 per page, then the pages join into the full order with the _id tiebreak', async (sort, key, dir) => {
    const pages = await walk(`sort=${sort}`, 4);
    expect(ids(pages)).toEqual(sorted(live, key, dir).map((f) => f.id));
  });

  it('when a listing is published while a buyer pages through, then no listing is repeated or skipped', async () => {
    const first = await h.call('GET', '/listings?sort=newest&limit=5');
    const fresh = await h.call('POST', `/farms/${farms.lena!.id}/listings`, 'lena', listingBody({ title: 'Fresh basil', category: 'herbs' }));
    await h.call('POST', `/listings/${fresh.body.id}/publish`, 'lena');
    const rest: { id: string }[] = [];
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      const r = await h.call('GET', `/listings?sort=newest&limit=5&cursor=${cursor}`);
      rest.push(...r.body.items);
      cursor = r.body.nextCursor;
    }
    const all = [...ids(first.body.items), ...ids(rest)];
    expect(all).toEqual(sorted(live, (f) => f.publishedAt, -1).map((f) => f.id));
    expect(all).not.toContain(fresh.body.id);
  });

  const bad: [string, string, string][] = [
    ['a zero limit', 'limit=0', 'query.limit'],
    ['a minimum price above the maximum', 'minPrice=500&maxPrice=100', 'query.maxPrice'],
    ['a negative price', 'minPrice=-1', 'query.minPrice'],
    ['a forged cursor', 'cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
    ['an unknown sort', 'sort=random', 'query.sort'],
    ['an unknown parameter', 'status=draft', 'query.status'],
    ['a malformed date', 'harvestedSince=yesterday', 'query.harvestedSince'],
  ];
  it.each(bad)('when the query has %s, then 400 naming the parameter', async (_what, query, field) => {
    const r = await h.call('GET', `/listings?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it("when a farm's page is requested, then it lists only its published listings", async () => {
    const r = await h.call('GET', `/farms/${farms.anna!.id}`);
    expect(r.status).toBe(200);
    expect(r.body.farm).toMatchObject({ name: 'Farm anna', region: 'Gelderland', certified: true });
    expect(new Set(ids(r.body.listings))).toEqual(new Set(live.filter((f) => f.farmer === 'anna').map((f) => f.id)));
    const mine = await h.call('GET', '/farms/mine', 'anna');
    expect(mine.body.listings.map((l: { status: string }) => l.status).sort()).toEqual([...Array(6).fill('published'), 'draft', 'paused'].sort());
  });
});
