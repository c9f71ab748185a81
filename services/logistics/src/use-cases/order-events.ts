import type { EventData } from '@ftt/contracts';
import type { Cause } from '@ftt/kit';
import { groupPlansByFarm } from '../domain/plan-shipments';
import { decideCreate } from '../domain/shipment-decide';
import type { Context } from './context';
import { newTrackingCode, shipmentIdFor } from './identity';
import { stepShipment } from './shipment-steps';

/**
 * order.confirmed -> one shipment per farm. Each is its own command on a derived id, so a crash half way and
 * the redelivery that follows create exactly the missing ones and nothing twice. A confirmation arriving after
 * the order's cancellation creates nothing.
 */
export const createShipments = async (
  ctx: Context,
  order: EventData<'ftt.orders.order.confirmed.v1'>,
  cause: Cause,
): Promise<number> => {
  const facts = await ctx.orders.confirmed(order.orderId, order.buyerId, order.confirmedAt);
  if (facts.status === 'cancelled') {
    ctx.log.debug(
      { orderId: order.orderId, eventId: cause.causationid },
      'confirmation of a cancelled order ignored',
    );
    return 0;
  }
  let created = 0;
  for (const plan of groupPlansByFarm(order.shipments)) {
    const shipmentId = shipmentIdFor(order.orderId, plan.farmId);
    const r = await ctx.handleShipment(
      shipmentId,
      (current, now) =>
        decideCreate(
          current,
          {
            order,
            plan,
            ids: { shipmentId, trackingCode: newTrackingCode() },
            traceparent: cause.traceparent,
          },
          now.toISOString(),
        ),
      cause,
    );
    if (r.result === 'written') {
      created++;
      ctx.log.info({ orderId: order.orderId, shipmentId, eventId: cause.causationid }, 'shipment created');
    }
  }
  return created;
};

/** order.cancelled -> cancel every shipment not yet picked up; those already on the road keep going. */
export const cancelShipments = async (
  ctx: Context,
  data: EventData<'ftt.orders.order.cancelled.v1'>,
  cause: Cause,
): Promise<number> => {
  await ctx.orders.cancelled(data.orderId, ctx.clock().toISOString());
  let cancelled = 0;
  for (const s of await ctx.shipments.byOrder(data.orderId)) {
    const cancel = { kind: 'cancel', reason: `order cancelled: ${data.reason}` } as const;
    const r = await stepShipment(ctx, s.shipmentId, cancel, cause);
    if (r.result === 'written') cancelled++;
    if (r.result === 'ignored') {
      ctx.log.debug({ orderId: data.orderId, shipmentId: s.shipmentId, why: r.reason }, 'cancel ignored');
    }
  }
  return cancelled;
};

/** order.completed -> the trace shows the order as completed. */
export const completeOrder = (ctx: Context, data: EventData<'ftt.orders.order.completed.v1'>) =>
  ctx.orders.completed(data.orderId, data.completedAt);
