import { randomUUID } from 'node:crypto';
import { Topics, type EventData } from '@ftt/contracts';
import type { TestPrincipal } from '@ftt/kit/testing';
import { eventually, startServiceUnderTest, testEnv, type ServiceUnderTest } from '@ftt/kit/testing';
import { startLogistics } from '../src/service';

export type Listing = EventData<'ftt.catalog.listing.published.v1'>;
export type OrderConfirmed = EventData<'ftt.orders.order.confirmed.v1'>;

export const users = {
  // the owners of the fixtures' farms (memberships, issue #28)
  anna: {
    userId: 'user-farmer-anna',
    name: 'Anna',
    memberships: [{ kind: 'buyer' }, { kind: 'farm', farmId: 'farm-dehof', role: 'owner' }],
  },
  joost: {
    userId: 'user-farmer-joost',
    name: 'Joost',
    memberships: [{ kind: 'buyer' }, { kind: 'farm', farmId: 'farm-polder', role: 'owner' }],
  },
  /** Packs at De Hof: traceability exports are the owners'. */
  piet: {
    userId: 'user-packer-piet',
    name: 'Piet',
    memberships: [{ kind: 'buyer' }, { kind: 'farm', farmId: 'farm-dehof', role: 'packer' }],
  },
  /** Drives for Pia's partner: moves shipments, plans no runs and registers no loggers. */
  dirk: {
    userId: 'user-driver-dirk',
    name: 'Dirk',
    memberships: [
      { kind: 'buyer' },
      { kind: 'partner', partnerId: 'user-partner-pia', role: 'driver', regions: ['Gelderland'] },
    ],
  },
  ben: { userId: 'user-buyer-ben', role: 'buyer', name: 'Ben' },
  carla: { userId: 'user-buyer-carla', role: 'buyer', name: 'Carla' },
  pia: { userId: 'user-partner-pia', role: 'logistics', name: 'Pia', region: 'Gelderland' },
  omar: { userId: 'user-partner-omar', role: 'logistics', name: 'Omar', region: 'Utrecht' },
  ada: { userId: 'user-admin-ada', role: 'admin', name: 'Ada' },
} satisfies Record<string, TestPrincipal>;

/** The buyer's personal data in every test order: none of it may show on public pages. */
/** The delivery day's drops the run tests use: the market stall in Wageningen, and home delivery in Ede. */
export const MARKET = {
  kind: 'pickup_point' as const,
  region: 'Gelderland',
  pickupPointId: 'pp-wageningen-markt',
  name: 'Marktkraam Wageningen',
  pointKind: 'market_stall' as const,
  opens: '08:00',
  closes: '13:00',
};
export const HOME = { kind: 'home' as const, region: 'Gelderland', zoneId: 'zone-wageningen-ede' };

export const BUYER = {
  contactName: 'Bendert Koopmans-Vrijman',
  phone: '+31 20 555 0101',
  line1: 'Keizersgracht 120',
  line2: 'Achterhuis 3',
  postalCode: '1015 CW',
  city: 'Amsterdam',
};

export const listing = (o: {
  farm: 'dehof' | 'polder';
  lotCode: string;
  title?: string;
  version?: number;
}): Listing => {
  const dehof = o.farm === 'dehof';
  return {
    listingId: `lst-${randomUUID()}`,
    farmId: dehof ? 'farm-dehof' : 'farm-polder',
    farmName: dehof ? 'De Hof' : 'Polderhoeve',
    farmerId: dehof ? users.anna.userId : users.joost.userId,
    region: dehof ? 'Gelderland' : 'Utrecht',
    pickupAddress: dehof
      ? { line1: 'Hofweg 3', city: 'Wageningen', postalCode: '6701 AA', country: 'NL' }
      : { line1: 'Polderdijk 12', city: 'Houten', postalCode: '3991 AB', country: 'NL' },
    title: o.title ?? (dehof ? 'Truss tomatoes' : 'Curly kale'),
    category: 'vegetables',
    unit: dehof ? 'kg' : 'bunch',
    unitPrice: { amount: 450, currency: 'EUR' },
    status: 'published',
    lot: {
      lotCode: o.lotCode,
      farmId: dehof ? 'farm-dehof' : 'farm-polder',
      field: dehof ? 'Greenhouse 2' : 'North field, plot "7"',
      harvestDate: '2026-11-27',
      quantity: 400,
      unit: dehof ? 'kg' : 'bunch',
    },
    coldChain: dehof ? { minC: 8, maxC: 14 } : { minC: 0, maxC: 6 },
    version: o.version ?? 1,
  };
};

const planOf = (l: Listing, quantity: number) => ({
  farmId: l.farmId,
  farmName: l.farmName,
  region: l.region,
  pickupAddress: l.pickupAddress,
  coldChain: l.coldChain,
  lines: [{ listingId: l.listingId, title: l.title, quantity, unit: l.unit, lotCode: l.lot.lotCode }],
});

export const orderConfirmed = (listings: Listing[], buyerId = users.ben.userId): OrderConfirmed => ({
  orderId: `ord-${randomUUID()}`,
  buyerId,
  confirmedAt: new Date().toISOString(),
  dropoff: {
    address: {
      line1: BUYER.line1,
      line2: BUYER.line2,
      city: BUYER.city,
      postalCode: BUYER.postalCode,
      country: 'NL',
    },
    contactName: BUYER.contactName,
    phone: BUYER.phone,
  },
  shipments: listings.map((l, i) => planOf(l, 3 + i)),
});

/** The steps of a shipment delivered after one checkpoint, as tracking and the stored shipment list them. */
export const DELIVERED_STEPS = ['created', 'assigned', 'picked_up', 'checkpoint', 'out_for_delivery', 'delivered'];

export type Harness = ServiceUnderTest;

/** Starts logistics in-process on port 0 against the real servers, with its own database and topics. */
export const startHarness = (label: string): Promise<Harness> => {
  const t = testEnv(label);
  return startServiceUnderTest(t, [Topics.orders, Topics.listings, Topics.shipments], () =>
    startLogistics(t.serviceEnv({ TRACE_ID_BASE: 'https://id.test.example' })),
  );
};

export const shipmentsOf = (h: Harness, orderId: string) =>
  h.db.db!.collection('shipments').find({ orderId }).sort({ farmId: 1 }).toArray();

/** `eventually` for checks that return the value they waited for (undefined = not yet). */
export const until = async <T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> => (await eventually(check, timeoutMs)) as T;

/** Waits until the consumer created the order's shipments (as many as expected). */
export const awaitShipments = (h: Harness, orderId: string, count: number) =>
  until(async () => {
    const docs = await shipmentsOf(h, orderId);
    return docs.length === count ? docs : undefined;
  }, 30_000);

export const ofOrder = <T extends { data: unknown }>(events: T[], orderId: string) =>
  events.filter((e) => (e.data as { orderId?: string }).orderId === orderId);
