import type { ListingSnapshot } from '@ftt/contracts';
import type { ListingRecord } from './listing';
import type { DomainEvent, Order, OrderOutcome } from './order';
import { DEMO_OFFER } from './delivery-offer';
import { BUNDLED_MARKETS } from './market';
import { placeOrder, type OrderSettings, type PlaceOrder } from './place';
import { startPayment, paymentSucceeded } from './payment';

/** Builders for the domain's unit tests: plain data, no I/O. */
export const settings: OrderSettings = {
  deliveryFeeMinor: 495,
  platformFeeBps: 500,
  paymentTimeoutSeconds: 900,
  followUpDelaySeconds: 30,
  deliveryOffer: DEMO_OFFER,
  markets: new Map(BUNDLED_MARKETS.map((m) => [m.code, m])),
};

/** The new order and events of an outcome that must be a change (a test fails loudly otherwise). */
export const changed = (outcome: OrderOutcome): { order: Order; events: DomainEvent[] } => {
  if (outcome.kind !== 'change') throw new Error(`expected a change, got ${outcome.kind}: ${outcome.kind === 'ignore' ? outcome.reason : outcome.message}`);
  return { order: outcome.state, events: outcome.events };
};

export const T0 = new Date('2025-06-01T10:00:00.000Z');
export const later = (seconds: number, from = T0) => new Date(from.getTime() + seconds * 1000);

export const snapshot = (over: Partial<ListingSnapshot> = {}): ListingSnapshot => ({
  listingId: 'listing-apples',
  farmId: 'farm-anna',
  farmName: 'Anna’s Orchard',
  farmerId: 'user-farmer-anna',
  payoutAccountId: 'acct_anna',
  region: 'Gelderland',
  pickupAddress: { line1: 'Boomgaardweg 1', city: 'Tiel', postalCode: '4001 AA', country: 'NL' },
  title: 'Elstar apples',
  category: 'fruit',
  unit: 'kg',
  unitPrice: { amount: 350, currency: 'EUR' },
  status: 'published',
  lot: { lotCode: 'LOT-APL-1', farmId: 'farm-anna', field: 'North', harvestDate: '2025-05-30', quantity: 100, unit: 'kg' },
  coldChain: { minC: 2, maxC: 8 },
  version: 1,
  ...over,
});

export const record = (snap: ListingSnapshot, over: Partial<ListingRecord> = {}): ListingRecord => ({
  listingId: snap.listingId,
  version: snap.version,
  archived: false,
  snapshot: snap,
  ...over,
});

export const apples = snapshot();
export const pears = snapshot({ listingId: 'listing-pears', title: 'Conference pears', unitPrice: { amount: 200, currency: 'EUR' }, lot: { ...apples.lot, lotCode: 'LOT-PER-1' } });
export const kale = snapshot({
  listingId: 'listing-kale',
  farmId: 'farm-joost',
  farmName: 'Joost’s Greens',
  farmerId: 'user-farmer-joost',
  payoutAccountId: 'acct_joost',
  title: 'Curly kale',
  unit: 'bunch',
  unitPrice: { amount: 199, currency: 'EUR' },
  lot: { lotCode: 'LOT-KAL-7', farmId: 'farm-joost', field: 'East', harvestDate: '2025-05-31', quantity: 40, unit: 'bunch' },
  coldChain: { minC: 0, maxC: 4 },
});

export const readModel = (...snaps: ListingSnapshot[]) => new Map(snaps.map((s) => [s.listingId, record(s)]));

export const address = { line1: 'Stationsplein 9', city: 'Utrecht', postalCode: '3511 ED', country: 'NL' };

/** Two farms: 2 kg apples + 1 kg pears from Anna, 3 bunches of kale from Joost. */
export const placing: PlaceOrder = {
  orderId: 'order-1',
  buyerId: 'user-buyer-ben',
  lines: [
    { listingId: 'listing-apples', quantity: 2 },
    { listingId: 'listing-kale', quantity: 3 },
    { listingId: 'listing-pears', quantity: 1 },
  ],
  deliveryAddress: address,
  contact: { name: 'Ben', phone: '+31 6 1234 5678' },
  listings: readModel(apples, pears, kale),
  settings,
};

/** The order `placing` places. */
export const pendingOrder = (): Order => changed(placeOrder(null, placing, T0)).order;

export const awaitingOrder = (): Order =>
  changed(startPayment(pendingOrder(), { provider: 'simulated', paymentId: 'pi_1', clientSecret: 'pi_1_secret', settings }, later(1))).order;

export const confirmedOrder = (): Order => changed(paymentSucceeded(awaitingOrder(), { paymentId: 'pi_1', settings }, later(60))).order;
