import type { Order } from '../order';
import { addDays, zonedInstant } from '../delivery-day';

/**
 * The days on which an order moved money, as keys an index serves (`moneyDays`, written with the order's state):
 * `d:<day>` for every capture, refund and payout (the operators' reconciliation of a day), `f:<farmId>:<day>` for a
 * farm's sale (its payment) and its payout (the farm's reports). Days are UTC; a report of a local day or month reads
 * the UTC days that overlap it and keeps what happened inside it, so its cost is that period's orders, never the
 * history's.
 */
export const moneyDayKeys = (o: Pick<Order, 'payment' | 'refund' | 'operatorRefunds' | 'farms'>): string[] => {
  const keys = new Set<string>();
  const day = (at: string) => at.slice(0, 10);
  const paid = o.payment?.status === 'succeeded' ? o.payment.succeededAt : undefined;
  if (paid) {
    keys.add(`d:${day(paid)}`);
    for (const f of o.farms) keys.add(`f:${f.farmId}:${day(paid)}`);
  }
  if (o.refund?.status === 'refunded' && o.refund.refundedAt) keys.add(`d:${day(o.refund.refundedAt)}`);
  for (const r of o.operatorRefunds ?? []) if (r.status === 'refunded' && r.refundedAt) keys.add(`d:${day(r.refundedAt)}`);
  for (const f of o.farms)
    if (f.payout?.status === 'paid' && f.payout.paidAt) {
      keys.add(`d:${day(f.payout.paidAt)}`);
      keys.add(`f:${f.farmId}:${day(f.payout.paidAt)}`);
    }
  return [...keys].sort();
};

/** A period of local dates, first and last included. */
export interface Period {
  from: string;
  to: string;
}

/** The instants a local period spans in the market's time zone: [start, end). */
export const periodRange = (p: Period, timeZone: string) => ({
  start: zonedInstant(p.from, '00:00', timeZone),
  end: zonedInstant(addDays(p.to, 1), '00:00', timeZone),
});

/** A period of at most 366 local days overlaps at most 368 UTC days. */
const MAX_UTC_DAYS = 368;

/** The UTC days that overlap [start, end): the keys' days to read. */
export const utcDaysOf = (start: Date, end: Date): string[] => {
  const days: string[] = [];
  const last = new Date(end.getTime() - 1).toISOString().slice(0, 10);
  // bounded whatever the dates (the routes allow years 2000 to 2999 and at most 366 days)
  for (let d = start.toISOString().slice(0, 10); d <= last && days.length < MAX_UTC_DAYS; d = addDays(d, 1)) days.push(d);
  return days;
};

export const within = (at: string | undefined, r: { start: Date; end: Date }): at is string =>
  !!at && at >= r.start.toISOString() && at < r.end.toISOString();

/** A month (`2026-12`) as its first and last day. */
export const monthPeriod = (month: string): Period => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
};
