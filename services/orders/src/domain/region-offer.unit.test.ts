import { describe, expect, it } from 'vitest';
import { DEMO_OFFER } from './delivery-offer';
import { BUNDLED_MARKETS } from './market';
import { combineOffers, splitOffer, validateRegionOffer, type RegionOffer } from './region-offer';

const [gelderland, utrecht] = splitOffer(DEMO_OFFER) as [RegionOffer, RegionOffer];
const NL = BUNDLED_MARKETS.find((m) => m.code === 'nl')!;
const fields = (o: RegionOffer, others: RegionOffer[] = [utrecht]) => validateRegionOffer(o, others, NL).map((i) => i.field);
const point = gelderland.pickupPoints[0]!;
const zone = gelderland.zones[0]!;

describe("a region's published delivery offer", () => {
  it('when the bundled offer is split into regions and combined again, then the checkout sees the same offer', () => {
    expect(splitOffer(DEMO_OFFER).map((r) => r.region)).toEqual(['Gelderland', 'Utrecht']);
    const again = combineOffers(splitOffer(DEMO_OFFER));
    expect(again.schedules).toEqual(DEMO_OFFER.schedules);
    expect(new Set(again.pickupPoints)).toEqual(new Set(DEMO_OFFER.pickupPoints));
    expect(again.zones.map((z) => z.zoneId).sort()).toEqual(DEMO_OFFER.zones.map((z) => z.zoneId).sort());
  });

  it('when the bundled regions are validated against each other, then they have no issue', () => {
    expect(validateRegionOffer(gelderland, [utrecht], NL)).toEqual([]);
    expect(validateRegionOffer(utrecht, [gelderland], NL)).toEqual([]);
  });

  it('when a cut-off falls on or after its delivery day, then the field of that rule is named', () => {
    const rules = [{ weekday: 4, cutoffDaysBefore: 0, cutoffTime: '08:00' }, { weekday: 6, cutoffDaysBefore: -1, cutoffTime: '18:00' }];
    expect(fields({ ...gelderland, rules })).toEqual(['body.rules.0.cutoffDaysBefore', 'body.rules.1.cutoffDaysBefore']);
    expect(fields({ ...gelderland, rules: [{ weekday: 4, cutoffDaysBefore: 15, cutoffTime: '08:00' }] })).toEqual(['body.rules.0.cutoffDaysBefore']);
  });

  it('when a weekday is listed twice or no day at all, then the rule or the list is named', () => {
    const twice = [{ weekday: 4, cutoffDaysBefore: 2, cutoffTime: '18:00' }, { weekday: 4, cutoffDaysBefore: 1, cutoffTime: '12:00' }];
    expect(fields({ ...gelderland, rules: twice })).toEqual(['body.rules.1.weekday']);
    expect(fields({ ...gelderland, rules: [] })).toEqual(['body.rules']);
  });

  it('when a pickup point id is listed twice or belongs to another region, then that id is named', () => {
    expect(fields({ ...gelderland, pickupPoints: [point, { ...point, name: 'Again' }] })).toEqual(['body.pickupPoints.1.pickupPointId']);
    const taken = { ...point, pickupPointId: utrecht.pickupPoints[0]!.pickupPointId };
    const issues = validateRegionOffer({ ...gelderland, pickupPoints: [taken] }, [utrecht], NL);
    expect(issues).toEqual([{ field: 'body.pickupPoints.0.pickupPointId', message: expect.stringContaining('Utrecht') }]);
  });

  it('when a fee is negative or a point closes before it opens, then that field is named', () => {
    expect(fields({ ...gelderland, pickupPoints: [{ ...point, feeMinor: -1 }] })).toEqual(['body.pickupPoints.0.feeMinor']);
    expect(fields({ ...gelderland, pickupPoints: [{ ...point, opens: '18:00', closes: '09:00' }] })).toEqual(['body.pickupPoints.0.closes']);
    expect(fields({ ...gelderland, zones: [{ ...zone, feeMinor: -5 }] })).toEqual(['body.zones.0.feeMinor']);
  });

  it('when zones repeat an id, invert a range or overlap (here or in another region), then the zone or range is named', () => {
    expect(fields({ ...gelderland, zones: [zone, { ...zone, postcodes: [[6600, 6610]] }] })).toEqual(['body.zones.1.zoneId']);
    expect(fields({ ...gelderland, zones: [{ ...zone, postcodes: [[6729, 6700]] }] })).toEqual(['body.zones.0.postcodes.0']);
    expect(fields({ ...gelderland, zones: [{ ...zone, postcodes: [] }] })).toEqual(['body.zones.0.postcodes']);
    const overlapping = { ...zone, zoneId: 'zone-b', postcodes: [[6600, 6700]] as [number, number][] };
    expect(fields({ ...gelderland, zones: [zone, overlapping] })).toEqual(['body.zones.1.postcodes.0']);
    const inOwnRanges = { ...zone, postcodes: [[6700, 6710], [6705, 6720]] as [number, number][] };
    expect(fields({ ...gelderland, zones: [inOwnRanges] })).toEqual(['body.zones.0.postcodes.1']);
    const utrechts = { ...zone, zoneId: 'zone-c', postcodes: [[3500, 3501]] as [number, number][] };
    expect(validateRegionOffer({ ...gelderland, zones: [utrechts] }, [utrecht], NL)).toEqual([
      { field: 'body.zones.0.postcodes.0', message: expect.stringContaining('zone-utrecht') },
    ]);
  });
});
