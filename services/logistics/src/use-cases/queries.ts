import { DomainError, partnersOf, requirePartner, type PageRequest, type Principal } from '@ftt/kit';
import { listedFor, regionFor } from './acting';
import { FINISHED, type Shipment, type ShipmentStatus } from '../domain/shipment';
import type { Context } from './context';

/** Open shipments in a region; the region the person's partners serve unless they ask for another one. */
export const openShipments = async (ctx: Context, caller: Principal, region: string | undefined) =>
  ctx.shipments.open(regionFor(caller, region, 'shipment'), ctx.openShipmentsLimit);

/** The shipments a partner claimed (in one status), newest first, a page at a time. */
export const myShipments = (ctx: Context, caller: Principal, status: ShipmentStatus | undefined, page: PageRequest) =>
  ctx.shipments.pageByPartner(listedFor(caller), status ? [status] : undefined, page);

export { FINISHED };

/** A partner's delivery history, newest first, a page at a time. */
export const myHistory = (ctx: Context, caller: Principal, page: PageRequest) =>
  ctx.shipments.pageByPartner(listedFor(caller), FINISHED, page);

/**
 * One shipment and how much of it the caller may see: everything for the members of its assigned partner and
 * operators; an unclaimed one to any partner's member as the open list shows it, no more; nothing to anyone else.
 */
export const shipmentFor = async (
  ctx: Context,
  caller: Principal,
  shipmentId: string,
): Promise<{ shipment: Shipment; detail: 'full' | 'open' }> => {
  const shipment = await ctx.shipments.get(shipmentId);
  if (!shipment) throw new DomainError('shipment.not_found', `no shipment ${shipmentId}`);
  if (shipment.status === 'open' && partnersOf(caller).length) return { shipment, detail: 'open' };
  // No partner yet (cancelled while open): nobody owns it but operators.
  requirePartner(caller, shipment.partnerId ?? '', 'shipments.read', 'shipment');
  return { shipment, detail: 'full' };
};

export const orderShipments = (ctx: Context, orderId: string) => ctx.shipments.byOrder(orderId);

export const trackShipment = async (ctx: Context, trackingCode: string) => {
  const s = await ctx.shipments.byTrackingCode(trackingCode);
  if (!s) throw new DomainError('tracking.not_found', 'no shipment with this tracking code');
  return s;
};
