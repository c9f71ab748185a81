import { farmSummary, type Farm } from './farm';
import { newFarm } from './farm-decide';
import type { Listing, StockLevels } from './listing';
import { newListing } from './listing-decide';

/** Anna's farm as `newFarm` makes it (not stored yet: version 0). */
export const annasFarm = (now: Date): Farm =>
  newFarm(
    'farm-1',
    'user-farmer-anna',
    {
      name: 'De Groene Hoeve',
      description: '',
      address: { line1: 'Bosweg 12', city: 'Ede', postalCode: '6711 AB', country: 'NL', geo: { lat: 52, lng: 5.6 } },
      region: 'Gelderland',
      certifications: [{ type: 'organic', certifier: 'SKAL', validUntil: '2027-01-01' }],
      payoutAccountId: 'acct_1Anna',
    },
    now,
  );

/** A draft listing of carrots of the farm, as its first write stores it (the stock rides along in the state). */
export const draftCarrots = (farm: Farm, now: Date): Listing & { stock: StockLevels } => ({
  ...newListing(
    'listing-1',
    farm.id,
    farmSummary(farm),
    {
      category: 'vegetables',
      title: 'Carrots',
      description: '',
      unit: 'kg',
      unitPrice: { amount: 300, currency: 'EUR' },
      photos: [],
      lot: { lotCode: 'LOT-1', field: 'North', harvestDate: '2026-06-08', bestBefore: '2026-06-30', quantity: 200 },
      coldChain: { minC: 1, maxC: 6 },
    },
    now,
  ),
  version: 1,
  stock: { available: 200, reserved: 0, sold: 0 },
});
