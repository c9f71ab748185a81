import type { Address, EventData, Money } from '@ftt/contracts';
import type { FieldIssue } from '@ftt/kit/domain';
import { LEGACY_MARKET } from './market';
import { TAX_RATES } from './receipts/tax-rates';
import { resolveDeliveryDay, upcomingDays, type DeliveryDay, type DeliverySchedule } from './delivery-day';

/**
 * What a buyer can choose at checkout, and what it costs: orders owns the offer because orders charges the fee and
 * must know it when the order is placed, without asking another service on the order path. Logistics learns the
 * choice from order.confirmed (the delivery day and the drop) and owns the geography and the runs.
 * The demo region's offer is bundled here, as an operator would publish it per region.
 */
export type DeliveryDrop = NonNullable<EventData<'ftt.orders.order.confirmed.v1'>['drop']>;

export interface PickupPoint {
  pickupPointId: string;
  name: string;
  kind: 'farm_shop' | 'market_stall' | 'locker';
  region: string;
  address: Address;
  opens: string;
  closes: string;
  feeMinor: number;
}

export interface HomeZone {
  zoneId: string;
  name: string;
  region: string;
  /** Inclusive ranges of the numeric part that leads the market's postcodes (4 digits in nl, 6 in cn). */
  postcodes: [number, number][];
  feeMinor: number;
}

export interface DeliveryOffer {
  schedules: DeliverySchedule[];
  pickupPoints: PickupPoint[];
  zones: HomeZone[];
}

const NL = TAX_RATES.nl!;
const TZ = NL.timeZone;
const nl = (line1: string, city: string, postalCode: string): Address => ({
  line1,
  city,
  postalCode,
  country: 'NL',
});

export const DEMO_OFFER: DeliveryOffer = {
  schedules: [
    // Orders by Tuesday 18:00 for Thursday, by Thursday 18:00 for Saturday.
    {
      region: 'Gelderland',
      market: NL.market,
      timeZone: TZ,
      rules: [
        { weekday: 4, cutoffDaysBefore: 2, cutoffTime: '18:00' },
        { weekday: 6, cutoffDaysBefore: 2, cutoffTime: '18:00' },
      ],
    },
    {
      region: 'Utrecht',
      market: NL.market,
      timeZone: TZ,
      rules: [
        { weekday: 3, cutoffDaysBefore: 2, cutoffTime: '18:00' },
        { weekday: 6, cutoffDaysBefore: 2, cutoffTime: '20:00' },
      ],
    },
  ],
  pickupPoints: [
    {
      pickupPointId: 'pp-ede-hofwinkel',
      name: 'Hofwinkel De Eng',
      kind: 'farm_shop',
      region: 'Gelderland',
      address: nl('Engweg 12', 'Ede', '6717 AB'),
      opens: '09:00',
      closes: '18:00',
      feeMinor: 0,
    },
    {
      pickupPointId: 'pp-wageningen-markt',
      name: 'Marktkraam Wageningen',
      kind: 'market_stall',
      region: 'Gelderland',
      address: nl('Markt 1', 'Wageningen', '6701 AA'),
      opens: '08:00',
      closes: '13:00',
      feeMinor: 0,
    },
    {
      pickupPointId: 'pp-arnhem-kluis',
      name: 'Kluis Arnhem Centraal',
      kind: 'locker',
      region: 'Gelderland',
      address: nl('Stationsplein 10', 'Arnhem', '6811 KL'),
      opens: '06:00',
      closes: '23:00',
      feeMinor: 150,
    },
    {
      pickupPointId: 'pp-utrecht-kluis',
      name: 'Kluis Utrecht Centraal',
      kind: 'locker',
      region: 'Utrecht',
      address: nl('Stationsplein 3', 'Utrecht', '3511 CE'),
      opens: '06:00',
      closes: '23:00',
      feeMinor: 150,
    },
    {
      pickupPointId: 'pp-utrecht-vredenburg',
      name: 'Marktkraam Vredenburg',
      kind: 'market_stall',
      region: 'Utrecht',
      address: nl('Vredenburg 1', 'Utrecht', '3512 AA'),
      opens: '09:00',
      closes: '17:00',
      feeMinor: 0,
    },
  ],
  zones: [
    {
      zoneId: 'zone-wageningen-ede',
      name: 'Wageningen, Ede and Bennekom',
      region: 'Gelderland',
      postcodes: [[6700, 6729]],
      feeMinor: 395,
    },
    {
      zoneId: 'zone-arnhem',
      name: 'Arnhem and Oosterbeek',
      region: 'Gelderland',
      postcodes: [
        [6800, 6846],
        [6860, 6879],
      ],
      feeMinor: 450,
    },
    {
      zoneId: 'zone-nijmegen',
      name: 'Nijmegen',
      region: 'Gelderland',
      postcodes: [[6500, 6546]],
      feeMinor: 495,
    },
    {
      zoneId: 'zone-utrecht',
      name: 'Utrecht city',
      region: 'Utrecht',
      postcodes: [[3500, 3585]],
      feeMinor: 450,
    },
    {
      zoneId: 'zone-utrecht-oost',
      name: 'Zeist, De Bilt and Houten',
      region: 'Utrecht',
      postcodes: [
        [3700, 3739],
        [3990, 3995],
      ],
      feeMinor: 550,
    },
  ],
};

