import { createEvent, type EventData, type EventType, type TypedEnvelope } from '@ftt/contracts';
import { describe, expect, it } from 'vitest';
import { noticesFor } from './notices-from-event';

const envelope = <T extends EventType>(type: T, data: EventData<T>) =>
  createEvent(type, data, { source: '/test', correlationid: 'c', id: 'evt-1' }).envelope as TypedEnvelope;

const address = { line1: 'Dorpsstraat 1', city: 'Houten', postalCode: '1234 AB', country: 'NL' };
const plan = (farmId: string) => ({
  farmId,
  farmName: `Farm ${farmId}`,
  region: 'Utrecht',
  pickupAddress: address,
  coldChain: { minC: 2, maxC: 8 },
  lines: [{ listingId: 'l1', title: 'Kale', quantity: 2, unit: 'bunch' as const, lotCode: 'LOT-1' }],
});

describe('noticesFor: which notices an event raises', () => {
  it('when an order of two farms is confirmed, then the buyer gets a confirmation and each farm a new-order notice', () => {
    const n = noticesFor(
      envelope('ftt.orders.order.confirmed.v1', {
        orderId: 'o1',
        buyerId: 'ben',
        confirmedAt: '2026-03-10T10:00:00Z',
        dropoff: { address, contactName: 'Ben' },
        shipments: [plan('f1'), plan('f2')],
      }),
    );
    expect(n.map((x) => [x.noticeId, x.audience, x.data.kind])).toEqual([
      ['evt-1', { kind: 'buyer_of_order', orderId: 'o1' }, 'order_confirmed'],
      ['evt-1:f1', { kind: 'farmer_of_farm', farmId: 'f1' }, 'new_orders'],
      ['evt-1:f2', { kind: 'farmer_of_farm', farmId: 'f2' }, 'new_orders'],
    ]);
    expect(n.every((x) => x.eventId === 'evt-1')).toBe(true);
  });

  it('when a shipment is created, then partners of its region hear of it', () => {
    const [n] = noticesFor(
      envelope('ftt.logistics.shipment.created.v1', {
        shipmentId: 's1',
        orderId: 'o1',
        farmId: 'f1',
        at: '2026-03-10T10:00:00Z',
        trackingCode: 'FTT-AAAABBBBCCCC',
        region: 'Utrecht',
        lotCodes: ['LOT-1'],
      }),
    );
    expect(n).toMatchObject({
      audience: { kind: 'partners_in_region', region: 'Utrecht' },
      data: { kind: 'shipments_open' },
    });
  });

  it('when logistics answers a cancel request, then the buyer hears the answer, and the order.cancelled that follows an accepted request raises nothing more', () => {
    const accepted = noticesFor(
      envelope('ftt.logistics.order_cancel.accepted.v1', {
        orderId: 'o1',
        at: '2026-03-10T10:00:00Z',
        cancelledShipmentIds: ['s1'],
      }),
    );
    expect(accepted.map((n) => [n.audience, n.data])).toEqual([
      [
        { kind: 'buyer_of_order', orderId: 'o1' },
        { kind: 'cancel_accepted', orderId: 'o1' },
      ],
    ]);
    const refused = noticesFor(
      envelope('ftt.logistics.order_cancel.refused.v1', {
        orderId: 'o1',
        at: '2026-03-10T10:00:00Z',
        reason: 'picked up',
      }),
    );
    expect(refused[0]!.data).toEqual({ kind: 'cancel_refused', orderId: 'o1', reason: 'picked up' });
    const cancelled = envelope('ftt.orders.order.cancelled.v1', {
      orderId: 'o1',
      reason: 'changed my mind',
      cancelledBy: 'buyer',
      paid: true,
    });
    expect(noticesFor(cancelled, { cancelRequested: true })).toEqual([]);
    expect(noticesFor(cancelled).map((n) => n.data.kind)).toEqual(['order_cancelled']);
  });

  it('when an event is not one anybody hears about (stock, payment succeeded, listings), then it raises nothing', () => {
    expect(
      noticesFor(
        envelope('ftt.catalog.stock.committed.v1', {
          orderId: 'o1',
          lines: [{ listingId: 'l', quantity: 1 }],
        }),
      ),
    ).toEqual([]);
    expect(
      noticesFor(
        envelope('ftt.orders.payment.succeeded.v1', {
          orderId: 'o1',
          paymentId: 'p',
          provider: 'x',
          amount: { amount: 1, currency: 'EUR' },
        }),
      ),
    ).toEqual([]);
  });
});
