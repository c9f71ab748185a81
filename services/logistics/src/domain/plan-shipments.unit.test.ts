import { describe, expect, it } from 'vitest';
import { groupPlansByFarm, planShipment } from './plan-shipments';
import { confirmed, T0 } from './test-fixtures';

describe('planning a shipment from order.confirmed', () => {
  it('when a farm plan is planned, then the shipment is open, picks up at the farm, drops off at the buyer, and keeps cold chain and lot codes', () => {
    const order = confirmed();
    const { shipment, events } = planShipment(
      order,
      order.shipments[0]!,
      { shipmentId: 'shp-9', trackingCode: 'FTT-0123456789AB' },
      T0,
    );
    expect(shipment).toMatchObject({
      shipmentId: 'shp-9',
      status: 'open',
      partnerId: null,
      pickupAddress: { line1: 'Hofweg 3' },
      dropoff: {
        address: { line1: 'Keizersgracht 120' },
        contactName: 'Ben Buyer',
        phone: '+31 20 555 0101',
      },
      coldChain: { minC: 8, maxC: 14 },
      lotCodes: ['LOT-T1', 'LOT-P1'],
    });
    expect(events).toEqual([
      {
        type: 'ftt.logistics.shipment.created.v1',
        data: {
          shipmentId: 'shp-9',
          orderId: 'ord-1',
          farmId: 'farm-dehof',
          at: T0,
          trackingCode: 'FTT-0123456789AB',
          region: 'Gelderland',
          lotCodes: ['LOT-T1', 'LOT-P1'],
        },
      },
    ]);
  });

  it('when one farm appears twice in the plans, then its lines are merged into one shipment', () => {
    const [p] = confirmed().shipments;
    const merged = groupPlansByFarm([p!, { ...p!, lines: [{ ...p!.lines[0]!, lotCode: 'LOT-T2' }] }]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.lines.map((l) => l.lotCode)).toEqual(['LOT-T1', 'LOT-P1', 'LOT-T2']);
  });
});
