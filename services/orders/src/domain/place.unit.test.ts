import { decider } from '@ftt/kit/testing/decider';
import { describe, expect, it } from 'vitest';
import { orderAggregate } from '../use-cases/aggregates';
import { isNewer, unavailableBecause, type ListingRecord } from './listing';
import { valueSplit } from './money';
import type { DomainEvent, Order } from './order';
import { placeOrder, type PlaceOrder } from './place';
import { address, apples, kale, pears, pendingOrder, placing, readModel, record, settings, snapshot, T0 } from './test-fixtures';

/** Given no order yet, when one is placed, then the order and order.placed, or a refusal naming the lines. */
const orders = decider<Order, DomainEvent>(orderAggregate, { now: T0 });
/** The order a placement makes, with its one order.placed. */
const placed = (placement: PlaceOrder) =>
  orders.given(null).when(placeOrder, placement).then({ state: { state: 'pending' }, events: [{ type: 'ftt.orders.order.placed.v1' }] });

const command = (lines: PlaceOrder['lines'], listings: ReadonlyMap<string, ListingRecord>): PlaceOrder => ({
  orderId: 'order-x',
  buyerId: 'user-buyer-ben',
  lines,
  deliveryAddress: address,
  contact: { name: 'Ben' },
  listings,
  settings,
});

/** The field issues of a placement refused as unprocessable. */
const issuesOf = (placement: PlaceOrder) => {
  const refused = orders.given(null).when(placeOrder, placement);
  refused.thenRejects('order.unprocessable');
  return refused.outcome.kind === 'reject' ? (refused.outcome.issues ?? []) : [];
};

