import { change, ignore, reject } from '@ftt/kit/domain';
import { allotEnd, ledger } from './ledger';
import { money } from './money';
import { event, moveTo, note, notWhile, type CancelRequest, type FarmPart, type Order, type OrderOutcome } from './order';
import { addSeconds, type FollowUp } from './place';

/** catalog could not reserve a line: the order ends before any money moved. */
export const rejectOrder = (
  order: Order,
  { reason, listingId }: { reason: string; listingId?: string | undefined },
  now: Date,
): OrderOutcome => {
  if (order.state !== 'pending') return ignore(notWhile(order, 'rejecting the order'));
  return change({ ...moveTo(order, 'rejected', { kind: 'stock_rejected', reason }, now), expiresAt: undefined }, [
    event('ftt.orders.order.rejected.v1', { orderId: order.orderId, reason, ...(listingId ? { listingId } : {}) }),
  ]);
};

export type ExpiryCause = 'payment_timeout' | 'reservation_expired';

/**
 * Unpaid in time: the order ends and catalog releases its stock. The sweeper only expires orders
 * whose deadline has passed; catalog's own reservation expiry is taken as it comes.
 */
export const expireOrder = (order: Order, { cause }: { cause: ExpiryCause }, now: Date): OrderOutcome => {
  if (order.state !== 'pending' && order.state !== 'awaiting_payment') return ignore(notWhile(order, 'expiring the order'));
  if (cause === 'payment_timeout' && (!order.expiresAt || order.expiresAt > now.toISOString())) {
    return ignore(`order ${order.orderId} is not due to expire yet`);
  }
  return change({ ...moveTo(order, 'expired', { kind: 'expired', why: cause }, now), expiresAt: undefined }, [
    event('ftt.orders.order.expired.v1', { orderId: order.orderId, expiredAt: now.toISOString() }),
  ]);
};

export type CancelledBy = CancelRequest['by'];

/** The order ends cancelled: catalog releases its stock, logistics cancels its shipments, a paid order is refunded. */
const cancelNow = (
  order: Order,
  by: CancelledBy,
  reason: string,
  s: FollowUp,
  now: Date,
  answered?: { at: string; request: CancelRequest },
): OrderOutcome => {
  const paid = order.payment?.status === 'succeeded';
  const next = {
    ...moveTo(order, 'cancelled', { kind: 'cancelled', by, reason }, now, answered?.at),
    expiresAt: undefined,
    ...(answered ? { cancelRequest: { ...answered.request, status: 'accepted' as const, answeredAt: answered.at } } : {}),
  };
  // The buyer is owed everything back, less what operators refunded already (issue #27: never twice).
  const owed = allotEnd(order, ledger(order).paid, []).refund;
  return change(
    owed > 0
      ? {
          ...next,
          refund: { status: 'pending', amount: money(owed, order.currency), reason: 'order cancelled', attempts: 0 },
          followUpAt: addSeconds(now, s.followUpDelaySeconds),
        }
      : next,
    [event('ftt.orders.order.cancelled.v1', { orderId: order.orderId, reason, cancelledBy: by, paid })],
  );
};

/**
 * A request to cancel, refused to the asker when the state does not allow it. Before confirmation no
 * shipment exists: the order is cancelled at once. After confirmation only logistics knows whether a box
 * has left a farm, so the order records the request and asks (order.cancel_requested); it is cancelled
 * when logistics accepts, and stays confirmed, with the refusal shown, when logistics refuses. Asking
 * again while a request is open changes nothing.
 */
export const cancelOrder = (
  order: Order,
  { by, reason, settings }: { by: CancelledBy; reason: string; settings: FollowUp },
  now: Date,
): OrderOutcome => {
  if (order.state === 'pending' || order.state === 'awaiting_payment') return cancelNow(order, by, reason, settings, now);
  if (order.state !== 'confirmed') return reject('order.invalid_transition', notWhile(order, 'cancelling'));
  if (order.farms.some((f) => f.pickedUpAt)) {
    return reject('order.invalid_transition', 'the order was already picked up and can no longer be cancelled');
  }
  if (order.cancelRequest?.status === 'requested') return ignore('a cancel was requested already; logistics has not answered yet');
  const requestedAt = now.toISOString();
  return change(
    { ...note(order, { kind: 'cancel_requested', by, reason }, now), cancelRequest: { status: 'requested', by, reason, requestedAt } },
    [event('ftt.orders.order.cancel_requested.v1', { orderId: order.orderId, reason, requestedBy: by, requestedAt })],
  );
};

/** Logistics cancelled every shipment before any pickup: now the order is cancelled and compensated. */
export const cancelAccepted = (order: Order, { at, settings }: { at: string; settings: FollowUp }, now: Date): OrderOutcome => {
  const request = order.cancelRequest;
  if (order.state !== 'confirmed' || request?.status !== 'requested') return ignore(notWhile(order, 'accepting a cancel'));
  return cancelNow(order, request.by, request.reason, settings, now, { at, request });
};

/** Logistics refused (a box had left its farm): the order goes on, and the buyer is told why. */
export const cancelRefused = (order: Order, { reason, at }: { reason: string; at: string }, now: Date): OrderOutcome => {
  const request = order.cancelRequest;
  if (request?.status !== 'requested') return ignore('no cancel request is waiting for an answer');
  return change({
    ...note(order, { kind: 'cancel_refused', reason }, now, at),
    cancelRequest: { ...request, status: 'refused', answeredAt: at, refusal: reason },
  });
};

