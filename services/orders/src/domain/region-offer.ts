import type { FieldIssue } from '@ftt/kit/domain';
import type { DeliveryRule } from './delivery-day';
import type { DeliveryOffer, HomeZone, PickupPoint } from './delivery-offer';
import { LEGACY_MARKET, postcodeMatches, type Market } from './market';

/**
 * One region's published delivery offer: what operators edit in the back office, stored as one versioned document per
 * region. The checkout reads all regions together as one DeliveryOffer (combineOffers).
 */
export interface RegionOffer {
  region: string;
  /** The market the region belongs to (absent on offers stored before markets: `nl`); its time zone is the market's. */
  market?: string | undefined;
  timeZone: string;
  rules: DeliveryRule[];
  pickupPoints: Omit<PickupPoint, 'region'>[];
  zones: Omit<HomeZone, 'region'>[];
}

/** The regions of an offer as documents (how the bundled demo offer becomes the initial content). */
export const splitOffer = (offer: DeliveryOffer): RegionOffer[] =>
  offer.schedules.map((s) => ({
    region: s.region,
    ...(s.market ? { market: s.market } : {}),
    timeZone: s.timeZone,
    rules: s.rules,
    pickupPoints: offer.pickupPoints.filter((p) => p.region === s.region).map(({ region: _r, ...p }) => p),
    zones: offer.zones.filter((z) => z.region === s.region).map(({ region: _r, ...z }) => z),
  }));

export const combineOffers = (regions: readonly RegionOffer[]): DeliveryOffer => ({
  schedules: regions.map((r) => ({ region: r.region, market: r.market ?? LEGACY_MARKET, timeZone: r.timeZone, rules: r.rules })),
  pickupPoints: regions.flatMap((r) => r.pickupPoints.map((p) => ({ ...p, region: r.region }))),
  zones: regions.flatMap((r) => r.zones.map((z) => ({ ...z, region: r.region }))),
});

/** Orders close at least this long before the delivery day (the farms pick and pack the day before at the latest). */
export const MIN_CUTOFF_DAYS = 1;
export const MAX_CUTOFF_DAYS = 14;

const overlaps = (a: [number, number], b: [number, number]) => a[0] <= b[1] && b[0] <= a[1];

/**
 * The rules a published offer keeps, beyond its shape (checked by the HTTP schema): each issue names the field.
 * `others` are the other regions as stored: pickup point and zone ids are unique across regions (the checkout finds
 * them by id alone) and a postcode belongs to one home zone only (else the fee would depend on the order of regions).
 */
export const validateRegionOffer = (
  o: RegionOffer,
  others: readonly RegionOffer[],
  market: Pick<Market, 'code' | 'postcodePattern' | 'country'>,
): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field: `body.${field}`, message });

  if (o.rules.length === 0) add('rules', 'at least one delivery day');
  const weekdays = new Set<number>();
  o.rules.forEach((r, i) => {
    if (weekdays.has(r.weekday)) add(`rules.${i}.weekday`, `weekday ${r.weekday} is listed twice`);
    weekdays.add(r.weekday);
    if (r.cutoffDaysBefore < MIN_CUTOFF_DAYS)
      add(`rules.${i}.cutoffDaysBefore`, 'the cut-off must fall before its delivery day (at least 1 day before)');
    if (r.cutoffDaysBefore > MAX_CUTOFF_DAYS) add(`rules.${i}.cutoffDaysBefore`, `at most ${MAX_CUTOFF_DAYS} days before`);
  });

  const otherPoints = new Map(others.flatMap((x) => x.pickupPoints.map((p) => [p.pickupPointId, x.region] as const)));
  const pointIds = new Set<string>();
  o.pickupPoints.forEach((p, i) => {
    if (pointIds.has(p.pickupPointId)) add(`pickupPoints.${i}.pickupPointId`, `${p.pickupPointId} is listed twice`);
    else if (otherPoints.has(p.pickupPointId))
      add(`pickupPoints.${i}.pickupPointId`, `${p.pickupPointId} is a pickup point of ${otherPoints.get(p.pickupPointId)}`);
    pointIds.add(p.pickupPointId);
    if (p.feeMinor < 0) add(`pickupPoints.${i}.feeMinor`, 'a fee cannot be negative');
    if (p.opens >= p.closes) add(`pickupPoints.${i}.closes`, `closes (${p.closes}) must be after opens (${p.opens})`);
    if (!postcodeMatches(market, p.address.postalCode))
      add(`pickupPoints.${i}.address.postalCode`, `${p.address.postalCode} is no postcode of the market ${market.code}`);
    if (p.address.country !== market.country)
      add(`pickupPoints.${i}.address.country`, `the market ${market.code} is in ${market.country}`);
  });

  const otherZones = others.flatMap((x) => x.zones.map((z) => ({ ...z, region: x.region })));
  const zoneIds = new Set<string>();
  o.zones.forEach((z, i) => {
    if (zoneIds.has(z.zoneId)) add(`zones.${i}.zoneId`, `${z.zoneId} is listed twice`);
    else if (otherZones.some((x) => x.zoneId === z.zoneId)) add(`zones.${i}.zoneId`, `${z.zoneId} is a zone of another region`);
    zoneIds.add(z.zoneId);
    if (z.feeMinor < 0) add(`zones.${i}.feeMinor`, 'a fee cannot be negative');
    if (z.postcodes.length === 0) add(`zones.${i}.postcodes`, 'at least one postcode range');
    z.postcodes.forEach((range, j) => {
      const field = `zones.${i}.postcodes.${j}`;
      if (range[0] > range[1]) return add(field, `the range starts (${range[0]}) after it ends (${range[1]})`);
      const clash =
        o.zones.slice(0, i + 1).find((y, k) => y.postcodes.some((r, m) => (k < i || m < j) && overlaps(r, range))) ??
        otherZones.find((y) => y.postcodes.some((r) => overlaps(r, range)));
      if (clash) add(field, `${range[0]}-${range[1]} overlaps zone ${clash.zoneId}`);
    });
  });
  return issues;
};
