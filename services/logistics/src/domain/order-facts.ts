import type { EventData } from '@ftt/contracts';
import { change, ignore, reject, type Outcome } from '@ftt/kit/domain';
import { z } from 'zod';

export type OrderStatus = 'confirmed' | 'cancelled' | 'completed';

/**
 * What logistics knows and decides about one order, across its shipments (one per farm). It is the point of no
 * return: a pickup is allowed only while the order is not cancelled, and a cancel only while nothing was picked
 * up. Both go through this one document's versioned write, so whichever comes first wins and the other is refused.
 */
export interface OrderFacts {
  orderId: string;
  buyerId?: string | undefined;
  status: OrderStatus;
  confirmedAt?: string | undefined;
  cancelledAt?: string | undefined;
  completedAt?: string | undefined;
  /** A pickup of one of its shipments went past the gate: the order can no longer be cancelled. */
  pickedUp?: boolean | undefined;
  firstPickupAt?: string | undefined;
  /** order_cancel.accepted was written: it is written after the shipments were cancelled, so it is their last word. */
  cancelAnnounced?: boolean | undefined;
}

/** What an order_facts document holds (the aggregate's state schema). */
export const OrderFactsState: z.ZodType<OrderFacts> = z.strictObject({
  orderId: z.string().min(1),
  buyerId: z.string().min(1).optional(),
  status: z.enum(['confirmed', 'cancelled', 'completed']),
  confirmedAt: z.iso.datetime().optional(),
  cancelledAt: z.iso.datetime().optional(),
  completedAt: z.iso.datetime().optional(),
  pickedUp: z.boolean().optional(),
  firstPickupAt: z.iso.datetime().optional(),
  cancelAnnounced: z.boolean().optional(),
});

export type OrderFactsEventType = 'ftt.logistics.order_cancel.accepted.v1' | 'ftt.logistics.order_cancel.refused.v1';
export type OrderFactsEvent = { [T in OrderFactsEventType]: { type: T; data: EventData<T> } }[OrderFactsEventType];
export type OrderFactsOutcome = Outcome<OrderFacts, OrderFactsEvent>;

export type OrderFactsCommand =
  | { kind: 'confirm'; buyerId: string; at: string }
  /** order.cancelled: before confirmation (nothing to ship) or after logistics accepted the cancel. */
  | { kind: 'cancelled'; at: string }
  | { kind: 'complete'; at: string }
  | { kind: 'start_pickup'; at: string }
  /**
   * order.cancel_requested. `pickedUp` names the farms whose box was picked up, for the refusal's wording; the
   * decision itself rests on the gate's flag.
   */
  | { kind: 'request_cancel'; pickedUp: string[] }
  /** After an accepted request's shipments were cancelled: tell orders (once), naming them. */
  | { kind: 'announce_cancel'; cancelledShipmentIds: string[] };

const refused = (f: OrderFacts, now: string, reason: string): OrderFactsOutcome =>
  change({ ...f }, [{ type: 'ftt.logistics.order_cancel.refused.v1', data: { orderId: f.orderId, at: now, reason } }]);

/** Decide a command on the order's facts (null: logistics has not heard of the order yet). Pure. */
export const decideOrderFacts = (
  current: OrderFacts | null,
  cmd: OrderFactsCommand & { orderId: string },
  now: Date,
): OrderFactsOutcome => {
  const { orderId } = cmd;
  const iso = now.toISOString();
  const f: OrderFacts = current ?? { orderId, status: 'confirmed' };
  switch (cmd.kind) {
    case 'confirm':
      // A confirmation after the order's cancellation (or a repeated one) changes nothing.
      if (current) return ignore(`order ${orderId} is known already (${current.status})`);
      return change({ ...f, buyerId: cmd.buyerId, confirmedAt: cmd.at });
    case 'cancelled':
      if (current?.status === 'cancelled') return ignore('the cancellation is known already');
      if (current?.status === 'completed') return ignore('a completed order is not cancelled');
      return change({ ...f, status: 'cancelled', cancelledAt: cmd.at });
    case 'complete':
      if (current?.status === 'completed') return ignore('the completion is known already');
      return change({ ...f, status: 'completed', completedAt: cmd.at });
    case 'start_pickup':
      if (!current) return reject('shipment.not_found', `logistics has no order ${orderId}`);
      if (current.status === 'cancelled') {
        return reject('shipment.invalid_transition', 'the order was cancelled: its produce must stay at the farm');
      }
      if (current.pickedUp) return ignore('a pickup of this order went through already');
      return change({ ...current, pickedUp: true, firstPickupAt: cmd.at });
    case 'request_cancel': {
      if (f.status === 'completed') return refused(f, iso, 'the order was delivered already');
      if (f.pickedUp) {
        const which = cmd.pickedUp.length ? cmd.pickedUp.join(', ') : 'a farm';
        return refused(f, iso, `the produce from ${which} was already picked up and is on its way`);
      }
      // Accepted: from now on no pickup passes the gate. The answer is announced once the shipments are cancelled,
      // so that orders hears it after every shipment event of the order.
      if (f.status === 'cancelled') return ignore('the order is cancelled already');
      return change({ ...f, status: 'cancelled', cancelledAt: iso });
    }
    case 'announce_cancel':
      if (current?.status !== 'cancelled') return ignore('the order is not cancelled');
      if (current.cancelAnnounced) return ignore('the acceptance was announced already');
      return change({ ...current, cancelAnnounced: true }, [
        {
          type: 'ftt.logistics.order_cancel.accepted.v1',
          data: { orderId, at: current.cancelledAt ?? iso, cancelledShipmentIds: cmd.cancelledShipmentIds },
        },
      ]);
    default: {
      const never: never = cmd;
      throw new Error(`unhandled command ${String(never)}`);
    }
  }
};
