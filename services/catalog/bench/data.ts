import { farmSummary } from '../src/domain/farm';
import { newFarm } from '../src/domain/farm-decide';
import type { Listing } from '../src/domain/listing';
import { newListing, pauseListing, publishListing, type ListingOutcome } from '../src/domain/listing-decide';

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
export const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export const REGIONS = ['Gelderland', 'Utrecht', 'Noord-Holland', 'Zuid-Holland', 'Flevoland', 'Noord-Brabant'];
const PRODUCE: [string, string, 'kg' | 'bunch' | 'box' | 'dozen' | 'piece'][] = [
  ['vegetables', 'carrots', 'kg'],
  ['vegetables', 'leeks', 'kg'],
  ['vegetables', 'kale', 'bunch'],
  ['vegetables', 'beetroot', 'kg'],
  ['vegetables', 'potatoes', 'kg'],
  ['vegetables', 'onions', 'kg'],
  ['vegetables', 'asparagus', 'kg'],
  ['fruit', 'apples', 'kg'],
  ['fruit', 'pears', 'kg'],
  ['fruit', 'strawberries', 'box'],
  ['fruit', 'cherries', 'box'],
  ['herbs', 'parsley', 'bunch'],
  ['eggs', 'eggs', 'dozen'],
  ['honey', 'honey', 'piece'],
  ['mushrooms', 'oyster mushrooms', 'box'],
];
const ADJECTIVES = ['Fresh', 'Organic', 'Heirloom', 'Sweet', 'Crisp', 'Early', 'Late-season', 'Hand-picked'];

const changed = (o: ListingOutcome): Listing => {
  if (o.kind !== 'change') throw new Error(`bench data: ${JSON.stringify(o)}`);
  return o.state;
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** `count` listings of `farms` farms, built by the same domain functions the service uses. */
export const benchListings = (count: number, farms: number): { listing: Listing; available: number }[] => {
  const r = rng(20260610);
  const now = new Date();
  const farmList = Array.from({ length: farms }, (_, i) =>
    newFarm(
      `bench-farm-${i}`,
      `bench-farmer-${i}`,
      {
        name: `Bench farm ${i}`,
        description: '',
        address: { line1: `Dijk ${i}`, city: 'Ede', postalCode: '6711 AB', country: 'NL', geo: { lat: 52, lng: 5.6 } },
        region: REGIONS[i % REGIONS.length]!,
        certifications: i % 3 === 0 ? [{ type: 'organic', certifier: 'SKAL', validUntil: day(200) }] : [],
      },
      now,
    ),
  );
  return Array.from({ length: count }, (_, i) => {
    const farm = farmList[Math.floor(r() * farms)]!;
    const [category, name, unit] = PRODUCE[Math.floor(r() * PRODUCE.length)]!;
    const harvested = Math.floor(r() * 30);
    const draft = newListing(
      `bench-listing-${String(i).padStart(5, '0')}`,
      farm.id,
      farmSummary(farm),
      {
        category,
        title: `${ADJECTIVES[Math.floor(r() * ADJECTIVES.length)]} ${name}`,
        description: `${name} from ${farm.name}, harvested ${harvested} days ago`,
        unit,
        unitPrice: { amount: 100 + Math.floor(r() * 1900), currency: 'EUR' },
        photos: [`/photos/${name.replace(/ /g, '-')}.svg`],
        lot: { lotCode: `BENCH-${i}`, field: 'Field 1', harvestDate: day(-harvested), bestBefore: day(60), quantity: 500 },
        coldChain: { minC: 1, maxC: 6 },
      },
      new Date(now.getTime() - (count - i) * 1000),
    );
    // Most are on sale; a few drafts and paused ones so the status filter has work to do.
    const published = i % 20 === 0 ? draft : changed(publishListing(draft, new Date(now.getTime() - (count - i) * 1000)));
    const listing = i % 37 === 0 && published.status === 'published' ? changed(pauseListing(published, now)) : published;
    return { listing, available: r() < 0.1 ? 0 : Math.floor(r() * 200) };
  });
};
