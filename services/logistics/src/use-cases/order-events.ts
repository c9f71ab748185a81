import type { EventData } from '@ftt/contracts';
import type { Cause } from '@ftt/kit';
import { groupPlansByFarm } from '../domain/plan-shipments';
import { decideOrderFacts, type OrderFactsCommand } from '../domain/order-facts';
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
  const { state: facts } = await onFacts(ctx, order.orderId, { kind: 'confirm', buyerId: order.buyerId, at: order.confirmedAt }, cause);
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

/** A change of the order's facts through their command handler. */
export const onFacts = (ctx: Context, orderId: string, cmd: OrderFactsCommand, cause: Cause = {}) =>
  ctx.handleOrderFacts(orderId, (current, now) => decideOrderFacts(current, orderId, cmd, now.toISOString()), cause);

/** Cancel every shipment of the order not yet picked up; those already on the road keep going. */
const cancelEach = async (ctx: Context, orderId: string, reason: string, cause: Cause): Promise<number> => {
  let cancelled = 0;
  for (const s of await ctx.shipments.byOrder(orderId)) {
    const r = await stepShipment(ctx, s.shipmentId, { kind: 'cancel', reason }, cause);
    if (r.result === 'written') cancelled++;
    if (r.result === 'ignored') ctx.log.debug({ orderId, shipmentId: s.shipmentId, why: r.reason }, 'cancel ignored');
  }
  return cancelled;
};

/**
 * order.cancel_requested -> logistics decides, on the order's facts, against any pickup: nothing picked up, the
 * order is cancelled here (no pickup can pass the gate any more), its shipments are cancelled and orders is told
 * order_cancel.accepted; otherwise order_cancel.refused. A redelivery after a crash between the decision and the
 * shipments' cancellation finds the decision recorded and cancels what is left.
 */
export const answerCancelRequest = async (
  ctx: Context,
  data: EventData<'ftt.orders.order.cancel_requested.v1'>,
  cause: Cause,
): Promise<'accepted' | 'refused'> => {
  const shipments = await ctx.shipments.byOrder(data.orderId);
  const cancellable = shipments.filter((s) => s.status === 'open' || s.status === 'assigned').map((s) => s.shipmentId);
  const pickedUp = shipments.filter((s) => s.pickedUpAt).map((s) => s.farmName);
  const r = await onFacts(ctx, data.orderId, { kind: 'request_cancel', cancellable, pickedUp }, cause);
  const accepted = r.state?.status === 'cancelled';
  if (accepted) await cancelEach(ctx, data.orderId, `order cancelled: ${data.reason}`, cause);
  ctx.log.info({ orderId: data.orderId, eventId: cause.causationid, accepted }, 'cancel request answered');
  return accepted ? 'accepted' : 'refused';
};

/** order.cancelled -> cancel every shipment not yet picked up (after an accepted request there is none left). */
export const cancelShipments = async (
  ctx: Context,
  data: EventData<'ftt.orders.order.cancelled.v1'>,
  cause: Cause,
): Promise<number> => {
  await onFacts(ctx, data.orderId, { kind: 'cancelled', at: ctx.clock().toISOString() });
  return cancelEach(ctx, data.orderId, `order cancelled: ${data.reason}`, cause);
};

/** order.completed -> the trace shows the order as completed. */
export const completeOrder = (ctx: Context, data: EventData<'ftt.orders.order.completed.v1'>) =>
  onFacts(ctx, data.orderId, { kind: 'complete', at: data.completedAt });
