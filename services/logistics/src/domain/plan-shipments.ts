import type { EventData } from '@ftt/contracts';
import type { Decision, Shipment } from './shipment';

export type OrderConfirmed = EventData<'ftt.orders.order.confirmed.v1'>;
/** What one farm of a confirmed order ships. */
export type FarmPlan = OrderConfirmed['shipments'][number];

export interface ShipmentIdentity {
  shipmentId: string;
  trackingCode: string;
}

/**
 * One shipment per farm of a confirmed order: picked up at the farm, dropped off at the buyer.
 * Ids are passed in (derived from orderId + farmId by the caller) so the function stays pure and a
 * redelivered order.confirmed maps onto the same shipment ids.
 */
export const planShipment = (
  order: OrderConfirmed,
  plan: FarmPlan,
  ids: ShipmentIdentity,
  now: string,
): Decision => {
  const lotCodes = [...new Set(plan.lines.map((l) => l.lotCode))];
  const shipment: Shipment = {
    shipmentId: ids.shipmentId,
    orderId: order.orderId,
    buyerId: order.buyerId,
    farmId: plan.farmId,
    farmName: plan.farmName,
    region: plan.region,
    trackingCode: ids.trackingCode,
    status: 'open',
    pickupAddress: plan.pickupAddress,
    dropoff: {
      address: order.dropoff.address,
      contactName: order.dropoff.contactName,
      ...(order.dropoff.phone ? { phone: order.dropoff.phone } : {}),
    },
    coldChain: { minC: plan.coldChain.minC, maxC: plan.coldChain.maxC },
    lines: plan.lines.map((l) => ({ ...l })),
    lotCodes,
    ...(order.deliveryDate ? { deliveryDate: order.deliveryDate } : {}),
    ...(order.drop ? { drop: { ...order.drop } } : {}),
    ...(order.market ? { market: order.market } : {}),
    partnerId: null,
    createdAt: now,
    updatedAt: now,
    failures: [],
    checkpoints: [],
    excursions: [],
    steps: [{ step: 'created', at: now }],
  };
  return {
    shipment,
    events: [
      {
        type: 'ftt.logistics.shipment.created.v1',
        data: {
          shipmentId: ids.shipmentId,
          orderId: order.orderId,
          farmId: plan.farmId,
          at: now,
          trackingCode: ids.trackingCode,
          region: plan.region,
          lotCodes,
        },
      },
    ],
  };
};

/** Farms that appear twice in one order would collide on the derived id; merge their lines first. */
export const groupPlansByFarm = (plans: FarmPlan[]): FarmPlan[] => {
  const byFarm = new Map<string, FarmPlan>();
  for (const p of plans) {
    const seen = byFarm.get(p.farmId);
    if (seen) seen.lines = [...seen.lines, ...p.lines];
    else byFarm.set(p.farmId, { ...p, lines: [...p.lines] });
  }
  return [...byFarm.values()];
};
