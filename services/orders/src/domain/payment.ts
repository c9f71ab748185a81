import type { ShipmentPlan } from '@ftt/contracts';
import type { z } from 'zod';
import { change, ignore } from '@ftt/kit/domain';
import { allotEnd } from './ledger';
import { money } from './money';
import { event, moveTo, note, notWhile, type Order, type OrderOutcome, type Payment } from './order';
import { addSeconds, type FollowUp, type OrderSettings } from './place';

export interface StartedPayment {
  provider: string;
  paymentId: string;
  clientSecret: string;
}

/** Stock is reserved and the provider holds a payment for the order: the buyer may now pay until expiry. */
export const startPayment = (
  order: Order,
  { settings: s, ...p }: StartedPayment & { settings: Pick<OrderSettings, 'paymentTimeoutSeconds'> },
  now: Date,
): OrderOutcome => {
  if (order.state !== 'pending') return ignore(notWhile(order, 'starting a payment'));
  const next = moveTo(
    order,
    'awaiting_payment',
    { kind: 'awaiting_payment', paymentId: p.paymentId, provider: p.provider },
    now,
  );
  return change({
    ...next,
    expiresAt: addSeconds(now, s.paymentTimeoutSeconds),
    payment: { ...p, amount: order.totals.total, status: 'requires_payment', failures: 0 },
  });
};

/** The order's payment a provider result is about, or why the result does not apply to this order. */
const samePayment = (order: Order, paymentId: string): Payment | string => {
  if (!order.payment) return notWhile(order, 'a payment result');
  if (order.payment.paymentId !== paymentId)
    return `payment ${paymentId} does not belong to order ${order.orderId}`;
  return order.payment;
};

export const shipmentPlans = (order: Order): z.infer<typeof ShipmentPlan>[] =>
  order.farms.map((f) => ({
    farmId: f.farmId,
    farmName: f.farmName,
    region: f.region,
    pickupAddress: f.pickupAddress,
    coldChain: f.coldChain,
    lines: order.lines
      .filter((l) => l.farmId === f.farmId)
      .map((l) => ({
        listingId: l.listingId,
        title: l.title,
        quantity: l.quantity,
        unit: l.unit,
        lotCode: l.lotCode,
      })),
  }));

/**
 * The provider took the money. Normally the order is confirmed and logistics gets everything it
 * needs to ship. If the money arrives after the order ended (expired or cancelled while the buyer
 * was paying), nothing is shipped and the payment is refunded, so no money is kept for nothing.
 */
export const paymentSucceeded = (order: Order, { paymentId, settings: s }: { paymentId: string; settings: FollowUp }, now: Date): OrderOutcome => {
  const payment = samePayment(order, paymentId);
  if (typeof payment === 'string') return ignore(payment);
  if (payment.status === 'succeeded') return ignore(notWhile(order, 'a second successful payment'));
  const at = now.toISOString();
  const paid = { ...payment, status: 'succeeded' as const, succeededAt: at };
  const succeeded = event('ftt.orders.payment.succeeded.v1', {
    orderId: order.orderId,
    paymentId,
    provider: payment.provider,
    amount: payment.amount,
  });
  if (order.state === 'expired' || order.state === 'cancelled') {
    const late = { ...note(order, { kind: 'paid_late', paymentId, after: order.state }, now), payment: paid };
    // All of it is owed back; computed from the ledger like every other refund, so a refund already made counts.
    const owed = allotEnd(late, payment.amount.amount, []).refund;
    if (owed === 0) return change(late, [succeeded]);
    return change(
      {
        ...late,
        refund: {
          status: 'pending',
          amount: money(owed, order.currency),
          reason: `paid after the order was ${order.state}`,
          attempts: 0,
        },
        followUpAt: addSeconds(now, s.followUpDelaySeconds),
      },
      [succeeded],
    );
  }
  if (order.state !== 'awaiting_payment') return ignore(notWhile(order, 'confirming a payment'));
  const confirmed = {
    ...moveTo(order, 'confirmed', { kind: 'paid', paymentId }, now),
    payment: paid,
    expiresAt: undefined,
  };
  const plan = event('ftt.orders.order.confirmed.v1', {
    orderId: order.orderId,
    buyerId: order.buyerId,
    confirmedAt: at,
    dropoff: order.dropoff,
    shipments: shipmentPlans(order),
    ...(order.delivery ? { deliveryDate: order.delivery.day, drop: order.delivery.drop } : {}),
    ...(order.market ? { market: order.market } : {}),
  });
  return change(confirmed, [succeeded, plan]);
};

/** A failed attempt keeps the order waiting: the buyer may try again until it expires. */
export const paymentFailed = (order: Order, { paymentId, reason }: { paymentId: string; reason: string }, now: Date): OrderOutcome => {
  const payment = samePayment(order, paymentId);
  if (typeof payment === 'string') return ignore(payment);
  if (order.state !== 'awaiting_payment') return ignore(notWhile(order, 'a failed payment attempt'));
  return change(
    {
      ...note(order, { kind: 'payment_failed', reason }, now),
      payment: { ...payment, failures: payment.failures + 1, lastFailure: reason },
    },
    [
      event('ftt.orders.payment.failed.v1', {
        orderId: order.orderId,
        paymentId,
        provider: payment.provider,
        reason,
      }),
    ],
  );
};
