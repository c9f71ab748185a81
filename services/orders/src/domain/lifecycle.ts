import { change, ignore, reject } from '@ftt/kit/domain';
import { event, moveTo, note, notWhile, type FarmPart, type Order, type OrderOutcome } from './order';
import { addSeconds, type OrderSettings } from './place';

/** catalog could not reserve a line: the order ends before any money moved. */
export const rejectOrder = (order: Order, reason: string, listingId: string | undefined, now: Date): OrderOutcome => {
  if (order.state !== 'pending') return ignore(notWhile(order, 'rejecting the order'));
  return change({ ...moveTo(order, 'rejected', `stock rejected: ${reason}`, now), expiresAt: undefined }, [
    event('ftt.orders.order.rejected.v1', { orderId: order.orderId, reason, ...(listingId ? { listingId } : {}) }),
  ]);
};

export type ExpiryCause = 'payment_timeout' | 'reservation_expired';

/**
 * Unpaid in time: the order ends and catalog releases its stock. The sweeper only expires orders
 * whose deadline has passed; catalog's own reservation expiry is taken as it comes.
 */
export const expireOrder = (order: Order, cause: ExpiryCause, now: Date): OrderOutcome => {
  if (order.state !== 'pending' && order.state !== 'awaiting_payment') return ignore(notWhile(order, 'expiring the order'));
  if (cause === 'payment_timeout' && (!order.expiresAt || order.expiresAt > now.toISOString())) {
    return ignore(`order ${order.orderId} is not due to expire yet`);
  }
  const why = cause === 'payment_timeout' ? 'not paid in time' : 'stock reservation expired';
  return change({ ...moveTo(order, 'expired', why, now), expiresAt: undefined }, [
    event('ftt.orders.order.expired.v1', { orderId: order.orderId, expiredAt: now.toISOString() }),
  ]);
};

export type CancelledBy = 'buyer' | 'admin' | 'system';

/**
 * Cancelled before any farm's produce was picked up: a request, so what the state does not allow is
 * refused to the asker. A paid order gets a refund (done by the provider afterwards, tracked on the
 * order until it succeeded).
 */
export const cancelOrder = (order: Order, by: CancelledBy, reason: string, s: OrderSettings, now: Date): OrderOutcome => {
  if (!['pending', 'awaiting_payment', 'confirmed'].includes(order.state)) {
    return reject('order.invalid_transition', notWhile(order, 'cancelling'));
  }
  if (order.farms.some((f) => f.pickedUpAt)) {
    return reject('order.invalid_transition', 'the order was already picked up and can no longer be cancelled');
  }
  const paid = order.payment?.status === 'succeeded';
  const next = { ...moveTo(order, 'cancelled', `cancelled by ${by}: ${reason}`, now), expiresAt: undefined };
  return change(
    paid
      ? {
          ...next,
          refund: { status: 'pending', amount: order.payment!.amount, reason: 'order cancelled', attempts: 0 },
          followUpAt: addSeconds(now, s.followUpDelaySeconds),
        }
      : next,
    [event('ftt.orders.order.cancelled.v1', { orderId: order.orderId, reason, cancelledBy: by, paid })],
  );
};

/** The farm's part of a confirmed order, or why a shipment report about it does not apply. */
const shippingPart = (order: Order, farmId: string, what: string): FarmPart | string => {
  if (order.state !== 'confirmed') return notWhile(order, what);
  return order.farms.find((f) => f.farmId === farmId) ?? `farm ${farmId} has no part in order ${order.orderId}`;
};

/** A farm's produce left the farm; from now on the order cannot be cancelled. */
export const markPickedUp = (order: Order, farmId: string, now: Date): OrderOutcome => {
  const farm = shippingPart(order, farmId, 'a pickup');
  if (typeof farm === 'string') return ignore(farm);
  if (farm.pickedUpAt) return ignore(`farm ${farmId}'s pickup is already known`);
  const at = now.toISOString();
  const farms = order.farms.map((f) => (f.farmId === farmId ? { ...f, pickedUpAt: at } : f));
  return change({ ...note(order, `picked up at farm ${farmId}`, now), farms });
};

/**
 * One farm's shipment arrived. When the last one does, the order is completed and every farmer
 * is owed their share (paid by the provider afterwards, one transfer per farm).
 */
export const recordDelivery = (order: Order, farmId: string, s: OrderSettings, now: Date): OrderOutcome => {
  const farm = shippingPart(order, farmId, 'a delivery');
  if (typeof farm === 'string') return ignore(farm);
  if (farm.deliveredAt) return ignore(`farm ${farmId}'s delivery is already known`);
  const at = now.toISOString();
  const farms = order.farms.map((f) => (f.farmId === farmId ? { ...f, deliveredAt: at, pickedUpAt: f.pickedUpAt ?? at } : f));
  const delivered = { ...note(order, `delivered from farm ${farmId}`, now), farms };
  if (farms.some((f) => !f.deliveredAt)) return change(delivered);
  return change(
    {
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
    [event('ftt.orders.order.completed.v1', { orderId: order.orderId, completedAt: at })],
  );
};

/** A shipment went back to its farm: the buyer gets their money back and the order ends refunded. */
export const returnOrder = (order: Order, farmId: string, reason: string, s: OrderSettings, now: Date): OrderOutcome => {
  const farm = shippingPart(order, farmId, 'a return');
  if (typeof farm === 'string') return ignore(farm);
  if (order.payment?.status !== 'succeeded') return ignore(notWhile(order, 'refunding an unpaid order'));
  return change({
    ...moveTo(order, 'refunded', `shipment from farm ${farmId} returned: ${reason}`, now),
    refund: { status: 'pending', amount: order.payment.amount, reason: 'shipment returned', attempts: 0 },
    followUpAt: addSeconds(now, s.followUpDelaySeconds),
  });
};