describe('placing an order', () => {
  it('when every line names a published listing, then the order is pending, priced from the read model and grouped by farm', () => {
    // given listings of two farms; when three lines are ordered; then
    const { state: order } = placed(placing);
    expect(order.lines.map((l) => [l.listingId, l.unitPrice.amount, l.lineTotal.amount, l.lotCode])).toEqual([
      ['listing-apples', 350, 700, 'LOT-APL-1'],
      ['listing-kale', 199, 597, 'LOT-KAL-7'],
      ['listing-pears', 200, 200, 'LOT-PER-1'],
    ]);
    expect(order.farms.map((f) => [f.farmId, f.goods.amount, f.platformFee.amount, f.farmerReceives.amount, f.deliveryFee.amount])).toEqual([
      ['farm-anna', 900, 45, 855, 495],
      ['farm-joost', 597, 30, 567, 495],
    ]);
    expect(order.farmIds).toEqual(['farm-anna', 'farm-joost']);
    expect(order.totals).toEqual({
      goods: { amount: 1497, currency: 'EUR' },
      delivery: { amount: 990, currency: 'EUR' },
      platformFee: { amount: 75, currency: 'EUR' },
      total: { amount: 2487, currency: 'EUR' },
    });
    expect(order.expiresAt).toBe('2025-06-01T10:15:00.000Z');
    expect(order.timeline).toEqual([{ at: T0.toISOString(), state: 'pending', cause: 'order placed', what: { kind: 'placed' } }]);
  });

  it('when an order is placed, then order.placed carries the priced lines and what the buyer pays', () => {
    const { events } = placed(command([{ listingId: 'listing-kale', quantity: 2 }], readModel(kale)));
    expect(events).toEqual([
      {
        type: 'ftt.orders.order.placed.v1',
        data: {
          orderId: 'order-x',
          buyerId: 'user-buyer-ben',
          lines: [{ listingId: 'listing-kale', farmId: 'farm-joost', quantity: 2, unitPrice: { amount: 199, currency: 'EUR' } }],
          total: { amount: 398 + 495, currency: 'EUR' },
          placedAt: T0.toISOString(),
          // a listing published before markets carries none: it is Dutch
          market: 'nl',
        },
      },
    ]);
  });

  it('when a line names an unknown, paused or archived listing, then it is refused naming that line', () => {
    const listings = new Map([
      ['listing-apples', record(apples)],
      ['listing-paused', record(snapshot({ listingId: 'listing-paused', status: 'paused' }))],
      ['listing-gone', record(snapshot({ listingId: 'listing-gone' }), { archived: true })],
    ]);
    const lines = ['listing-apples', 'listing-unknown', 'listing-paused', 'listing-gone'].map((listingId) => ({ listingId, quantity: 1 }));
    expect(issuesOf(command(lines, listings))).toEqual([
      { field: 'lines.1.listingId', message: 'unknown listing: listing-unknown' },
      { field: 'lines.2.listingId', message: 'listing is paused: listing-paused' },
      { field: 'lines.3.listingId', message: 'listing is archived: listing-gone' },
    ]);
  });

  it('when a listing appears twice or is priced in another currency, then that line is refused', () => {
    const usd = snapshot({ listingId: 'listing-usd', unitPrice: { amount: 100, currency: 'USD' } });
    const lines = [
      { listingId: 'listing-apples', quantity: 1 },
      { listingId: 'listing-apples', quantity: 2 },
      { listingId: 'listing-usd', quantity: 1 },
    ];
    expect(issuesOf(command(lines, readModel(apples, usd))).map((i) => i.field)).toEqual([
      'lines.1.listingId',
      'lines.2.listingId',
    ]);
  });

  it('when the lines come from listings of two markets, then the line of the other market is refused and no order is placed', () => {
    const tea = snapshot({ listingId: 'listing-tea', market: 'cn', unitPrice: { amount: 6800, currency: 'CNY' } });
    const lines = [
      { listingId: 'listing-apples', quantity: 1 },
      { listingId: 'listing-tea', quantity: 1 },
    ];
    expect(issuesOf(command(lines, readModel(apples, tea)))).toEqual([
      { field: 'lines.1.listingId', message: 'listing belongs to the market cn, the order to nl' },
    ]);
    const withCn = { ...settings, markets: new Map([...settings.markets, ['cn', { code: 'cn', postcodePattern: '\\d{6}', paymentMethods: ['alipay' as const, 'wechat_pay' as const] }]]) };
    const hangzhou = { line1: '文三路 90 号', city: '杭州市', postalCode: '310013', country: 'CN' };
    const teaOrder = { ...command([{ listingId: 'listing-tea', quantity: 2 }], readModel(tea)), settings: withCn };
    const { state } = placed({ ...teaOrder, deliveryAddress: hangzhou });
    expect(state).toMatchObject({ market: 'cn', currency: 'CNY', totals: { goods: { amount: 13_600, currency: 'CNY' } } });
    // a Dutch address is no address in the Chinese market
    expect(issuesOf(teaOrder)).toEqual([{ field: 'deliveryAddress.postalCode', message: '3511 ED is no postcode of the market cn' }]);
    // nor a listing of a market no operator published
    expect(issuesOf({ ...teaOrder, settings })).toEqual([{ field: 'lines.0.listingId', message: 'the market cn is not published' }]);
  });

  it('when an order of this id exists already (a retried request), then placing it again is ignored', () => {
    orders.given(pendingOrder()).when(placeOrder, placing).thenIgnores('order order-1 exists already');
  });
});

describe('the value split', () => {
  it('when an order spans two farms, then it shows each farmer’s share, the logistics cost and the platform fee', () => {
    const split = valueSplit(pendingOrder());
    expect(split.total.amount).toBe(2487);
    expect(split.farmersReceive.amount).toBe(855 + 567);
    expect(split.farmersReceive.amount + split.logisticsTotal.amount + split.platformFeeTotal.amount).toBe(split.total.amount);
    // The farm's share is of the produce price (delivery goes to logistics): 100% minus the 5% platform fee.
    expect(split.farmShareOfProducePercent).toBe(95);
    expect(split.farms.map((f) => [f.farmId, f.farmerReceives.amount, f.logisticsCost.amount, f.platformFee.amount, f.farmShareOfProducePercent])).toEqual([
      ['farm-anna', 855, 495, 45, 95],
      ['farm-joost', 567, 495, 30, 95],
    ]);
  });
});

describe('the listing read model', () => {
  it('when a snapshot is not newer than the stored one, then it is stale', () => {
    expect(isNewer(2, { version: 1 })).toBe(true);
    expect(isNewer(1, { version: 1 })).toBe(false);
    expect(isNewer(1, { version: 3 })).toBe(false);
    expect(isNewer(1, undefined)).toBe(true);
  });

  it('when only an archive is known, then the listing cannot be ordered', () => {
    expect(unavailableBecause({ listingId: 'l', version: 2, archived: true })).toBe('unknown listing');
    expect(unavailableBecause(record(pears))).toBeUndefined();
  });
});
