import { DomainError } from './errors';
import { event, moveTo, note, refuse, type Decision, type Order } from './order';
import { addSeconds, type OrderSettings } from './place';

/** catalog could not reserve a line: the order ends before any money moved. */
export const rejectOrder = (order: Order, reason: string, listingId: string | undefined, now: Date): Decision => {
  if (order.state !== 'pending') refuse(order, 'rejecting the order');
  return {
    order: { ...moveTo(order, 'rejected', `stock rejected: ${reason}`, now), expiresAt: undefined },
    events: [event('ftt.orders.order.rejected.v1', { orderId: order.orderId, reason, ...(listingId ? { listingId } : {}) })],
  };
};

export type ExpiryCause = 'payment_timeout' | 'reservation_expired';

/**
 * Unpaid in time: the order ends and catalog releases its stock. The sweeper only expires orders
 * whose deadline has passed; catalog's own reservation expiry is taken as it comes.
 */
export const expireOrder = (order: Order, cause: ExpiryCause, now: Date): Decision => {
  if (order.state !== 'pending' && order.state !== 'awaiting_payment') refuse(order, 'expiring the order');
  if (cause === 'payment_timeout' && (!order.expiresAt || order.expiresAt > now.toISOString())) {
    throw new DomainError('order.invalid_transition', `order ${order.orderId} is not due to expire yet`);
  }
  const why = cause === 'payment_timeout' ? 'not paid in time' : 'stock reservation expired';
  const at = now.toISOString();
  return {
    order: { ...moveTo(order, 'expired', why, now), expiresAt: undefined },
    events: [event('ftt.orders.order.expired.v1', { orderId: order.orderId, expiredAt: at })],
  };
};

export type CancelledBy = 'buyer' | 'admin' | 'system';

/**
 * Cancelled before any farm's produce was picked up. A paid order gets a refund (done by the
 * provider afterwards, tracked on the order until it succeeded).
 */
export const cancelOrder = (order: Order, by: CancelledBy, reason: string, s: OrderSettings, now: Date): Decision => {
  if (!['pending', 'awaiting_payment', 'confirmed'].includes(order.state)) refuse(order, 'cancelling');
  if (order.farms.some((f) => f.pickedUpAt)) {
    throw new DomainError('order.invalid_transition', 'the order was already picked up and can no longer be cancelled');
  }
  const paid = order.payment?.status === 'succeeded';
  const next = { ...moveTo(order, 'cancelled', `cancelled by ${by}: ${reason}`, now), expiresAt: undefined };
  return {
    order: paid
      ? {
          ...next,
          refund: { status: 'pending', amount: order.payment!.amount, reason: 'order cancelled', attempts: 0 },
          followUpAt: addSeconds(now, s.followUpDelaySeconds),
        }
      : next,
    events: [event('ftt.orders.order.cancelled.v1', { orderId: order.orderId, reason, cancelledBy: by, paid })],
  };
};

const farmOf = (order: Order, farmId: string) => {
  const farm = order.farms.find((f) => f.farmId === farmId);
  if (!farm) throw new DomainError('order.unprocessable', `farm ${farmId} has no part in order ${order.orderId}`);
  return farm;
};

/** A farm's produce left the farm; from now on the order cannot be cancelled. Null: already known. */
export const markPickedUp = (order: Order, farmId: string, now: Date): Decision | null => {
  if (order.state !== 'confirmed') refuse(order, 'a pickup');
  if (farmOf(order, farmId).pickedUpAt) return null;
  const at = now.toISOString();
  const farms = order.farms.map((f) => (f.farmId === farmId ? { ...f, pickedUpAt: at } : f));
  return { order: { ...note(order, `picked up at farm ${farmId}`, now), farms }, events: [] };
};

/**
 * One farm's shipment arrived. When the last one does, the order is completed and every farmer
 * is owed their share (paid by the provider afterwards, one transfer per farm). Null: already known.
 */
export const recordDelivery = (order: Order, farmId: string, s: OrderSettings, now: Date): Decision | null => {
  if (order.state !== 'confirmed') refuse(order, 'a delivery');
  if (farmOf(order, farmId).deliveredAt) return null;
  const at = now.toISOString();
  const farms = order.farms.map((f) => (f.farmId === farmId ? { ...f, deliveredAt: at, pickedUpAt: f.pickedUpAt ?? at } : f));
  const delivered = { ...note(order, `delivered from farm ${farmId}`, now), farms };
  if (farms.some((f) => !f.deliveredAt)) return { order: delivered, events: [] };
  return {
    order: {
      ...moveTo(delivered, 'completed', 'every shipment was delivered', now),
      farms: farms.map((f) => ({
        ...f,
        payout: {
          status: 'pending',
          gross: f.goods,
          platformFee: f.platformFee,
          amount: f.farmerReceives,
          destination: f.payoutAccountId,
          attempts: 0,
        },
      })),
      followUpAt: addSeconds(now, s.followUpDelaySeconds),
    },
    events: [event('ftt.orders.order.completed.v1', { orderId: order.orderId, completedAt: at })],
  };
};

/** A shipment went back to its farm: the buyer gets their money back and the order ends refunded. */
export const returnOrder = (order: Order, farmId: string, reason: string, s: OrderSettings, now: Date): Decision => {
  if (order.state !== 'confirmed') refuse(order, 'a return');
  farmOf(order, farmId);
  if (order.payment?.status !== 'succeeded') refuse(order, 'refunding an unpaid order');
  return {
    order: {
      ...moveTo(order, 'refunded', `shipment from farm ${farmId} returned: ${reason}`, now),
      refund: { status: 'pending', amount: order.payment!.amount, reason: 'shipment returned', attempts: 0 },
      followUpAt: addSeconds(now, s.followUpDelaySeconds),
    },
    events: [],
  };
};
