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

export const seedFarms = (year: number): SeedFarm[] => [
  {
    farmer: 'user-farmer-anna',
    code: 'GH',
    name: 'De Groene Hoeve',
    description: 'Organic mixed vegetable farm on the edge of the Veluwe, run by Anna since 2009.',
    address: { line1: 'Bosrandweg 12', city: 'Ede', postalCode: '6718 ZA', country: 'NL', geo: { lat: 52.0402, lng: 5.6649 } },
    region: 'Gelderland',
    certifications: [{ type: 'organic', certifier: 'SKAL', certificateNumber: 'SKAL-024519', validUntil: `${year + 1}-03-31` }],
    payoutAccountId: 'acct_1GroeneHoeveAnna',
    produce: [
      p('carrots', 'vegetables', 'Nantes carrots', 'Sweet, crunchy and washed. Lifted this week from sandy Veluwe soil.', 'kg', 295, 120, 'Akker Noord', 2, 21, 0, 4),
      p('leeks', 'vegetables', 'Winter leeks', 'Long white shafts, hardy Blue Solaise variety.', 'kg', 349, 60, 'Akker Noord', 3, 14, 0, 5),
      p('kale', 'vegetables', 'Curly kale', 'Frost-sweetened curly kale for stamppot.', 'bunch', 225, 80, 'Kas 2', 1, 7, 0, 4),
      p('beetroot', 'vegetables', 'Red beetroot', 'Earthy red beets, leaves removed.', 'kg', 275, 70, 'Akker Zuid', 4, 28, 0, 5),
      p('eggs', 'eggs', 'Free-range eggs', 'From our 300 hens that roam the orchard.', 'dozen', 420, 40, 'Kippenweide', 1, 21, 5, 18),
    ],
  },
  {
    farmer: 'user-farmer-joost',
    code: 'HJ',
    name: 'Hof van Joost',
    description: 'Family farm near Houten growing potatoes, onions and asparagus on river clay.',
    address: { line1: 'Lobbendijk 41', city: 'Houten', postalCode: '3991 TA', country: 'NL', geo: { lat: 52.0283, lng: 5.168 } },
    region: 'Utrecht',
    certifications: [{ type: 'globalgap', certifier: 'Control Union', certificateNumber: 'GGN-4063061823', validUntil: `${year + 1}-06-30` }],
    payoutAccountId: 'acct_1HofVanJoost01',
    produce: [
      p('potatoes', 'vegetables', 'Bintje potatoes', 'Floury all-rounders, great for fries and mash.', 'kg', 149, 400, 'Perceel 7', 6, 60, 6, 10),
      p('onions', 'vegetables', 'Yellow onions', 'Dried on the field, keep for months.', 'kg', 129, 300, 'Perceel 3', 10, 90, 2, 12),
      p('asparagus', 'vegetables', 'White asparagus', 'Hand-cut this morning, thick AA grade.', 'kg', 1450, 25, 'Aspergebed A', 0, 4, 1, 4),
      p('pumpkin', 'vegetables', 'Hokkaido pumpkins', 'Orange red kuri, skin is edible.', 'piece', 350, 90, 'Perceel 5', 8, 60, 10, 15),
    ],
  },
  {
    farmer: 'user-farmer-lena',
    code: 'BL',
    name: 'Boomgaard Lena',
    description: 'Orchard in the Betuwe with apples, pears, cherries and strawberries, and our own bee hives.',
    address: { line1: 'Rijksstraatweg 88', city: 'Geldermalsen', postalCode: '4191 SK', country: 'NL', geo: { lat: 51.8813, lng: 5.2886 } },
    region: 'Gelderland',
    certifications: [
      { type: 'organic', certifier: 'SKAL', certificateNumber: 'SKAL-031177', validUntil: `${year + 1}-01-31` },
      { type: 'other', certifier: 'Stichting Demeter', validUntil: `${year + 1}-01-31` },
    ],
    payoutAccountId: 'acct_1BoomgaardLena',
    produce: [
      p('apples', 'fruit', 'Elstar apples', 'Crisp and tart, the Dutch classic.', 'kg', 310, 250, 'Rij 4-9', 5, 60, 1, 4),
      p('pears', 'fruit', 'Conference pears', 'Juicy and sweet, ripen them on the counter.', 'kg', 340, 180, 'Rij 10-14', 7, 45, 0, 4),
      p('strawberries', 'fruit', 'Strawberries', 'Elsanta from the tunnel, picked ripe.', 'box', 450, 60, 'Tunnel 1', 0, 3, 1, 4),
      p('cherries', 'fruit', 'Kordia cherries', 'Dark, firm sweet cherries.', 'box', 695, 40, 'Kersenblok', 1, 6, 0, 3),
      p('honey', 'honey', 'Orchard blossom honey', 'From our hives between the apple trees, cold-extracted.', 'piece', 895, 35, 'Bijenstal', 30, 720, 10, 25),
      p('tomatoes', 'vegetables', 'Cherry tomatoes', 'Sweet red cherry tomatoes on the vine.', 'box', 399, 50, 'Kas 1', 1, 10, 10, 15),
    ],
  },
];
