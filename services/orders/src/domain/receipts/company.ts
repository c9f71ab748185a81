import { z } from 'zod';

/**
 * A business buyer's company, printed on its invoices (issue #33). The VAT or tax id is kept as written without
 * spaces, dots or dashes and in capitals: a country prefix and 2 to 13 letters or digits (EU VAT ids, and the
 * numbers other markets use behind a two-letter prefix). Whether the id is registered (VIES) is not checked here.
 */
export const VAT_ID = /^[A-Z]{2}[0-9A-Z+*]{2,13}$/;

export const normalizeVatId = (raw: string): string => raw.replace(/[\s.-]/g, '').toUpperCase();

export const CompanyDetails = z.strictObject({
  name: z.string().trim().min(2).max(200),
  address: z.strictObject({
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    postalCode: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(100),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. NL'),
  }),
  vatId: z
    .string()
    .max(40)
    .transform(normalizeVatId)
    .pipe(z.string().regex(VAT_ID, 'a VAT or tax id: two letters of its country, then 2 to 13 letters or digits, e.g. NL123456789B01')),
});
export type CompanyDetails = z.infer<typeof CompanyDetails>;

/** The series of a seller's invoices, beside its receipts (`<seller>`) and credit notes (`<seller>-cn`). */
export const invoiceSeries = (sellerId: string) => `${sellerId}-inv`;
