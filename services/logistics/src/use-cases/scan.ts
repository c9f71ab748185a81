import { DomainError, type Principal } from '@ftt/kit';
import type { Context } from './context';
import { shipmentFor } from './queries';

/**
 * A partner scanned a box label (issue #33): the box by its serial (the label's tracking code), as much as the partner
 * may see of it (their own box in full; an open one as the open list shows it; another partner's: 403).
 */
export const scanBox = async (ctx: Context, caller: Principal, serial: string) => {
  const found = await ctx.shipments.byTrackingCode(serial);
  if (!found) throw new DomainError('box.not_found', 'no box has this label');
  return shipmentFor(ctx, caller, found.shipmentId);
};
