import { reject, type Cause } from '@ftt/kit';
import { decide, type ShipmentCommand } from '../domain/shipment-decide';
import type { Context } from './context';

/**
 * A step on an existing shipment through its command handler (a partner's request, or order.cancelled): of ten
 * partners claiming at once exactly one finds it open, the others are refused with invalid_transition (409).
 * A missing shipment is not_found; what comes back otherwise always carries the shipment as it now is.
 */
export const stepShipment = (ctx: Context, shipmentId: string, cmd: ShipmentCommand, cause: Cause) =>
  ctx.handleShipment(
    shipmentId,
    (current, now) =>
      current
        ? decide(current, cmd, now.toISOString())
        : reject('shipment.not_found', `no shipment ${shipmentId}`),
    cause,
  );
