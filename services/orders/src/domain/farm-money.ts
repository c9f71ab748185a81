import type { Order } from './order';

/**
 * What one order counts towards its farms' payout totals, per farm part (minor units). The running totals
 * (data/farm-money-repo.ts) are the sum of these over every order: each write of an order adds the difference
 * between its new and its old share, in the same transaction.
 *
 * - A payout (completed orders): its gross and fee; its amount as paid (one transfer) or pending.
 * - No payout yet, the order confirmed: what it promised (goods, fee, farmerReceives as pending).
 * - A part that went back to the farm, or a completed part without a payout, or any other state: nothing.
 */
export interface MoneyShare {
  farmId: string;
  currency: string;
  gross: number;
  platformFee: number;
  paid: number;
  pending: number;
  transfers: number;
}

export const MONEY_FIELDS = ['gross', 'platformFee', 'paid', 'pending', 'transfers'] as const;
type MoneyField = (typeof MONEY_FIELDS)[number];

export const moneyShares = (o: Pick<Order, 'state' | 'farms'>): MoneyShare[] => {
  if (o.state !== 'confirmed' && o.state !== 'completed') return [];
  const out: MoneyShare[] = [];
  for (const f of o.farms ?? []) {
    if (f.returned) continue;
    const currency = f.farmerReceives.currency;
    const p = f.payout;
    if (p) {
      out.push({
        farmId: f.farmId,
        currency,
        gross: p.gross.amount,
        platformFee: p.platformFee.amount,
        paid: p.status === 'paid' ? p.amount.amount : 0,
        pending: p.status === 'paid' ? 0 : p.amount.amount,
        transfers: p.status === 'paid' ? 1 : 0,
      });
    } else if (o.state === 'confirmed') {
      out.push({ farmId: f.farmId, currency, gross: f.goods.amount, platformFee: f.platformFee.amount, paid: 0, pending: f.farmerReceives.amount, transfers: 0 });
    }
  }
  return out;
};

const keyOf = (s: Pick<MoneyShare, 'farmId' | 'currency'>) => `${s.farmId}|${s.currency}`;

/** Shares summed per (farm, currency); with `sign` -1, subtracted. */
export const addShares = (into: Map<string, MoneyShare>, shares: MoneyShare[], sign: 1 | -1 = 1): Map<string, MoneyShare> => {
  for (const s of shares) {
    const k = keyOf(s);
    const t = into.get(k) ?? { farmId: s.farmId, currency: s.currency, gross: 0, platformFee: 0, paid: 0, pending: 0, transfers: 0 };
    for (const f of MONEY_FIELDS) t[f as MoneyField] += sign * s[f as MoneyField];
    into.set(k, t);
  }
  return into;
};

/** What a write moves the totals by: after minus before, per (farm, currency), the all-zero ones left out. */
export const moneyDelta = (before: MoneyShare[], after: MoneyShare[]): MoneyShare[] =>
  [...addShares(addShares(new Map(), after), before, -1).values()].filter((d) => MONEY_FIELDS.some((f) => d[f] !== 0));
