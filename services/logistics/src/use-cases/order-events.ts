import type { EventData } from '@ftt/contracts';
import type { Cause } from '@ftt/kit';
import { groupPlansByFarm } from '../domain/plan-shipments';
import { decideCreate } from '../domain/shipment-decide';
import type { Context } from './context';
import { newTrackingCode, shipmentIdFor } from './identity';
import { onFacts } from './order-facts';
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
  const { state: facts } = await onFacts(ctx, order.orderId, { kind: 'confirm', buyerId: order.buyerId, at: order.confirmedAt }, cause, true);
  if (facts?.status === 'cancelled') {
    ctx.log.debug(
      { orderId: order.orderId, eventId: cause.causationid },
      'confirmation of a cancelled order ignored',
    );
    return 0;
  }
  let created = 0;
  for (const plan of groupPlansByFarm(order.shipments)) {
    const shipmentId = shipmentIdFor(order.orderId, plan.farmId);
    // Its id is derived from this confirmation: new unless redelivered (then the insert collides and it loads).
    const r = await ctx.handleShipment.create(
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
          now,
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

/** Cancel every shipment of the order not yet picked up; those already on the road keep going. Returns the cancelled ones. */
const cancelEach = async (ctx: Context, orderId: string, reason: string, cause: Cause): Promise<string[]> => {
  const cancelled: string[] = [];
  for (const s of await ctx.shipments.byOrder(orderId)) {
    const r = await stepShipment(ctx, s.shipmentId, { kind: 'cancel', reason }, cause);
    if (r.state?.status === 'cancelled') cancelled.push(s.shipmentId);
    if (r.result === 'ignored') ctx.log.debug({ orderId, shipmentId: s.shipmentId, why: r.reason }, 'cancel ignored');
  }
  return cancelled;
};

/**
 * order.cancel_requested -> logistics decides, on the order's facts, against any pickup. Nothing picked up: the
 * order is cancelled here (no pickup passes the gate any more), its shipments are cancelled, and only then is
 * orders told order_cancel.accepted, so that it hears the answer after every shipment event. Otherwise
 * order_cancel.refused. A redelivery after a crash half way finds the decision recorded and finishes the rest.
 */
export const answerCancelRequest = async (
  ctx: Context,
  data: EventData<'ftt.orders.order.cancel_requested.v1'>,
  cause: Cause,
): Promise<'accepted' | 'refused'> => {
  const shipments = await ctx.shipments.byOrder(data.orderId);
  const pickedUp = shipments.filter((s) => s.pickedUpAt).map((s) => s.farmName);
  const decided = await onFacts(ctx, data.orderId, { kind: 'request_cancel', pickedUp }, cause);
  if (decided.state?.status !== 'cancelled') {
    ctx.log.info({ orderId: data.orderId, eventId: cause.causationid }, 'cancel request refused');
    return 'refused';
  }
  const cancelledShipmentIds = await cancelEach(ctx, data.orderId, `order cancelled: ${data.reason}`, cause);
  await onFacts(ctx, data.orderId, { kind: 'announce_cancel', cancelledShipmentIds }, { ...cause, processedEventId: undefined });
  ctx.log.info({ orderId: data.orderId, eventId: cause.causationid }, 'cancel request accepted');
  return 'accepted';
};

/** order.cancelled -> cancel every shipment not yet picked up (after an accepted request there is none left). */
export const cancelShipments = async (
  ctx: Context,
  data: EventData<'ftt.orders.order.cancelled.v1'>,
  cause: Cause,
  /** When orders cancelled it (the event's time). */
  at: string,
): Promise<number> => {
  await onFacts(ctx, data.orderId, { kind: 'cancelled', at });
  return (await cancelEach(ctx, data.orderId, `order cancelled: ${data.reason}`, cause)).length;
};

/** order.completed -> the trace shows the order as completed. */
export const completeOrder = (ctx: Context, data: EventData<'ftt.orders.order.completed.v1'>) =>
  onFacts(ctx, data.orderId, { kind: 'complete', at: data.completedAt });
