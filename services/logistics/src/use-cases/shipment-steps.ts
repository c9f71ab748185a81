import { DomainError, reject, type Cause } from '@ftt/kit';
import { decide, type ShipmentCommand } from '../domain/shipment-decide';
import type { Context } from './context';
import { onFacts } from './order-facts';

/**
 * A pickup is the point of no return, so it first passes the order's gate (domain/order-facts.ts): refused when
 * the order was cancelled, and from then on a cancel request is refused. The shipment is checked first (the
 * partner, its status) so that only a pickup that will happen closes the gate.
 */
const passPickupGate = async (ctx: Context, shipmentId: string, cmd: ShipmentCommand, cause: Cause) => {
  const s = await ctx.shipments.get(shipmentId);
  if (!s) return;
  const now = ctx.clock();
  const dry = decide(s, cmd, now);
  if (dry.kind === 'reject') throw new DomainError(dry.code, dry.message, dry.issues);
  if (dry.kind === 'ignore') return;
  await onFacts(ctx, s.orderId, { kind: 'start_pickup', at: now.toISOString() }, { ...cause, processedEventId: undefined });
};

/**
 * A step on an existing shipment through its command handler (a partner's request, or a cancel): of ten
 * partners claiming at once exactly one finds it open, the others are refused with invalid_transition (409).
 * A missing shipment is not_found; what comes back otherwise always carries the shipment as it now is.
 */
export const stepShipment = async (ctx: Context, shipmentId: string, cmd: ShipmentCommand, cause: Cause) => {
  if (cmd.kind === 'pick_up') await passPickupGate(ctx, shipmentId, cmd, cause);
  return ctx.handleShipment(
    shipmentId,
    (current, now) =>
      current
        ? decide(current, cmd, now)
        : reject('shipment.not_found', `no shipment ${shipmentId}`),
    cause,
  );
};
