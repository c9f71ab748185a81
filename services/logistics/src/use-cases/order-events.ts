import { createEvent, type EventData } from '@ftt/contracts';
import type { Logger } from '@ftt/kit';
import { DomainError } from '../domain/errors';
import { groupPlansByFarm, planShipment } from '../domain/plan-shipments';
import { eventContext, type Cause } from './event-context';
import { newTrackingCode, shipmentIdFor } from './identity';
import type { Clock, OrderFactsRepo, ShipmentRepo } from './ports';
import type { ShipmentSteps } from './shipment-steps';

interface Deps {
  shipments: ShipmentRepo;
  orders: OrderFactsRepo;
  steps: ShipmentSteps;
  clock: Clock;
  log: Logger;
}

/** What logistics does when the order saga moves: create shipments, cancel them, note completion. */
export const makeOrderEvents = (d: Deps) => ({
  /**
   * One shipment per farm. Each insert is its own atomic write keyed by a derived id, so a crash half
   * way and the redelivery that follows create exactly the missing ones and nothing twice.
   */
  async confirmed(
    order: EventData<'ftt.orders.order.confirmed.v1'>,
    eventId: string,
    cause: Cause,
  ): Promise<number> {
    const facts = await d.orders.confirmed(order.orderId, order.buyerId, order.confirmedAt);
    if (facts.status === 'cancelled') {
      d.log.debug({ orderId: order.orderId, eventId }, 'confirmation of a cancelled order ignored');
      return 0;
    }
    let created = 0;
    for (const plan of groupPlansByFarm(order.shipments)) {
      const shipmentId = shipmentIdFor(order.orderId, plan.farmId);
      if (await d.shipments.get(shipmentId)) continue;
      const now = d.clock.now();
      const decision = planShipment(
        order,
        plan,
        { shipmentId, trackingCode: newTrackingCode() },
        now.toISOString(),
      );
      const ctx = eventContext(cause, now);
      const events = decision.events.map((e) => createEvent(e.type, e.data, ctx));
      const shipment = cause.traceparent
        ? { ...decision.shipment, traceparent: cause.traceparent }
        : decision.shipment;
      const r = await d.shipments.insert(shipment, events, eventId);
      if (r === 'written') {
        created++;
        d.log.info({ orderId: order.orderId, shipmentId, eventId }, 'shipment created');
      }
    }
    return created;
  },

  /** Cancel every shipment not yet picked up; those already on the road keep going (late cancel is ignored). */
  async cancelled(
    data: EventData<'ftt.orders.order.cancelled.v1'>,
    eventId: string,
    cause: Cause,
  ): Promise<number> {
    await d.orders.cancelled(data.orderId, d.clock.now().toISOString());
    let cancelled = 0;
    for (const s of await d.shipments.byOrder(data.orderId)) {
      try {
        const after = await d.steps.act(
          s.shipmentId,
          { kind: 'cancel', reason: `order cancelled: ${data.reason}` },
          cause,
          eventId,
        );
        if (after.status === 'cancelled' && s.status !== 'cancelled') cancelled++;
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'shipment.invalid_transition')) throw err;
        d.log.debug(
          { orderId: data.orderId, shipmentId: s.shipmentId, status: s.status },
          'shipment past pickup; cancel ignored',
        );
      }
    }
    return cancelled;
  },

  async completed(data: EventData<'ftt.orders.order.completed.v1'>): Promise<void> {
    await d.orders.completed(data.orderId, data.completedAt);
  },
});
export type OrderEvents = ReturnType<typeof makeOrderEvents>;
