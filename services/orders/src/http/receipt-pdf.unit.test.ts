import { pdfFontNames, pdfLines } from '@ftt/kit/testing/pdf';
import { describe, expect, it } from 'vitest';
import { creditNoteOf, type Receipt } from '../domain/receipts/receipt';
import { creditNotePdf, receiptPdf } from './receipt-pdf';

const FARM = '浙江安吉白茶合作社';
const tax = (gross: number, rateBps: number) => {
  const net = Math.round((gross * 10_000) / (10_000 + rateBps));
  return { rateBps, gross, net, tax: gross - net };
};

const receipt: Receipt = {
  orderId: 'ord-cn-1',
  currency: 'EUR',
  market: 'nl',
  sellers: [
    {
      sellerId: 'farm-anji',
      sellerName: FARM,
      lines: [{ listingId: 'l-1', title: '青菜', quantity: 2, unit: 'kg', category: 'vegetables', rateBps: 900, amount: 640 }],
      taxes: [tax(640, 900)],
      total: 640,
      platformFeeIncluded: 32,
    },
  ],
  delivery: tax(495, 2100),
  platformFee: tax(32, 2100),
  taxTotal: 139,
  total: 1135,
};

describe('the receipt and credit note PDFs', () => {
  it('when the seller and the produce have Chinese names, then the receipt prints them as written, in the one embedded subset font family', async () => {
    const pdf = await receiptPdf(
      {
        receipt,
        issuedAt: new Date('2026-12-07T10:00:00Z'),
        timeZone: 'Asia/Shanghai',
        numbers: new Map([['farm-anji', 'R-2026-000001']]),
        platformNumber: 'P-2026-000001',
      },
      'en',
    );
    const lines = pdfLines(pdf);
    expect(lines).toContain(`Sold by ${FARM}`);
    expect(lines).toContain('2 kg  青菜');
    expect(lines).toContain('Total paid');
    expect(lines).toContain('€11.35');
    expect(lines.join('\n')).not.toContain('?');
    const fonts = pdfFontNames(pdf);
    expect(fonts.every((f) => /^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/.test(f))).toBe(true);
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('when a credit note names a Chinese seller, then it prints the name as written', async () => {
    const pdf = await creditNotePdf(
      {
        note: creditNoteOf(receipt, { amount: 640, currency: 'EUR' }),
        issuedAt: new Date('2026-12-07T10:00:00Z'),
        timeZone: 'Asia/Shanghai',
        numbers: new Map([['farm-anji', 'C-2026-000001']]),
        sellerName: () => FARM,
      },
      'nl',
    );
    const lines = pdfLines(pdf);
    expect(lines).toContain(`Verkocht door ${FARM}`);
    expect(lines.join('\n')).not.toContain('?');
  });
});
