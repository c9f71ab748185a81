/** Demo farms and produce for the seed script: two regions, realistic lots and cold-chain ranges. */
export interface SeedProduce {
  produce: string;
  category: string;
  title: string;
  description: string;
  unit: 'kg' | 'bunch' | 'dozen' | 'crate' | 'piece' | 'box';
  price: number;
  available: number;
  field: string;
  harvestedDaysAgo: number;
  shelfDays: number;
  coldChain: { minC: number; maxC: number };
}

export interface SeedFarm {
  farmer: 'user-farmer-anna' | 'user-farmer-joost' | 'user-farmer-lena';
  code: string;
  name: string;
  description: string;
  address: { line1: string; city: string; postalCode: string; country: 'NL'; geo: { lat: number; lng: number } };
  region: 'Gelderland' | 'Utrecht';
  certifications: { type: string; certifier: string; certificateNumber?: string; validUntil: string }[];
  payoutAccountId: string;
  produce: SeedProduce[];
}

const p = (
  produce: string,
  category: string,
  title: string,
  description: string,
  unit: SeedProduce['unit'],
  price: number,
  available: number,
  field: string,
  harvestedDaysAgo: number,
  shelfDays: number,
  minC: number,
  maxC: number,
): SeedProduce => ({ produce, category, title, description, unit, price, available, field, harvestedDaysAgo, shelfDays, coldChain: { minC, maxC } });

const address = (line1: string, city: string, postalCode: string, lat: number, lng: number): SeedFarm['address'] => ({
  line1,
  city,
  postalCode,
  country: 'NL',
  geo: { lat, lng },
});

// farmer, farm code (in lot codes), name, region, payout account, address, description
const FARMS: [SeedFarm['farmer'], string, string, SeedFarm['region'], string, SeedFarm['address'], string][] = [
  ['user-farmer-anna', 'GH', 'De Groene Hoeve', 'Gelderland', 'acct_1GroeneHoeveAnna', address('Bosrandweg 12', 'Ede', '6718 ZA', 52.0402, 5.6649), 'Organic mixed vegetable farm on the edge of the Veluwe, run by Anna since 2009.'],
  ['user-farmer-joost', 'HJ', 'Hof van Joost', 'Utrecht', 'acct_1HofVanJoost01', address('Lobbendijk 41', 'Houten', '3991 TA', 52.0283, 5.168), 'Family farm near Houten growing potatoes, onions and asparagus on river clay.'],
  ['user-farmer-lena', 'BL', 'Boomgaard Lena', 'Gelderland', 'acct_1BoomgaardLena', address('Rijksstraatweg 88', 'Geldermalsen', '4191 SK', 51.8813, 5.2886), 'Orchard in the Betuwe with apples, pears, cherries and strawberries, and our own bee hives.'],
];

/** Certificates by farm code, valid until next year so that the demo farms count as certified. */
const certifications = (year: number): Record<string, SeedFarm['certifications']> => ({
  GH: [{ type: 'organic', certifier: 'SKAL', certificateNumber: 'SKAL-024519', validUntil: `${year + 1}-03-31` }],
  HJ: [{ type: 'globalgap', certifier: 'Control Union', certificateNumber: 'GGN-4063061823', validUntil: `${year + 1}-06-30` }],
  BL: [
    { type: 'organic', certifier: 'SKAL', certificateNumber: 'SKAL-031177', validUntil: `${year + 1}-01-31` },
    { type: 'other', certifier: 'Stichting Demeter', validUntil: `${year + 1}-01-31` },
  ],
});

// farm code, then the produce: name, category, title, description, unit, price (cents), available, field,
// harvested days ago, shelf life in days, cold chain min and max (C)
const PRODUCE: [string, SeedProduce][] = [
  ['GH', p('carrots', 'vegetables', 'Nantes carrots', 'Sweet, crunchy and washed. Lifted this week from sandy Veluwe soil.', 'kg', 295, 120, 'Akker Noord', 2, 21, 0, 4)],
  ['GH', p('leeks', 'vegetables', 'Winter leeks', 'Long white shafts, hardy Blue Solaise variety.', 'kg', 349, 60, 'Akker Noord', 3, 14, 0, 5)],
  ['GH', p('kale', 'vegetables', 'Curly kale', 'Frost-sweetened curly kale for stamppot.', 'bunch', 225, 80, 'Kas 2', 1, 7, 0, 4)],
  ['GH', p('beetroot', 'vegetables', 'Red beetroot', 'Earthy red beets, leaves removed.', 'kg', 275, 70, 'Akker Zuid', 4, 28, 0, 5)],
  ['GH', p('eggs', 'eggs', 'Free-range eggs', 'From our 300 hens that roam the orchard.', 'dozen', 420, 40, 'Kippenweide', 1, 21, 5, 18)],
  ['HJ', p('potatoes', 'vegetables', 'Bintje potatoes', 'Floury all-rounders, great for fries and mash.', 'kg', 149, 400, 'Perceel 7', 6, 60, 6, 10)],
  ['HJ', p('onions', 'vegetables', 'Yellow onions', 'Dried on the field, keep for months.', 'kg', 129, 300, 'Perceel 3', 10, 90, 2, 12)],
  ['HJ', p('asparagus', 'vegetables', 'White asparagus', 'Hand-cut this morning, thick AA grade.', 'kg', 1450, 25, 'Aspergebed A', 0, 4, 1, 4)],
  ['HJ', p('pumpkin', 'vegetables', 'Hokkaido pumpkins', 'Orange red kuri, skin is edible.', 'piece', 350, 90, 'Perceel 5', 8, 60, 10, 15)],
  ['BL', p('apples', 'fruit', 'Elstar apples', 'Crisp and tart, the Dutch classic.', 'kg', 310, 250, 'Rij 4-9', 5, 60, 1, 4)],
  ['BL', p('pears', 'fruit', 'Conference pears', 'Juicy and sweet, ripen them on the counter.', 'kg', 340, 180, 'Rij 10-14', 7, 45, 0, 4)],
  ['BL', p('strawberries', 'fruit', 'Strawberries', 'Elsanta from the tunnel, picked ripe.', 'box', 450, 60, 'Tunnel 1', 0, 3, 1, 4)],
  ['BL', p('cherries', 'fruit', 'Kordia cherries', 'Dark, firm sweet cherries.', 'box', 695, 40, 'Kersenblok', 1, 6, 0, 3)],
  ['BL', p('honey', 'honey', 'Orchard blossom honey', 'From our hives between the apple trees, cold-extracted.', 'piece', 895, 35, 'Bijenstal', 30, 720, 10, 25)],
  ['BL', p('tomatoes', 'vegetables', 'Cherry tomatoes', 'Sweet red cherry tomatoes on the vine.', 'box', 399, 50, 'Kas 1', 1, 10, 10, 15)],
];

export const seedFarms = (year: number): SeedFarm[] =>
  FARMS.map(([farmer, code, name, region, payoutAccountId, address, description]) => ({
    farmer,
    code,
    name,
    description,
    address,
    region,
    certifications: certifications(year)[code] ?? [],
    payoutAccountId,
    produce: PRODUCE.filter(([farm]) => farm === code).map(([, produce]) => produce),
  }));
