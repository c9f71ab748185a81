import type { FarmReportView } from '../use-cases/reports';
import { newDocument } from './receipt-pdf';

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
const rate = (bps: number) => `${bps / 100} %`;

/** A farm's report of a period as a PDF (the receipts' document and sheet): totals, tax per rate, sales, payouts. */
export const farmReportPdf = async (r: FarmReportView): Promise<Uint8Array> => {
  const period = r.period.from === r.period.to ? r.period.from : `${r.period.from} to ${r.period.to}`;
  const { pdf, s } = await newDocument(`Report ${r.farmName} ${period}`, 'en');
  const m = (n: number) => money(n, r.currency);
  s.line(`Report: ${r.farmName}`, '', { size: 18, strong: true });
  s.line(`Period ${period} (${r.timeZone})`);
  s.gap();
  s.line('Sales', '', { strong: true, size: 12 });
  s.line('Orders paid', String(r.totals.orders), { x: 60 });
  s.line('Lines', String(r.totals.lines), { x: 60 });
  s.line('Gross (incl. VAT)', m(r.totals.gross), { x: 60 });
  s.line('Platform fee inside the gross', m(r.totals.platformFee), { x: 60 });
  s.gap(4);
  s.line('Tax per rate', '', { strong: true, size: 12 });
  for (const t of r.taxes) s.line(`VAT ${rate(t.rateBps)}: gross ${m(t.gross)}, net ${m(t.net)}`, m(t.tax), { x: 60 });
  s.line('Total VAT', m(r.totals.tax), { x: 60, strong: true });
  s.gap(4);
  s.line('Payouts', '', { strong: true, size: 12 });
  s.line('Paid to the farm', m(r.totals.paid), { x: 60 });
  s.line('Platform fees kept', m(r.totals.payoutFees), { x: 60 });
  s.gap();
  s.line('Sales by order', '', { strong: true, size: 12 });
  for (const x of r.sales) s.line(`${x.paidAt.slice(0, 10)}  ${x.orderId.slice(0, 8)}  ${x.lines} line(s)  ${x.state}`, m(x.gross), { x: 60, size: 9 });
  s.gap();
  s.line('Payouts by order', '', { strong: true, size: 12 });
  for (const p of r.payouts)
    s.line(`${p.paidAt.slice(0, 10)}  ${p.orderId.slice(0, 8)}  gross ${m(p.gross)}, fee ${m(p.platformFee)}`, m(p.amount), { x: 60, size: 9 });
  return pdf.save();
};