/** The part of the offer in one market: its regions' days, pickup points and zones. */
export const offerIn = (offer: DeliveryOffer, market: string): DeliveryOffer => {
  const schedules = offer.schedules.filter((s) => (s.market ?? LEGACY_MARKET) === market);
  const regions = new Set(schedules.map((s) => s.region));
  return {
    schedules,
    pickupPoints: offer.pickupPoints.filter((p) => regions.has(p.region)),
    zones: offer.zones.filter((z) => regions.has(z.region)),
  };
};

/** The home zone of a postcode: by the number its digits lead with (`6717 AB` -> 6717, `311300` -> 311300). */
export const zoneFor = (offer: DeliveryOffer, postalCode: string): HomeZone | null => {
  const m = /^\s*(\d+)/.exec(postalCode);
  if (!m) return null;
  const n = Number(m[1]);
  return offer.zones.find((z) => z.postcodes.some(([lo, hi]) => n >= lo && n <= hi)) ?? null;
};

export type DeliveryChoice =
  | { method: 'pickup_point'; pickupPointId: string; day?: string | undefined }
  | { method: 'home'; day?: string | undefined };

export interface DeliveryQuote {
  day: string;
  cutoff: string;
  /** The chosen day's cut-off had passed: the order goes to the next delivery day. */
  moved: boolean;
  fee: Money;
  drop: DeliveryDrop;
  /** Where the boxes go: the pickup point's address, or the buyer's. */
  address: Address;
}

/** The fee and the day of a choice in the order's market's offer (`offerIn`), or the field that makes it impossible. */
export const quoteDelivery = (
  offer: DeliveryOffer,
  choice: DeliveryChoice,
  /** Needed for home delivery only (a quote before checkout may not have it yet). */
  buyerAddress: Address | undefined,
  currency: string,
  now: Date,
): { kind: 'quote'; quote: DeliveryQuote } | { kind: 'invalid'; issues: FieldIssue[] } => {
  let drop: DeliveryDrop;
  let feeMinor: number;
  let address: Address;
  if (choice.method === 'pickup_point') {
    const p = offer.pickupPoints.find((x) => x.pickupPointId === choice.pickupPointId);
    if (!p)
      return {
        kind: 'invalid',
        issues: [{ field: 'delivery.pickupPointId', message: `no pickup point ${choice.pickupPointId}` }],
      };
    drop = {
      kind: 'pickup_point',
      region: p.region,
      pickupPointId: p.pickupPointId,
      name: p.name,
      pointKind: p.kind,
      opens: p.opens,
      closes: p.closes,
    };
    feeMinor = p.feeMinor;
    address = p.address;
  } else {
    if (!buyerAddress)
      return { kind: 'invalid', issues: [{ field: 'deliveryAddress', message: 'home delivery needs the delivery address' }] };
    const zone = zoneFor(offer, buyerAddress.postalCode);
    if (!zone)
      return {
        kind: 'invalid',
        issues: [
          {
            field: 'deliveryAddress.postalCode',
            message: `no home delivery to ${buyerAddress.postalCode}; choose a pickup point`,
          },
        ],
      };
    drop = { kind: 'home', region: zone.region, zoneId: zone.zoneId };
    feeMinor = zone.feeMinor;
    address = buyerAddress;
  }
  const schedule = offer.schedules.find((s) => s.region === drop.region);
  if (!schedule)
    return {
      kind: 'invalid',
      issues: [{ field: 'delivery', message: `no delivery days in ${drop.region}` }],
    };
  const day = resolveDeliveryDay(schedule, now, choice.day);
  if (day.kind === 'invalid')
    return { kind: 'invalid', issues: [{ field: 'delivery.day', message: day.message }] };
  return {
    kind: 'quote',
    quote: {
      day: day.day,
      cutoff: day.cutoff,
      moved: day.moved,
      fee: { amount: feeMinor, currency },
      drop,
      address,
    },
  };
};

/** What the checkout shows before placing: pickup points, the home zone of a postcode, and the open days per region. */
export const deliveryOptions = (offer: DeliveryOffer, now: Date, postalCode?: string) => ({
  regions: offer.schedules.map((s) => ({
    market: s.market ?? LEGACY_MARKET,
    region: s.region,
    timeZone: s.timeZone,
    days: upcomingDays(s, now) as DeliveryDay[],
  })),
  pickupPoints: offer.pickupPoints,
  homeZone: postalCode ? zoneFor(offer, postalCode) : null,
});

/** A drop's fee spread over the farms of the order (each farm's part pays its share; the first takes the odd cents). */
export const splitFee = (feeMinor: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, i) => Math.floor(feeMinor / parts) + (i === 0 ? feeMinor % parts : 0));
