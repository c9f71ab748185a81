import { describe, expect, it } from 'vitest';
import {
  cutoffOf,
  localDate,
  resolveDeliveryDay,
  upcomingDays,
  zonedInstant,
  type DeliverySchedule,
} from './delivery-day';
import { DEMO_OFFER, quoteDelivery, splitFee, zoneFor } from './delivery-offer';

// Gelderland: Thursday (orders by Tuesday 18:00) and Saturday (orders by Thursday 18:00), Amsterdam time.
const gelderland: DeliverySchedule = DEMO_OFFER.schedules.find((s) => s.region === 'Gelderland')!;
const at = (iso: string) => new Date(iso);
const day = (s: DeliverySchedule, now: string, requested?: string) =>
  resolveDeliveryDay(s, at(now), requested);

describe('delivery days and their cut-off (Europe/Amsterdam)', () => {
  it('when an order comes on Tuesday 17:59 in winter (CET, UTC+1), then it goes on Thursday', () => {
    expect(day(gelderland, '2026-12-01T16:59:00Z')).toMatchObject({
      kind: 'day',
      day: '2026-12-03',
      moved: false,
      cutoff: '2026-12-01T17:00:00.000Z',
    });
  });
  it('when an order comes at 18:00 sharp on Tuesday, then Thursday is closed and it goes on Saturday', () => {
    expect(day(gelderland, '2026-12-01T17:00:00Z')).toMatchObject({
      day: '2026-12-05',
      cutoff: '2026-12-03T17:00:00.000Z',
    });
  });
  it('when it is summer (CEST, UTC+2), then the cut-off is 18:00 on the Dutch clock, 16:00 UTC', () => {
    expect(day(gelderland, '2026-06-16T15:59:00Z')).toMatchObject({ day: '2026-06-18' });
    expect(day(gelderland, '2026-06-16T16:00:00Z')).toMatchObject({ day: '2026-06-20' });
  });
  it('when the clocks change, then the local wall time maps onto the right instant on either side', () => {
    expect(zonedInstant('2026-03-28', '18:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-03-28T17:00:00.000Z',
    );
    expect(zonedInstant('2026-03-29', '18:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-03-29T16:00:00.000Z',
    );
    expect(zonedInstant('2026-10-25', '18:00', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-10-25T17:00:00.000Z',
    );
    // Thursday 2 April is the first delivery after the change: its cut-off (Tuesday 31 March) is in summer time.
    expect(cutoffOf(gelderland, '2026-04-02')!.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });
  it('when it is past midnight in Amsterdam but not yet in UTC, then the local date is already the next day', () => {
    expect(localDate(at('2026-12-01T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-12-02');
    // Wednesday 00:30 local: Thursday is closed, Saturday is the next open day.
    expect(day(gelderland, '2026-12-01T23:30:00Z')).toMatchObject({ day: '2026-12-05' });
  });
  it('when the buyer chose a day whose cut-off has passed, then the order moves to the next delivery day and says so', () => {
    expect(day(gelderland, '2026-12-02T09:00:00Z', '2026-12-03')).toMatchObject({
      kind: 'day',
      day: '2026-12-05',
      moved: true,
    });
    expect(day(gelderland, '2026-12-02T09:00:00Z', '2026-12-10')).toMatchObject({
      kind: 'day',
      day: '2026-12-10',
      moved: false,
    });
  });
  it('when the buyer chose a weekday without deliveries or a day beyond the horizon, then the choice is invalid', () => {
    expect(day(gelderland, '2026-12-02T09:00:00Z', '2026-12-07')).toMatchObject({ kind: 'invalid' });
    expect(day(gelderland, '2026-12-02T09:00:00Z', '2027-03-04')).toMatchObject({ kind: 'invalid' });
  });
  it('when the open days are listed, then each has its cut-off still ahead, soonest first', () => {
    const days = upcomingDays(gelderland, at('2026-12-02T09:00:00Z'), 3);
    expect(days.map((d) => d.day)).toEqual(['2026-12-05', '2026-12-10', '2026-12-12']);
    expect(days.every((d) => Date.parse(d.cutoff) > Date.parse('2026-12-02T09:00:00Z'))).toBe(true);
  });
});

describe('the delivery offer at checkout', () => {
  const buyer = { line1: 'Oudegracht 101', city: 'Utrecht', postalCode: '3511 AH', country: 'NL' };
  const now = at('2026-12-02T09:00:00Z');
  it('when home delivery is chosen in a zone, then the fee is the zone fee and the drop names the zone and its region', () => {
    const q = quoteDelivery(DEMO_OFFER, { method: 'home' }, buyer, 'EUR', now);
    expect(q).toMatchObject({
      kind: 'quote',
      quote: {
        fee: { amount: 450 },
        drop: { kind: 'home', zoneId: 'zone-utrecht', region: 'Utrecht' },
        day: '2026-12-05',
      },
    });
  });
  it('when a pickup point is chosen, then its address is the drop and its opening hours travel with it', () => {
    const q = quoteDelivery(
      DEMO_OFFER,
      { method: 'pickup_point', pickupPointId: 'pp-arnhem-kluis' },
      buyer,
      'EUR',
      now,
    );
    expect(q).toMatchObject({
      kind: 'quote',
      quote: {
        fee: { amount: 150 },
        address: { city: 'Arnhem' },
        drop: { opens: '06:00', closes: '23:00', region: 'Gelderland' },
      },
    });
  });
  it('when the postcode is outside every zone or the pickup point is unknown, then the issue names the field', () => {
    expect(
      quoteDelivery(DEMO_OFFER, { method: 'home' }, { ...buyer, postalCode: '1015 CW' }, 'EUR', now),
    ).toMatchObject({ kind: 'invalid', issues: [{ field: 'deliveryAddress.postalCode' }] });
    expect(
      quoteDelivery(DEMO_OFFER, { method: 'pickup_point', pickupPointId: 'nope' }, buyer, 'EUR', now),
    ).toMatchObject({ issues: [{ field: 'delivery.pickupPointId' }] });
    expect(quoteDelivery(DEMO_OFFER, { method: 'home', day: '2026-12-07' }, buyer, 'EUR', now)).toMatchObject(
      { issues: [{ field: 'delivery.day' }] },
    );
  });
  it('when a fee is spread over farms, then the parts add up to the fee exactly', () => {
    expect(splitFee(450, 4)).toEqual([114, 112, 112, 112]);
    expect(zoneFor(DEMO_OFFER, '6711 AB')?.zoneId).toBe('zone-wageningen-ede');
  });
});
