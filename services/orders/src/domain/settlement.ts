import { change, ignore } from '@ftt/kit/domain';
import { event, note, notWhile, type FarmPart, type Order, type OrderOutcome } from './order';
import { addSeconds, type FollowUp } from './place';

/** Provider work an order still owes: a refund to the buyer and/or transfers to farmers. */
export const pendingWork = (order: Order): { refund: boolean; payoutFarmIds: string[] } => ({
  refund: order.refund?.status === 'pending',
  payoutFarmIds: order.farms.filter((f) => f.payout?.status === 'pending').map((f) => f.farmId),
});

const hasPendingWork = (order: Order) => {
  const w = pendingWork(order);
  return w.refund || w.payoutFarmIds.length > 0;
};

/** The sweeper looks at the order again later only while something is still owed. */
const reschedule = (order: Order, s: FollowUp, now: Date, attempts = 0): Order => ({
  ...order,
  followUpAt: hasPendingWork(order)
    ? addSeconds(now, Math.min(s.followUpDelaySeconds * 2 ** attempts, 3600))
    : null,
});

/*
 * Recording a provider result is a step another instance (or an earlier attempt) may have taken already:
 * when the work is no longer owed, the result is ignored.
 */

export const recordRefund = (order: Order, { refundId, settings: s }: { refundId: string; settings: FollowUp }, now: Date): OrderOutcome => {
  if (order.refund?.status !== 'pending' || !order.payment) return ignore(notWhile(order, 'recording a refund'));
  const refund = { ...order.refund, status: 'refunded' as const, refundId, refundedAt: now.toISOString(), lastError: undefined };
  return change(reschedule({ ...note(order, { kind: 'refunded', refundId, amount: order.refund.amount }, now), refund }, s, now), [
    event('ftt.orders.payment.refunded.v1', {
      orderId: order.orderId,
      paymentId: order.payment.paymentId,
      refundId,
      amount: refund.amount,
    }),
  ]);
};

/** The provider refused or was unreachable: keep the refund owed and try again later, backing off. */
export const refundFailed = (order: Order, { error, settings: s }: { error: string; settings: FollowUp }, now: Date): OrderOutcome => {
  if (order.refund?.status !== 'pending') return ignore(notWhile(order, 'recording a failed refund'));
  const attempts = order.refund.attempts + 1;
  const next = { ...order, refund: { ...order.refund, attempts, lastError: error }, updatedAt: now.toISOString() };
  return change(reschedule(next, s, now, attempts));
};

/** The farm whose payout is still owed, or why a payout result does not apply. */
const owedPayout = (order: Order, farmId: string): (FarmPart & { payout: NonNullable<FarmPart['payout']> }) | string => {
  const farm = order.farms.find((f) => f.farmId === farmId);
  if (farm?.payout?.status !== 'pending') return notWhile(order, `recording a payout to farm ${farmId}`);
  return farm as FarmPart & { payout: NonNullable<FarmPart['payout']> };
};

/** A farmer's share left the platform: recorded once, with its transfer id, and announced once. */
export const recordPayout = (
  order: Order,
  { farmId, settings: s, ...t }: { farmId: string; transferId: string; destination: string; settings: FollowUp },
  now: Date,
): OrderOutcome => {
  const farm = owedPayout(order, farmId);
  if (typeof farm === 'string') return ignore(farm);
  const payout = { ...farm.payout, status: 'paid' as const, ...t, paidAt: now.toISOString(), lastError: undefined };
  const farms = order.farms.map((f) => (f.farmId === farmId ? { ...f, payout } : f));
  return change(reschedule({ ...note(order, { kind: 'farmer_paid', farmId, transferId: t.transferId }, now), farms }, s, now), [
    event('ftt.orders.payout.made.v1', {
      orderId: order.orderId,
      farmId,
      transferId: t.transferId,
      destination: t.destination,
      gross: payout.gross,
      platformFee: payout.platformFee,
      amount: payout.amount,
    }),
  ]);
};

export const payoutFailed = (
  order: Order,
  { farmId, error, settings: s }: { farmId: string; error: string; settings: FollowUp },
  now: Date,
): OrderOutcome => {
  const farm = owedPayout(order, farmId);
  if (typeof farm === 'string') return ignore(farm);
  const attempts = farm.payout.attempts + 1;
  const payout = { ...farm.payout, attempts, lastError: error };
  const farms = order.farms.map((f) => (f.farmId === farmId ? { ...f, payout } : f));
  return change(reschedule({ ...order, farms, updatedAt: now.toISOString() }, s, now, attempts));
};