/** The farm's part of a confirmed order, or why a shipment report about it does not apply. */
const shippingPart = (order: Order, farmId: string, what: string): FarmPart | string => {
  if (order.state !== 'confirmed') return notWhile(order, what);
  return order.farms.find((f) => f.farmId === farmId) ?? `farm ${farmId} has no part in order ${order.orderId}`;
};

const withFarm = (order: Order, farmId: string, patch: Partial<FarmPart>): FarmPart[] =>
  order.farms.map((f) => (f.farmId === farmId ? { ...f, ...patch } : f));

/** A farm's produce left the farm (at the shipment's time); from now on the order cannot be cancelled. */
export const markPickedUp = (order: Order, { farmId, at }: { farmId: string; at: string }, now: Date): OrderOutcome => {
  const farm = shippingPart(order, farmId, 'a pickup');
  if (typeof farm === 'string') return ignore(farm);
  if (farm.pickedUpAt) return ignore(`farm ${farmId}'s pickup is already known`);
  return change({ ...note(order, { kind: 'picked_up', farmId }, now, at), farms: withFarm(order, farmId, { pickedUpAt: at }) });
};

/**
 * When every farm's shipment has ended (delivered or returned) the order ends. Farmers whose produce
 * arrived are owed their share; what went back (goods and its delivery fee) is refunded to the buyer, less what
 * operators refunded already; an operator's refund beyond that comes out of the delivered parts (allotEnd).
 * All delivered: completed. All returned: refunded in full. Some of each: completed, with a partial refund.
 */
const endWhenAllShipped = (order: Order, s: FollowUp, now: Date, at: string): OrderOutcome => {
  if (order.farms.some((f) => !f.deliveredAt && !f.returned)) return change(order);
  const delivered = order.farms.filter((f) => f.deliveredAt);
  const returned = order.farms.filter((f) => f.returned);
  const owedBack = delivered.length ? returned.reduce((n, f) => n + f.goods.amount + f.deliveryFee.amount, 0) : ledger(order).paid;
  const allotted = allotEnd(order, owedBack, delivered);
  const refund =
    allotted.refund > 0
      ? {
          status: 'pending' as const,
          amount: money(allotted.refund, order.currency),
          reason: delivered.length ? `returned from ${returned.map((f) => f.farmName).join(', ')}` : 'shipment returned',
          attempts: 0,
        }
      : undefined;
  const farms = order.farms.map((f) => {
    const a = allotted.farms.find((x) => x.farmId === f.farmId);
    if (!a) return f;
    // Nothing left for the farmer (an operator refunded it): no transfer of zero, the payout is settled as is.
    const status = a.amount > 0 ? ('pending' as const) : ('paid' as const);
    const payout = {
      status,
      gross: money(a.amount + a.platformFee, order.currency),
      platformFee: money(a.platformFee, order.currency),
      amount: money(a.amount, order.currency),
      delivery: money(a.delivery, order.currency),
      destination: f.payoutAccountId,
      attempts: 0,
      ...(status === 'paid' ? { paidAt: now.toISOString() } : {}),
    };
    return { ...f, payout };
  });
  const owes = Boolean(refund) || farms.some((f) => f.payout?.status === 'pending');
  const followUpAt = owes ? addSeconds(now, s.followUpDelaySeconds) : null;
  if (!delivered.length) {
    return change({ ...moveTo(order, 'refunded', { kind: 'all_returned' }, now, at), refund, followUpAt });
  }
  return change({ ...moveTo(order, 'completed', { kind: 'completed', withReturns: returned.length > 0 }, now, at), farms, ...(refund ? { refund } : {}), followUpAt }, [
    event('ftt.orders.order.completed.v1', { orderId: order.orderId, completedAt: at }),
  ]);
};

/**
 * One farm's shipment arrived (at the shipment's time). When the last one ends, the order ends and every
 * farmer whose produce arrived is owed their share (paid by the provider afterwards, one transfer per farm).
 */
export const recordDelivery = (
  order: Order,
  { farmId, at, settings }: { farmId: string; at: string; settings: FollowUp },
  now: Date,
): OrderOutcome => {
  const farm = shippingPart(order, farmId, 'a delivery');
  if (typeof farm === 'string') return ignore(farm);
  if (farm.deliveredAt || farm.returned) return ignore(`farm ${farmId}'s shipment has ended already`);
  const farms = withFarm(order, farmId, { deliveredAt: at, pickedUpAt: farm.pickedUpAt ?? at });
  return endWhenAllShipped({ ...note(order, { kind: 'delivered', farmId }, now, at), farms }, settings, now, at);
};

/** A shipment went back to its farm: the buyer gets that part back (goods and its delivery fee) when the order ends. */
export const returnOrder = (
  order: Order,
  { farmId, reason, at, settings }: { farmId: string; reason: string; at: string; settings: FollowUp },
  now: Date,
): OrderOutcome => {
  const farm = shippingPart(order, farmId, 'a return');
  if (typeof farm === 'string') return ignore(farm);
  if (order.payment?.status !== 'succeeded') return ignore(notWhile(order, 'refunding an unpaid order'));
  if (farm.deliveredAt || farm.returned) return ignore(`farm ${farmId}'s shipment has ended already`);
  const farms = withFarm(order, farmId, { returned: { at, reason }, pickedUpAt: farm.pickedUpAt ?? at });
  return endWhenAllShipped({ ...note(order, { kind: 'returned', farmId, reason }, now, at), farms }, settings, now, at);
};
