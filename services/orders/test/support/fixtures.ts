import type { ListingSnapshot } from '@ftt/contracts';
import { randomUUID } from 'node:crypto';

export const address = { line1: 'Stationsplein 9', city: 'Utrecht', postalCode: '3511 ED', country: 'NL' };

export const farmSnapshot = (farm: 'anna' | 'joost', over: Partial<ListingSnapshot> = {}): ListingSnapshot => {
  const farmId = `farm-${farm}-${randomUUID().slice(0, 8)}`;
  const listingId = over.listingId ?? `listing-${randomUUID()}`;
  return {
    listingId,
    farmId,
    farmName: farm === 'anna' ? 'Anna’s Orchard' : 'Joost’s Greens',
    farmerId: `user-farmer-${farm}`,
    payoutAccountId: `acct_${farm}`,
    region: 'Gelderland',
    pickupAddress: { line1: 'Boomgaardweg 1', city: 'Tiel', postalCode: '4001 AA', country: 'NL' },
    title: farm === 'anna' ? 'Elstar apples' : 'Curly kale',
    category: farm === 'anna' ? 'fruit' : 'vegetables',
    unit: farm === 'anna' ? 'kg' : 'bunch',
    unitPrice: { amount: farm === 'anna' ? 350 : 199, currency: 'EUR' },
    status: 'published',
    lot: { lotCode: `LOT-${farm.toUpperCase()}-${randomUUID().slice(0, 6)}`, farmId, field: 'North', harvestDate: '2025-05-30', quantity: 100, unit: farm === 'anna' ? 'kg' : 'bunch' },
    coldChain: { minC: 2, maxC: 8 },
    version: 1,
    ...over,
  };
};

export const orderBody = (lines: { listingId: string; quantity: number }[]) => ({
  lines,
  deliveryAddress: address,
  contact: { name: 'Ben Buyer', phone: '+31 6 1234 5678' },
});
