import { assertOwner, DomainError, type PageRequest, type Principal } from '@ftt/kit';
import { FINISHED, type Shipment, type ShipmentStatus } from '../domain/shipment';
import type { Context } from './context';

/** Open shipments in a region; a partner's region comes from their token unless they ask for another one. */
export const openShipments = async (ctx: Context, caller: Principal, region: string | undefined) => {
  const where = region ?? caller.region;
  if (!where) {
    throw new DomainError('shipment.invalid', 'region is required when the token carries none', [
      { field: 'query.region', message: 'required (your token has no region claim)' },
    ]);
  }
  return ctx.shipments.open(where, ctx.openShipmentsLimit);
};

/** The shipments a partner claimed (in one status), newest first, a page at a time. */
export const myShipments = (ctx: Context, caller: Principal, status: ShipmentStatus | undefined, page: PageRequest) =>
  ctx.shipments.pageByPartner(caller.userId, status ? [status] : undefined, page);

export { FINISHED };

/** A partner's delivery history, newest first, a page at a time. */
export const myHistory = (ctx: Context, caller: Principal, page: PageRequest) => ctx.shipments.pageByPartner(caller.userId, FINISHED, page);

/**
 * One shipment and how much of it the caller may see: everything for its assigned partner and admins; an
 * unclaimed one to any partner as the open list shows it, no more; nothing to anyone else.
 */
export const shipmentFor = async (
  ctx: Context,
  caller: Principal,
  shipmentId: string,
): Promise<{ shipment: Shipment; detail: 'full' | 'open' }> => {
  const shipment = await ctx.shipments.get(shipmentId);
  if (!shipment) throw new DomainError('shipment.not_found', `no shipment ${shipmentId}`);
  if (shipment.status === 'open' && caller.role === 'logistics') return { shipment, detail: 'open' };
  // No partner yet (cancelled while open): nobody owns it but admins.
  assertOwner(caller, shipment.partnerId ?? '', 'shipment');
  return { shipment, detail: 'full' };
};

export const orderShipments = (ctx: Context, orderId: string) => ctx.shipments.byOrder(orderId);

export const trackShipment = async (ctx: Context, trackingCode: string) => {
  const s = await ctx.shipments.byTrackingCode(trackingCode);
  if (!s) throw new DomainError('tracking.not_found', 'no shipment with this tracking code');
  return s;
};
