import type { Money } from '@ftt/contracts';
import { isEnd, type FarmPart, type Order } from './order';

/**
 * Where an order's money is, in minor units of its one currency (issue #27). Every path that moves money (cancel,
 * returns, operator refunds, late payments, payouts) decides from this, never from the original payment, so that
 * for every order at every moment: refunded <= paid, and paid = refunded + payouts + fees + deliveryKept + open,
 * with open = 0 once the order ended.
 */
export interface Ledger {
  paid: number;
  /** Back to the buyer: the saga's refund and the operators' refunds that did not fail (a pending one is on its way). */
  refunded: number;
  /** To farmers, owed or made: fixed when the order ends. */
  payouts: number;
  /** The platform's fees, and the delivery fees it keeps for logistics: what the platform holds once the order ended. */
  fees: number;
  deliveryKept: number;
  /** Paid, neither refunded nor allotted: before the end, all that is still undecided; after it, owed back (should be 0). */
  open: number;
}

const sum = (xs: number[]) => xs.reduce((a, n) => a + n, 0);

/** The delivery fee a payout's farm kept; payouts written before issue #27 kept the farm's whole fee. */
const deliveryOf = (f: FarmPart) => f.payout?.delivery?.amount ?? f.deliveryFee.amount;

export const ledger = (order: Order): Ledger => {
  const paid = order.payment?.status === 'succeeded' ? order.payment.amount.amount : 0;
  const refunded =
    (order.refund?.amount.amount ?? 0) +
    sum((order.operatorRefunds ?? []).filter((r) => r.status !== 'failed').map((r) => r.amount.amount));
  const withPayout = order.farms.filter((f) => f.payout);
  const payouts = sum(withPayout.map((f) => f.payout!.amount.amount));
  // Refunds after the end come out of what the platform holds: its fees first, then the delivery it keeps.
  const nominalFees = sum(withPayout.map((f) => f.payout!.platformFee.amount));
  const nominalDelivery = sum(withPayout.map(deliveryOf));
  const held = paid - refunded - payouts;
  const taken = Math.max(0, nominalFees + nominalDelivery - held);
  const fees = Math.max(0, nominalFees - taken);
  const deliveryKept = Math.max(0, nominalDelivery - Math.max(0, taken - nominalFees));
  return { paid, refunded, payouts, fees, deliveryKept, open: paid - refunded - payouts - fees - deliveryKept };
};

/**
 * What can still go back to the buyer: what was paid, less what was refunded (or is on its way) and, once the order
 * ended, less the farmers' payouts (their money has left or is about to). After the end that is what the platform
 * holds, its fees and the delivery it kept. Nothing when nothing was paid.
 */
export const refundable = (order: Order): Money => {
  const l = ledger(order);
  return { amount: Math.max(0, l.paid - l.refunded - l.payouts), currency: order.currency };
};

/** One delivered farm's money when the order ends: the farmer's payout, the platform's fee, the delivery kept. */
export interface FarmAllotment {
  farmId: string;
  amount: number;
  platformFee: number;
  delivery: number;
}

/**
 * The order ends. `owedBack` is what the buyer is owed for what they did not get (the returned parts; all of it on a
 * cancel, a full return or a late payment). What was refunded already counts towards it, so the saga refunds only the
 * rest. When more was refunded than is owed back (an operator's goodwill), the excess comes out of the delivered
 * farms' parts: the platform's fees first, then the delivery it keeps, the farmers' payouts last.
 */
export const allotEnd = (order: Order, owedBack: number, delivered: FarmPart[]): { refund: number; farms: FarmAllotment[] } => {
  const { paid, refunded } = ledger(order);
  let excess = Math.max(0, refunded - owedBack);
  const take = (n: number) => {
    const t = Math.min(n, excess);
    excess -= t;
    return n - t;
  };
  const fees = delivered.map((f) => take(f.platformFee.amount));
  const delivery = delivered.map((f) => take(f.deliveryFee.amount));
  const amounts = delivered.map((f) => take(f.farmerReceives.amount));
  return {
    refund: Math.max(0, Math.min(owedBack, paid) - refunded),
    farms: delivered.map((f, i) => ({ farmId: f.farmId, amount: amounts[i]!, platformFee: fees[i]!, delivery: delivery[i]! })),
  };
};

/** What breaks the money invariant for this order (empty: it holds). */
export const moneyViolations = (order: Order): string[] => {
  const l = ledger(order);
  const v: string[] = [];
  if (l.refunded > l.paid) v.push(`refunded ${l.refunded} > paid ${l.paid}`);
  if (l.refunded + l.payouts > l.paid) v.push(`refunded ${l.refunded} + payouts ${l.payouts} > paid ${l.paid}`);
  if (isEnd(order.state) && l.open !== 0) {
    v.push(`ended ${order.state}: paid ${l.paid} != refunded ${l.refunded} + payouts ${l.payouts} + fees ${l.fees} + delivery ${l.deliveryKept}`);
  }
  return v;
};
