import type { mongo } from 'mongoose';

type Doc = mongo.Document;
type Of = (type: string) => { time: string; data: Record<string, unknown> }[];

const amount = (m: unknown) => Number((m as { amount?: number } | undefined)?.amount ?? 0);
const sum = (xs: number[]) => xs.reduce((a, n) => a + n, 0);
const TERMINAL = ['completed', 'rejected', 'cancelled', 'expired', 'refunded'];

/**
 * The money invariant of one order (issue #27), from what the events say moved and what the order stored, written
 * apart from orders' own ledger so that a bug there cannot hide here: refunded <= paid, and once the order ended
 * paid = refunded + farmers' payouts + platform fees + delivery kept. Refunds an operator asked for after the end come
 * out of the platform's fees and delivery kept, so those may then be less than the payouts recorded at the end, never
 * more and never below zero. Returns the violations (empty = holds).
 */
export const moneyInvariant = (o: Doc, of: Of): string[] => {
  const id = String(o._id);
  const v: string[] = [];
  const paid = sum(of('orders.payment.succeeded').map((e) => amount(e.data.amount)));
  const refundEvents = new Map(of('orders.payment.refunded').map((e) => [String(e.data.refundId), amount(e.data.amount)]));
  const refunded = sum([...refundEvents.values()]);
  if (refunded > paid) v.push(`${id}: refunded ${refunded} > paid ${paid}`);

  // What the order stored must be what moved: each refund it recorded was announced with its amount.
  const operatorRefunds = ((o.operatorRefunds ?? []) as Doc[]).filter((r) => r.status === 'refunded');
  const stored = [...(o.refund?.status === 'refunded' ? [o.refund as Doc] : []), ...operatorRefunds];
  const storedRefunded = sum(stored.map((r) => amount(r.amount)));
  if (storedRefunded !== refunded) v.push(`${id}: stored refunds ${storedRefunded} != payment.refunded ${refunded}`);

  const withPayout = ((o.farms ?? []) as Doc[]).filter((f) => f.payout);
  const payouts = sum(withPayout.map((f) => amount(f.payout.amount)));
  const transferred = sum(of('orders.payout.made').map((e) => amount(e.data.amount)));
  if (transferred !== payouts) v.push(`${id}: payout.made ${transferred} != stored payouts ${payouts}`);
  const fees = sum(withPayout.map((f) => amount(f.payout.platformFee)));
  const delivery = sum(withPayout.map((f) => amount(f.payout.delivery ?? f.deliveryFee)));
  if (!TERMINAL.includes(String(o.state)) || paid === 0) return v;

  const platform = paid - refunded - payouts;
  // When the end was decided: its event's time (a timeline entry carries the shipment's own time, which is earlier).
  const endEvent = [...of('orders.order.completed'), ...of('orders.order.cancelled')][0];
  const endedAt = endEvent?.time ?? (((o.timeline ?? []) as Doc[]).find((t) => TERMINAL.includes(String(t.state)))?.at as string | undefined);
  const refundedAfterEnd = operatorRefunds.some((r) => endedAt && Date.parse(String(r.requestedAt)) >= Date.parse(endedAt));
  const books = `paid ${paid} vs refunded ${refunded} + payouts ${payouts} + fees ${fees} + delivery ${delivery}`;
  if (platform < 0 || platform > fees + delivery) v.push(`${id} (${String(o.state)}): ${books}`);
  else if (!refundedAfterEnd && platform !== fees + delivery) v.push(`${id} (${String(o.state)}): ${books}`);
  return v;
};
