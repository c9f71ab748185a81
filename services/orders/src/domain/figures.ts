import { ledger, type Ledger } from './ledger';
import type { Order } from './order';

/** One day's business in one currency, in minor units: the orders placed that day and where their money is now. */
export interface DayFigures extends Ledger {
  /** UTC calendar day, YYYY-MM-DD. */
  day: string;
  /** Orders placed that day, in every state (unpaid, cancelled and expired ones too). */
  orders: number;
  /** Of those, the ones the buyer paid. */
  paidOrders: number;
}

export interface CurrencyFigures {
  currency: string;
  days: DayFigures[];
}

export interface Figures {
  /** The first and last day of the window (UTC, inclusive). */
  from: string;
  to: string;
  /** One series per currency that orders in the window were placed in; each lists every day of the window. */
  currencies: CurrencyFigures[];
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => iso.slice(0, 10);

/** The first instant of the window: midnight UTC `days - 1` days before `now`'s day. */
export const windowStart = (now: Date, days: number): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY_MS);

const empty = (day: string): DayFigures => ({
  day,
  orders: 0,
  paidOrders: 0,
  paid: 0,
  refunded: 0,
  payouts: 0,
  fees: 0,
  deliveryKept: 0,
  open: 0,
});

/**
 * Daily figures of the orders placed in the window, each order counted on the day it was placed with its money as it
 * stands now (the one ledger of ledger.ts: paid = refunded + payouts + fees + deliveryKept + open).
 */
export const dailyFigures = (orders: Iterable<Order>, now: Date, days: number): Figures => {
  const start = windowStart(now, days);
  const keys = Array.from({ length: days }, (_, i) => dayOf(new Date(start.getTime() + i * DAY_MS).toISOString()));
  const byCurrency = new Map<string, Map<string, DayFigures>>();
  for (const o of orders) {
    const day = dayOf(o.placedAt);
    let series = byCurrency.get(o.currency);
    if (!series) byCurrency.set(o.currency, (series = new Map(keys.map((k) => [k, empty(k)]))));
    const f = series.get(day);
    if (!f) continue; // placed outside the window (the query bounds it; a clock at a day's edge should not throw)
    const l = ledger(o);
    f.orders += 1;
    if (l.paid > 0) f.paidOrders += 1;
    f.paid += l.paid;
    f.refunded += l.refunded;
    f.payouts += l.payouts;
    f.fees += l.fees;
    f.deliveryKept += l.deliveryKept;
    f.open += l.open;
  }
  return {
    from: keys[0]!,
    to: keys.at(-1)!,
    currencies: [...byCurrency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, series]) => ({ currency, days: keys.map((k) => series.get(k)!) })),
  };
};
