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
  farmer: 'user-farmer-anna' | 'user-farmer-joost' | 'user-farmer-lena' | 'user-farmer-mei' | 'user-farmer-wei';
  code: string;
  name: string;
  description: string;
  address: { line1: string; city: string; postalCode: string; country: 'NL' | 'CN'; geo: { lat: number; lng: number } };
  region: string;
  /** The farm's market and the currency its prices (minor units) are in; absent: the Dutch market, EUR. */
  market?: { code: string; currency: string } | undefined;
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

/**
 * The Chinese demo market's cooperative (issue #31): a white-tea garden in Anji and a vegetable farm in Liangzhu,
 * Zhejiang, priced in fen (CNY); published with their market after orders has the market `cn` (scripts/dev.sh).
 */
const CN = { code: 'cn', currency: 'CNY' };
const cnAddress = (line1: string, city: string, postalCode: string, lat: number, lng: number): SeedFarm['address'] => ({
  line1,
  city,
  postalCode,
  country: 'CN',
  geo: { lat, lng },
});
const chineseFarms = (year: number): SeedFarm[] => [
  {
    farmer: 'user-farmer-mei',
    code: 'XL',
    name: '溪龙白茶合作社',
    description: '安吉溪龙乡的白茶合作社，三十二户茶农，明前手工采摘，自有茶园和加工坊。',
    address: cnAddress('溪龙乡 黄杜村 18 号', '湖州市', '313301', 30.6105, 119.7002),
    region: '湖州市',
    market: CN,
    certifications: [{ type: 'organic', certifier: '南京国环有机产品认证中心', certificateNumber: 'OFDC-2024-0318', validUntil: `${year + 1}-04-30` }],
    payoutAccountId: 'acct_1XilongTeaCoop',
    produce: [
      p('placeholder', 'tea', '安吉白茶 明前一级 250 克', '清明前手工采摘，一芽一叶，汤色嫩绿，鲜爽回甘。', 'box', 26800, 40, '黄杜村 3 号茶园', 20, 540, 5, 25),
      p('placeholder', 'tea', '安吉白茶 雨前 500 克', '谷雨前采摘，口感醇厚，适合日常冲泡。', 'box', 32800, 30, '黄杜村 5 号茶园', 12, 540, 5, 25),
      p('asparagus', 'vegetables', '安吉春笋', '当天挖的毛竹春笋，鲜嫩少渣。', 'kg', 1800, 120, '竹林 2 号', 0, 5, 1, 6),
    ],
  },
  {
    farmer: 'user-farmer-wei',
    code: 'LZ',
    name: '良渚蔬菜合作社',
    description: '杭州余杭良渚的蔬菜合作社，露地和大棚种植，每天清晨采收，社区自提点直送。',
    address: cnAddress('良渚街道 港南村 6 号', '杭州市', '311113', 30.3823, 120.0189),
    region: '杭州市',
    market: CN,
    certifications: [{ type: 'other', certifier: '中国绿色食品发展中心 (绿色食品)', validUntil: `${year + 1}-09-30` }],
    payoutAccountId: 'acct_1LiangzhuVeg01',
    produce: [
      p('lettuce', 'vegetables', '上海青 (小青菜)', '大棚种植，叶片翠绿，清炒最好。', 'kg', 1200, 150, '3 号大棚', 0, 4, 0, 5),
      p('spinach', 'vegetables', '菠菜', '露地冬菠菜，根红叶厚，甜味足。', 'kg', 1400, 90, '东片露地', 1, 4, 0, 5),
      p('tomatoes', 'vegetables', '樱桃番茄', '自然成熟的红樱桃番茄，酸甜适中。', 'box', 2600, 60, '1 号大棚', 1, 8, 10, 15),
      p('eggs', 'eggs', '散养土鸡蛋 (30 枚)', '林下散养的土鸡，每天拾蛋。', 'box', 4800, 40, '林下鸡舍', 1, 21, 5, 18),
    ],
  },
];

export const seedFarms = (year: number): SeedFarm[] => [
  ...FARMS.map(([farmer, code, name, region, payoutAccountId, address, description]) => ({
    farmer,
    code,
    name,
    description,
    address,
    region,
    certifications: certifications(year)[code] ?? [],
    payoutAccountId,
    produce: PRODUCE.filter(([farm]) => farm === code).map(([, produce]) => produce),
  })),
  ...chineseFarms(year),
];
