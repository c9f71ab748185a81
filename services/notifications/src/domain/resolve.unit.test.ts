import { describe, expect, it } from 'vitest';
import type { Notice } from './notice';
import { readiness, type ResolveSettings } from './resolve';
import { payoutMade } from '../../test/fixtures';

const s: ResolveSettings = {
  trackingWaitMs: 60_000,
  giveUpMs: 3_600_000,
  retryBaseMs: 1000,
  retryMaxMs: 30_000,
};
const t0 = new Date('2026-03-10T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const notice = (data: Notice['data'], audience: Notice['audience']): Notice => ({
  noticeId: 'e1',
  eventId: 'e1',
  at: t0.toISOString(),
  audience,
  data,
  status: 'waiting',
  createdAt: t0.toISOString(),
});
const confirmed = notice(
  {
    kind: 'order_confirmed',
    orderId: 'o1',
    farms: [
      { farmId: 'f1', farmName: 'A' },
      { farmId: 'f2', farmName: 'B' },
    ],
  },
  { kind: 'buyer_of_order', orderId: 'o1' },
);

describe('readiness: when a notice can go out, to whom', () => {
  it('when the buyer of the order is not known yet (topics read out of order), then it waits for the order, then gives up', () => {
    const r = readiness(confirmed, { order: null }, at(1000), s);
    expect(r).toMatchObject({ kind: 'wait', waitKey: 'order:o1' });
    expect(readiness(confirmed, { order: null }, at(3_600_000), s)).toMatchObject({ kind: 'expire' });
  });

  it('when an order is confirmed but one farm has no tracking code yet, then the confirmation waits, and after the wait goes out with the codes there are', () => {
    const order = { orderId: 'o1', buyerId: 'ben', trackingCodes: { f1: 'FTT-1' } };
    const waiting = readiness(confirmed, { order }, at(5000), s);
    expect(waiting).toMatchObject({ kind: 'wait', waitKey: 'order:o1' });
    expect(Date.parse((waiting as { retryAt: string }).retryAt)).toBeLessThanOrEqual(at(60_000).getTime());
    const late = readiness(confirmed, { order }, at(60_000), s);
    expect(late).toMatchObject({
      kind: 'ready',
      to: { userId: 'ben' },
      data: { trackingCodes: { f1: 'FTT-1' } },
    });
  });

  it('when every farm has its tracking code, then the confirmation goes to the buyer with all codes', () => {
    const order = { orderId: 'o1', buyerId: 'ben', trackingCodes: { f1: 'FTT-1', f2: 'FTT-2' } };
    expect(readiness(confirmed, { order }, at(10), s)).toEqual({
      kind: 'ready',
      to: { userId: 'ben' },
      data: { ...confirmed.data, trackingCodes: { f1: 'FTT-1', f2: 'FTT-2' } },
    });
  });

  it("when a shipment is out for delivery, then the buyer's message carries that farm's tracking code", () => {
    const n = notice(
      { kind: 'out_for_delivery', orderId: 'o1', farmId: 'f2' },
      { kind: 'buyer_of_order', orderId: 'o1' },
    );
    const r = readiness(
      n,
      { order: { orderId: 'o1', buyerId: 'ben', trackingCodes: { f2: 'FTT-2' } } },
      at(0),
      s,
    );
    expect(r).toMatchObject({ kind: 'ready', data: { trackingCode: 'FTT-2' } });
  });

  it('when the farm of a payout is known, then the farmer gets it; unknown, it waits for the farm', () => {
    const n = notice(payoutMade({ orderId: 'o1', farmId: 'f1' }, 1, 1, 0), {
      kind: 'farmer_of_farm',
      farmId: 'f1',
    });
    expect(readiness(n, { farm: { farmId: 'f1', farmerId: 'anna' } }, at(0), s)).toMatchObject({
      kind: 'ready',
      to: { userId: 'anna' },
    });
    expect(readiness(n, { farm: null }, at(0), s)).toMatchObject({ kind: 'wait', waitKey: 'farm:f1' });
  });

  it('when the audience is a group (partners of a region, operators), then it is ready and names the group', () => {
    const n = notice(
      { kind: 'shipments_open', shipmentId: 's', orderId: 'o', farmId: 'f', region: 'Utrecht' },
      { kind: 'partners_in_region', region: 'Utrecht' },
    );
    expect(readiness(n, {}, at(0), s)).toMatchObject({
      kind: 'ready',
      to: { group: { kind: 'partners_in_region', region: 'Utrecht' } },
    });
  });

  it("when a box was delivered and its farm is known, then the buyer's message carries the farm's name", () => {
    const delivered = notice(
      { kind: 'delivered', orderId: 'o1', farmId: 'f2', recipientName: 'Ben' },
      { kind: 'buyer_of_order', orderId: 'o1' },
    );
    const order = { orderId: 'o1', buyerId: 'b1', trackingCodes: { f2: 'FTT-2' } };
    expect(
      readiness(delivered, { order, farm: { farmId: 'f2', farmerId: 'u', farmName: 'Kippenhof' } }, at(0), s),
    ).toMatchObject({
      kind: 'ready',
      data: { farmName: 'Kippenhof', trackingCode: 'FTT-2' },
    });
    const unnamed = readiness(delivered, { order, farm: null }, at(0), s);
    expect(unnamed.kind === 'ready' && 'farmName' in unnamed.data).toBe(false);
  });
});
