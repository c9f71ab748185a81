import { stringify } from 'csv-stringify/sync';
import type { FarmReportView, ReconciliationView } from '../use-cases/reports';

/** Minor units as a decimal a spreadsheet reads (12.34), whatever its locale's separator is shown as. */
const decimal = (minor: number) => (minor / 100).toFixed(2);
const percent = (bps: number) => (bps / 100).toString();

export const FARM_REPORT_PARTS = ['sales', 'tax', 'payouts'] as const;
export type FarmReportPart = (typeof FARM_REPORT_PARTS)[number];

/** One part of a farm's report as CSV (RFC 4180, a header row, amounts as decimals with the currency beside them). */
export const farmReportCsv = (r: FarmReportView, part: FarmReportPart): string => {
  const c = r.currency;
  switch (part) {
    case 'sales':
      return stringify(
        r.sales.map((s) => [s.paidAt, s.orderId, s.state, s.lines, decimal(s.gross), decimal(s.taxes.reduce((n, t) => n + t.tax, 0)), decimal(s.platformFee), c]),
        { header: true, columns: ['paid_at', 'order_id', 'state', 'lines', 'gross', 'tax', 'platform_fee', 'currency'] },
      );
    case 'tax':
      return stringify(
        r.taxes.map((t) => [percent(t.rateBps), decimal(t.gross), decimal(t.net), decimal(t.tax), c]),
        { header: true, columns: ['rate_percent', 'gross', 'net', 'tax', 'currency'] },
      );
    case 'payouts':
      return stringify(
        r.payouts.map((p) => [p.paidAt, p.orderId, p.transferId, decimal(p.gross), decimal(p.platformFee), decimal(p.delivery), decimal(p.amount), c]),
        { header: true, columns: ['paid_at', 'order_id', 'transfer_id', 'gross', 'platform_fee', 'delivery_kept', 'paid', 'currency'] },
      );
  }
};

/** A day's reconciliation as CSV: one row per total, then one per mismatch. */
export const reconciliationCsv = (r: ReconciliationView): string =>
  stringify(
    [
      ...r.totals.flatMap((t) => [
        ['total', 'payments', '', '', '', decimal(t.payments), decimal(t.provider.payments), t.currency],
        ['total', 'refunds', '', '', '', decimal(t.refunds), decimal(t.provider.refunds), t.currency],
        ['total', 'payouts', '', '', '', decimal(t.payouts), decimal(t.provider.payouts), t.currency],
        ['total', 'platform_fees', '', '', '', decimal(t.platformFees), '', t.currency],
        ['total', 'provider_other', '', '', '', '', decimal(t.provider.other), t.currency],
      ]),
      ...r.mismatches.map((m) => [
        m.problem,
        m.kind,
        m.ref,
        'orderId' in m ? m.orderId : '',
        'transactionId' in m ? m.transactionId : '',
        'ours' in m ? decimal(m.ours) : '',
        'theirs' in m ? decimal(m.theirs) : '',
        m.currency,
      ]),
    ],
    { header: true, columns: ['row', 'kind', 'reference', 'order_id', 'transaction_id', 'ours', 'provider', 'currency'] },
  );
