import { DomainError, requireFarm, type Principal } from '@ftt/kit';
import { boxLabel } from '../domain/labels/box-label';
import type { BoxKey } from '../domain/labels/digital-link';
import type { Context } from './context';
import { trackedTemperatures } from './temperatures';

/** More boxes than any farm packs in a day: the labels of one delivery day are one read. */
export const LABELS_MAX = 1_000;

/**
 * The labels of a farm's boxes for one delivery day, for its members who pack (owner, packer) and operators. A box is
 * a shipment (one per order and farm), so logistics, which gives each its serial, prints them. Cancelled boxes are
 * not packed and get none. Sorted the way boxes are packed: per pickup point, then home deliveries by first name.
 */
export const farmBoxLabels = async (ctx: Context, caller: Principal, farmId: string, day: string) => {
  requireFarm(caller, farmId, 'packing.read');
  const boxes = await ctx.shipments.ofFarmDay(farmId, day, LABELS_MAX);
  // in packing order: the boxes of each pickup point together (they travel in one crate), then home deliveries by name
  return boxes
    .filter((s) => s.status !== 'cancelled')
    .map((s) => boxLabel(s, ctx.appUrl))
    .sort(
      (a, b) =>
        (a.drop === b.drop ? 0 : a.drop === 'pickup_point' ? -1 : 1) ||
        a.addressee.localeCompare(b.addressee) ||
        a.serial.localeCompare(b.serial),
    );
};

/**
 * The public story of one box, by the key its label's QR code carries: the serial must be a box that holds that
 * product and lot (a forged or mistyped address finds nothing). Nothing personal: no buyer, address, order, partner
 * id or note; the lots as the farm published them, the journey's steps and the loggers' curves.
 */
export const boxTrace = async (ctx: Context, key: BoxKey) => {
  const s = await ctx.shipments.byTrackingCode(key.serial);
  const line = s?.lines.find((l) => l.listingId === key.product && l.lotCode === key.lot);
  if (!s || !line) throw new DomainError('box.not_found', 'no box has this product, lot and serial');
  const lots = await ctx.lots.many(s.lotCodes);
  const { shipments } = await trackedTemperatures(ctx, s.trackingCode);
  return { shipment: s, line, lots, curve: shipments[0]! };
};
export type BoxTrace = Awaited<ReturnType<typeof boxTrace>>;
