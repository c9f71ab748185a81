import { DomainError, type Principal } from '@ftt/kit';
import { farmReport } from '../domain/reports/farm-report';
import { periodRange, utcDaysOf, type Period } from '../domain/reports/money-days';
import { reconcile, recordsOf } from '../domain/reports/reconciliation';
import type { MarketTaxRates } from '../domain/receipts/tax-rates';
import type { Deps } from './context';
import { assertFarmer } from './farm-queries';

/** The market's currency until markets are data (the rates table names the market, not its currency). */
const MARKET_CURRENCY = 'EUR';

/**
 * A farm's report of a period (issue #33): its sales and their tax per rate, and its payouts with the fees kept.
 * Only the farm's owners (the permission table's 'payouts.read') and operators; others 403. It reads the orders
 * that moved the farm's money on the days of the period (index `moneyDays`): the period's cost, never the history's.
 */
export const farmReportOf = async (deps: Deps, rates: MarketTaxRates, caller: Principal, farmId: string, period: Period) => {
  const farm = await assertFarmer(deps, caller, farmId, 'payouts.read');
  const range = periodRange(period, rates.timeZone);
  const orders = await deps.orders.listByMoneyDays(utcDaysOf(range.start, range.end).map((d) => `f:${farmId}:${d}`));
  const listings = await deps.listings.getMany([...new Set(orders.flatMap((o) => o.lines.filter((l) => l.farmId === farmId).map((l) => l.listingId)))]);
  const categoryOf = (listingId: string) => listings.get(listingId)?.snapshot?.category ?? 'default';
  return {
    period,
    timeZone: rates.timeZone,
    ...farmReport({ farmId, farmName: farm.farmName }, orders, range, categoryOf, rates, orders[0]?.currency ?? MARKET_CURRENCY),
  };
};

/**
 * The operators' reconciliation of one day in the market's time zone: captures, refunds, payouts and platform fees
 * from our orders against the provider's balance transactions of the same instants, every mismatch listed.
 */
export const reconciliationOf = async (deps: Deps, rates: MarketTaxRates, day: string) => {
  const range = periodRange({ from: day, to: day }, rates.timeZone);
  const [orders, theirs] = await Promise.all([
    deps.orders.listByMoneyDays(utcDaysOf(range.start, range.end).map((d) => `d:${d}`)),
    deps.provider.balanceTransactions({ from: range.start, to: range.end }).catch((err: unknown) => {
      deps.log.warn({ err, day }, 'reconciliation: the provider did not list its balance transactions');
      throw new DomainError('payment.unavailable', 'the payment provider did not answer: try again');
    }),
  ]);
  const ours = recordsOf(orders, range);
  return {
    day,
    timeZone: rates.timeZone,
    from: range.start.toISOString(),
    to: range.end.toISOString(),
    provider: deps.provider.name,
    records: ours.length,
    transactions: theirs.length,
    ...reconcile(ours, theirs),
  };
};
export type ReconciliationView = Awaited<ReturnType<typeof reconciliationOf>>;
export type FarmReportView = Awaited<ReturnType<typeof farmReportOf>>;
