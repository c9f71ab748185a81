import type { Order } from '../order';
import { within } from './money-days';

/** What moved money: a capture of the buyer's payment, a refund, a transfer to a farm. */
export type MoneyKind = 'payment' | 'refund' | 'payout';

/** One money movement in our records, with the provider's id of it (`ref`: PaymentIntent, refund, transfer). */
export interface MoneyRecord {
  kind: MoneyKind;
  ref: string;
  orderId: string;
  farmId?: string | undefined;
  /** Minor units, positive (a refund's or a payout's direction is its kind). */
  amount: number;
  currency: string;
  at: string;
  /** A payout's platform fee: kept by the platform out of the farm's goods. */
  platformFee?: number | undefined;
}

/** One of the provider's balance transactions, as the payment port reads them. 'other': fees, bank payouts, ... */
export interface ProviderTransaction {
  id: string;
  kind: MoneyKind | 'other';
  /** The id our records know it by (a charge's PaymentIntent, the refund's, the transfer's). */
  ref: string;
  amount: number;
  currency: string;
  at: string;
}

/** The money movements of these orders that happened in [start, end). */
export const recordsOf = (orders: readonly Order[], r: { start: Date; end: Date }): MoneyRecord[] => {
  const out: MoneyRecord[] = [];
  for (const o of orders) {
    const p = o.payment;
    if (p?.status === 'succeeded' && within(p.succeededAt, r))
      out.push({ kind: 'payment', ref: p.paymentId, orderId: o.orderId, amount: p.amount.amount, currency: p.amount.currency, at: p.succeededAt });
    const f = o.refund;
    if (f?.status === 'refunded' && f.refundId && within(f.refundedAt, r))
      out.push({ kind: 'refund', ref: f.refundId, orderId: o.orderId, amount: f.amount.amount, currency: f.amount.currency, at: f.refundedAt });
    for (const op of o.operatorRefunds ?? [])
      if (op.status === 'refunded' && op.refundId && within(op.refundedAt, r))
        out.push({ kind: 'refund', ref: op.refundId, orderId: o.orderId, amount: op.amount.amount, currency: op.amount.currency, at: op.refundedAt });
    for (const farm of o.farms) {
      const t = farm.payout;
      if (t?.status === 'paid' && within(t.paidAt, r))
        out.push({
          kind: 'payout',
          // a payout left with nothing is settled without a transfer: nothing to match at the provider
          ref: t.transferId ?? '',
          orderId: o.orderId,
          farmId: farm.farmId,
          amount: t.amount.amount,
          currency: t.amount.currency,
          at: t.paidAt,
          platformFee: t.platformFee.amount,
        });
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.ref.localeCompare(b.ref));
};

export type Mismatch =
  | { problem: 'missing_at_provider'; kind: MoneyKind; ref: string; orderId: string; ours: number; currency: string }
  | { problem: 'missing_in_records'; kind: MoneyKind; ref: string; transactionId: string; theirs: number; currency: string }
  | { problem: 'amount_differs'; kind: MoneyKind; ref: string; orderId: string; transactionId: string; ours: number; theirs: number; currency: string };

export interface CurrencyTotals {
  currency: string;
  payments: number;
  refunds: number;
  payouts: number;
  platformFees: number;
  provider: { payments: number; refunds: number; payouts: number; other: number };
}

export interface Reconciliation {
  totals: CurrencyTotals[];
  matched: number;
  mismatches: Mismatch[];
}

/**
 * Our records of a day against the provider's balance transactions of that day, matched by kind and reference: every
 * record without its transaction, every transaction without its record, and every pair whose amounts differ. Fees and
 * other provider movements (its own fees, payouts to the bank) have no record of ours: counted apart, never a mismatch.
 * A payout settled without a transfer (nothing left to pay) is not looked for at the provider.
 */
export const reconcile = (ours: readonly MoneyRecord[], theirs: readonly ProviderTransaction[]): Reconciliation => {
  const totals = new Map<string, CurrencyTotals>();
  const of = (currency: string) => {
    let t = totals.get(currency);
    if (!t) totals.set(currency, (t = { currency, payments: 0, refunds: 0, payouts: 0, platformFees: 0, provider: { payments: 0, refunds: 0, payouts: 0, other: 0 } }));
    return t;
  };
  const key = (kind: string, ref: string) => `${kind}|${ref}`;
  const byKey = new Map<string, ProviderTransaction[]>();
  for (const tx of theirs) {
    const t = of(tx.currency);
    if (tx.kind === 'other') {
      t.provider.other += tx.amount;
      continue;
    }
    t.provider[`${tx.kind}s`] += tx.amount;
    byKey.set(key(tx.kind, tx.ref), [...(byKey.get(key(tx.kind, tx.ref)) ?? []), tx]);
  }
  const mismatches: Mismatch[] = [];
  let matched = 0;
  for (const r of ours) {
    const t = of(r.currency);
    t[`${r.kind}s`] += r.amount;
    t.platformFees += r.platformFee ?? 0;
    if (r.kind === 'payout' && !r.ref) continue;
    const found = byKey.get(key(r.kind, r.ref))?.shift();
    if (!found) mismatches.push({ problem: 'missing_at_provider', kind: r.kind, ref: r.ref, orderId: r.orderId, ours: r.amount, currency: r.currency });
    else if (found.amount !== r.amount || found.currency !== r.currency)
      mismatches.push({ problem: 'amount_differs', kind: r.kind, ref: r.ref, orderId: r.orderId, transactionId: found.id, ours: r.amount, theirs: found.amount, currency: r.currency });
    else matched += 1;
  }
  for (const left of byKey.values())
    for (const tx of left)
      mismatches.push({ problem: 'missing_in_records', kind: tx.kind as MoneyKind, ref: tx.ref, transactionId: tx.id, theirs: tx.amount, currency: tx.currency });
  return { totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)), matched, mismatches };
};
