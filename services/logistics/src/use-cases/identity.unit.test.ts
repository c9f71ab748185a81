import { describe, expect, it } from 'vitest';
import { newTrackingCode, shipmentIdFor, TRACKING_CODE } from './identity';

describe('shipment identity', () => {
  it('when tracking codes are generated, then they have the public format and do not repeat', () => {
    const codes = Array.from({ length: 5000 }, newTrackingCode);
    expect(codes.every((c) => TRACKING_CODE.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    // Every position uses the whole alphabet (no fixed or biased characters).
    const firstChars = new Set(codes.map((c) => c[4]));
    expect(firstChars.size).toBe(32);
  });

  it('when the same order and farm are given twice, then the shipment id is the same; another farm gives another id', () => {
    expect(shipmentIdFor('ord-1', 'farm-a')).toBe(shipmentIdFor('ord-1', 'farm-a'));
    expect(shipmentIdFor('ord-1', 'farm-a')).not.toBe(shipmentIdFor('ord-1', 'farm-b'));
    expect(shipmentIdFor('ord-1', 'farm-a')).toMatch(/^shp-[0-9a-f]{32}$/);
    // The separator keeps ('ab','c') and ('a','bc') apart.
    expect(shipmentIdFor('ab', 'c')).not.toBe(shipmentIdFor('a', 'bc'));
  });
});
