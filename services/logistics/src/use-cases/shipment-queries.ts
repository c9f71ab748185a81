import { DomainError } from '../domain/errors';
import type { ShipmentStatus } from '../domain/shipment';
import { openView, partnerView, trackingView } from './views';
import type { ShipmentRepo } from './ports';

interface Caller {
  userId: string;
  role: string;
  region?: string | undefined;
}

export const makeShipmentQueries = (d: { shipments: ShipmentRepo; openLimit: number }) => ({
  /** A partner's region comes from their token unless they ask for another one explicitly. */
  async open(caller: Caller, region: string | undefined) {
    const where = region ?? caller.region;
    if (!where) {
      throw new DomainError('shipment.invalid', 'region is required when the token carries none', [
        { field: 'query.region', message: 'required (your token has no region claim)' },
      ]);
    }
    return (await d.shipments.open(where, d.openLimit)).map(openView);
  },

  async mine(caller: Caller, status?: ShipmentStatus) {
    return (await d.shipments.byPartner(caller.userId, status)).map(partnerView);
  },

  async one(caller: Caller, shipmentId: string) {
    const s = await d.shipments.get(shipmentId);
    if (!s) throw new DomainError('shipment.not_found', `no shipment ${shipmentId}`);
    if (caller.role !== 'admin' && s.partnerId !== caller.userId) {
      // An unclaimed shipment is visible as every partner sees it in the open list, no more.
      if (s.status === 'open' && caller.role === 'logistics') return openView(s);
      throw new DomainError('shipment.forbidden', 'this shipment is assigned to another partner');
    }
    return partnerView(s);
  },

  async ofOrder(orderId: string) {
    return (await d.shipments.byOrder(orderId)).map(partnerView);
  },

  async track(trackingCode: string) {
    const s = await d.shipments.byTrackingCode(trackingCode);
    if (!s) throw new DomainError('tracking.not_found', 'no shipment with this tracking code');
    return trackingView(s);
  },
});
export type ShipmentQueries = ReturnType<typeof makeShipmentQueries>;
