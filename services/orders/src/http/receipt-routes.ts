import { type Api } from '@ftt/kit';
import { z } from 'zod';
import type { DocumentNumbers } from '../domain/receipts/numbering';
import type { Context } from '../use-cases/context';
import { creditNoteFor, receiptFor } from '../use-cases/receipts';
import { creditNotePdf, receiptPdf, RECEIPT_LANGUAGES } from './receipt-pdf';
import { OrderParams } from './schemas';

/** Receipts' numbering; the tax rates are each order's market's (ctx.markets). */
export interface ReceiptSettings {
  numbers: DocumentNumbers;
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
        await creditNoteFor(ctx, s.numbers, principal, params.orderId, query.refund),
        query.lang,
      ),
  });
};
