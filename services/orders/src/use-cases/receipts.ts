import { DomainError, type Principal } from '@ftt/kit';
import { ledger } from '../domain/ledger';
import type { Order } from '../domain/order';
import { invoiceSeries, type CompanyDetails } from '../domain/receipts/company';
import { documentNumber, periodOf, type DocumentNumbers } from '../domain/receipts/numbering';
import { creditNoteOf, receiptOf } from '../domain/receipts/receipt';
import type { Deps } from './context';
import type { InvoiceDetailsStore } from './ports';
import { getOrder, loadVisibleOrder } from './queries';

/** The platform's own series (delivery and its fee), beside each farm's. */
export const PLATFORM_SELLER = 'platform';

const categoriesOf = async (deps: Deps, order: Order) => {
  const listings = await deps.listings.getMany(order.lines.map((l) => l.listingId));
  return (listingId: string) => listings.get(listingId)?.snapshot?.category ?? 'default';
};

const paidAt = (order: Order): Date => {
  if (order.payment?.status !== 'succeeded')
    throw new DomainError('receipt.conflict', 'the order is not paid: it has no receipt yet');
  return new Date(order.payment.succeededAt ?? order.placedAt);
};

/**
 * The buyer's receipt of a paid order (issue #33): its amounts, and the number of each seller's part in that seller's
 * series for the month it was paid in (asking again gives the same numbers). Rates, currency and the month's time zone
 * are the order's market's (the default market for an order placed before markets).
 */
export const receiptFor = async (
  deps: Deps,
  numbers: DocumentNumbers,
  caller: Principal,
  orderId: string,
  series: (sellerId: string) => string = (sellerId) => sellerId,
) => {
  const order = await getOrder(deps, caller, orderId);
  const at = paidAt(order);
  const rates = await deps.markets.taxRates(order.market);
  const receipt = receiptOf(order, await categoriesOf(deps, order), rates);
  const period = periodOf(at, rates.timeZone);
  const numberOf = async (seller: string) =>
    documentNumber(series(seller), period, await numbers.numberFor(series(seller), period, order.orderId));
  const sellerNumbers = new Map<string, string>();
  for (const s of receipt.sellers) sellerNumbers.set(s.sellerId, await numberOf(s.sellerId));
  return {
    receipt,
    issuedAt: at,
    timeZone: rates.timeZone,
    numbers: sellerNumbers,
    platformNumber: await numberOf(PLATFORM_SELLER),
  };
};

/** The refunds of an order that became money back (or are on their way), oldest first: each gets a credit note. */
const refundsOf = (order: Order) => [
  ...(order.refund ? [{ key: 'refund', amount: order.refund.amount, at: order.updatedAt }] : []),
  ...(order.operatorRefunds ?? [])
    .filter((r) => r.status !== 'failed')
    .map((r) => ({ key: r.id, amount: r.amount, at: r.refundedAt ?? r.requestedAt })),
];

/**
 * The credit note of one of the order's refunds (`index`, oldest first): the amount spread over the receipt's lines,
 * numbered in each seller's credit-note series for the month of the refund. 404 when the order has no such refund.
 */
export const creditNoteFor = async (
  deps: Deps,
  numbers: DocumentNumbers,
  caller: Principal,
  orderId: string,
  index: number,
  invoices?: InvoiceDetailsStore,
) => {
  const order = await getOrder(deps, caller, orderId);
  const paid = paidAt(order);
  const rates = await deps.markets.taxRates(order.market);
  const refund = refundsOf(order)[index];
  if (!refund || ledger(order).refunded === 0)
    throw new DomainError('credit_note.not_found', 'the order has no such refund');
  const note = creditNoteOf(receiptOf(order, await categoriesOf(deps, order), rates), refund.amount);
  const at = new Date(refund.at);
  const period = periodOf(at, rates.timeZone);
  const sellerNumbers = new Map<string, string>();
  for (const s of note.sellers) {
    const series = `${s.sellerId}-cn`;
    sellerNumbers.set(
      s.sellerId,
      documentNumber(
        series,
        period,
        await numbers.numberFor(series, period, `${order.orderId}/${refund.key}`),
      ),
    );
  }
  // a refund of an invoiced order corrects that invoice: each seller's note names the invoice number it corrects
  const corrects = new Map<string, string>();
  if ((await invoices?.get(order.orderId))?.issuedAt) {
    const paidPeriod = periodOf(paid, rates.timeZone);
    for (const s of note.sellers) {
      const series = invoiceSeries(s.sellerId);
      corrects.set(s.sellerId, documentNumber(series, paidPeriod, await numbers.numberFor(series, paidPeriod, order.orderId)));
    }
  }
  const names = new Map(order.farms.map((f) => [f.farmId, f.farmName]));
  return {
    note,
    issuedAt: at,
    timeZone: rates.timeZone,
    numbers: sellerNumbers,
    corrects,
    sellerName: (id: string) => names.get(id) ?? 'FieldToTable',
  };
};

/** The owner's order, paid: company details belong to a paid order only (the invoice of a payment). */
const ownPaidOrder = async (deps: Deps, caller: Principal, orderId: string) => {
  const order = await loadVisibleOrder(deps, caller, orderId);
  paidAt(order);
  return order;
};

/** A business buyer's company details on a paid order: kept until its invoice is issued, then 409. */
export const saveCompany = async (
  deps: Deps,
  invoices: InvoiceDetailsStore,
  caller: Principal,
  orderId: string,
  company: CompanyDetails,
) => {
  await ownPaidOrder(deps, caller, orderId);
  const saved = await invoices.save(orderId, company, deps.clock().toISOString());
  if (saved === 'issued')
    throw new DomainError('invoice.conflict', 'the invoice of this order was issued: its company details no longer change');
  return companyOf(deps, invoices, caller, orderId);
};

/** The company details of an order (null when none) and whether its invoice was issued. */
export const companyOf = async (deps: Deps, invoices: InvoiceDetailsStore, caller: Principal, orderId: string) => {
  await getOrder(deps, caller, orderId);
  const d = await invoices.get(orderId);
  return { company: d?.company ?? null, issuedAt: d?.issuedAt ?? null };
};

/**
 * The invoice of a paid order with company details: the receipt's amounts and tax lines under each seller's number in
 * its invoice series (`<seller>-inv`) for the month of payment, and the buyer's company. The first download issues it
 * (its details are frozen from then on); asking again gives the same numbers. 409 without company details.
 */
export const invoiceFor = async (
  deps: Deps,
  numbers: DocumentNumbers,
  invoices: InvoiceDetailsStore,
  caller: Principal,
  orderId: string,
) => {
  await ownPaidOrder(deps, caller, orderId);
  const details = await invoices.get(orderId);
  if (!details)
    throw new DomainError('invoice.conflict', 'add the company details first: an invoice names the business it is for');
  // frozen before the numbers are taken: what an invoice says never changes after it has a number
  if (!details.issuedAt) await invoices.markIssued(orderId, deps.clock().toISOString());
  const fixed = (await invoices.get(orderId))!;
  const doc = await receiptFor(deps, numbers, caller, orderId, invoiceSeries);
  return { ...doc, company: fixed.company };
};
