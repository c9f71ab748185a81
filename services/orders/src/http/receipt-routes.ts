import { type Api } from '@ftt/kit';
import { z } from 'zod';
import { CompanyDetails } from '../domain/receipts/company';
import type { DocumentNumbers } from '../domain/receipts/numbering';
import type { MarketTaxRates } from '../domain/receipts/tax-rates';
import type { Context } from '../use-cases/context';
import type { InvoiceDetailsStore } from '../use-cases/ports';
import { companyOf, creditNoteFor, invoiceFor, receiptFor, saveCompany } from '../use-cases/receipts';
import { creditNotePdf, receiptPdf, RECEIPT_LANGUAGES } from './receipt-pdf';
import { OrderParams } from './schemas';

/** Receipts' numbering (their tax rates are each order's market's, ctx.markets), invoices' company details, reports' rates. */
export interface ReceiptSettings {
  numbers: DocumentNumbers;
  /** The default market's tax rates (config TAX_MARKET): the farm reports' and the reconciliation's. */
  rates: MarketTaxRates;
  /** Business buyers' company details per order (their invoices). */
  invoices: InvoiceDetailsStore;
}

const Lang = z.enum(RECEIPT_LANGUAGES).default('en').describe("The buyer's language");
const ReceiptQuery = z.strictObject({ lang: Lang });
const CreditNoteQuery = z.strictObject({
  lang: Lang,
  refund: z.coerce
    .number()
    .int()
    .min(0)
    .max(100)
    .default(0)
    .describe("Which of the order's refunds, oldest first"),
});
const ReceiptPdf = z.string().describe('The receipt of a paid order, as a PDF (application/pdf)');
const InvoicePdf = z.string().describe('The invoice of a paid order with company details, as a PDF (application/pdf)');
const CompanyView = z
  .strictObject({
    company: CompanyDetails.nullable(),
    issuedAt: z.iso.datetime().nullable().describe('When the invoice was first downloaded; the details are fixed from then on'),
  })
  .meta({ id: 'OrderCompany' });
const CreditNotePdf = z
  .string()
  .describe('The credit note of one refund of an order, as a PDF (application/pdf)');

/** Receipts and credit notes (issue #33): the buyer's, of their own paid orders. */
export const receiptRoutes = (api: Api, ctx: Context, s: ReceiptSettings) => {
  api.route({
    method: 'get',
    path: '/orders/:orderId/receipt.pdf',
    summary:
      'The receipt of a paid order (PDF, English or Dutch, in the order’s currency): each farm the seller of its goods with ' +
      'its own number and the VAT per rate of its categories, delivery and the platform fee on lines of their own. ' +
      'Numbers are gapless per seller and month; asking again gives the same. 409 while the order is not paid.',
    tags: ['receipts'],
    auth: ['buyer'],
    params: OrderParams,
    query: ReceiptQuery,
    contentType: 'application/pdf',
    response: ReceiptPdf,
    errors: [404, 409],
    handler: async ({ principal, params, query }) =>
      receiptPdf(await receiptFor(ctx, s.numbers, principal, params.orderId), query.lang),
  });
  api.route({
    method: 'get',
    path: '/orders/:orderId/credit-note.pdf',
    summary:
      'The credit note of one refund of the order (PDF): the refunded amount per seller with the VAT it gives back, ' +
      'numbered in each seller’s credit-note series. 404 when the order has no such refund.',
    tags: ['receipts'],
    auth: ['buyer'],
    params: OrderParams,
    query: CreditNoteQuery,
    contentType: 'application/pdf',
    response: CreditNotePdf,
    errors: [404, 409],
    handler: async ({ principal, params, query }) =>
      creditNotePdf(
        await creditNoteFor(ctx, s.numbers, principal, params.orderId, query.refund, s.invoices),
        query.lang,
      ),
  });
  api.route({
    method: 'get',
    path: '/orders/:orderId/company',
    summary: 'The company details a business buyer added to the order for its invoice (null when none).',
    tags: ['receipts'],
    auth: ['buyer'],
    params: OrderParams,
    response: CompanyView,
    errors: [404],
    handler: async ({ principal, params }) => companyOf(ctx, s.invoices, principal, params.orderId),
  });
  api.route({
    method: 'put',
    path: '/orders/:orderId/company',
    summary:
      'Add or correct the company details (name, address, VAT or tax id) of a paid order, so that the buyer gets an ' +
      'invoice. 409 before the order is paid, or once its invoice was issued (its details never change after).',
    tags: ['receipts'],
    auth: ['buyer'],
    params: OrderParams,
    body: CompanyDetails,
    response: CompanyView,
    errors: [404, 409],
    handler: async ({ principal, params, body }) => saveCompany(ctx, s.invoices, principal, params.orderId, body),
  });
  api.route({
    method: 'get',
    path: '/orders/:orderId/invoice.pdf',
    summary:
      'The invoice of a paid order with company details (PDF): the receipt’s amounts and VAT lines, the buyer’s company, ' +
      'and each seller’s number in its invoice series, gapless per seller and month. 409 without company details.',
    tags: ['receipts'],
    auth: ['buyer'],
    params: OrderParams,
    query: ReceiptQuery,
    contentType: 'application/pdf',
    response: InvoicePdf,
    errors: [404, 409],
    handler: async ({ principal, params, query }) =>
      receiptPdf(await invoiceFor(ctx, s.numbers, s.invoices, principal, params.orderId), query.lang),
  });
};
