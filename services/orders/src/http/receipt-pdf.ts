import { embedFonts, printable } from '@ftt/kit/pdf';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CompanyDetails } from '../domain/receipts/company';
import type { CreditNote, Receipt, TaxLine } from '../domain/receipts/receipt';

export const RECEIPT_LANGUAGES = ['en', 'nl'] as const;
export type ReceiptLanguage = (typeof RECEIPT_LANGUAGES)[number];

const WORDS = {
  en: {
    receipt: 'Receipt',
    creditNote: 'Credit note',
    order: 'Order',
    date: 'Date',
    soldBy: 'Sold by',
    number: 'No.',
    tax: (rate: string) => `VAT ${rate} %`,
    net: 'net',
    subtotal: 'Subtotal',
    delivery: 'Delivery',
    platformFee: 'Platform fee (paid by the farms out of the goods above, not added to your total)',
    total: 'Total paid',
    refunded: 'Total refunded',
    taxTotal: 'of which VAT',
    platform: 'FieldToTable (delivery)',
    creditFor: 'Refund of the order below',
    invoice: 'Invoice',
    billTo: 'Invoice to',
    vatId: 'VAT id',
    corrects: 'Corrects invoice',
  },
  nl: {
    receipt: 'Kassabon',
    creditNote: 'Creditnota',
    order: 'Bestelling',
    date: 'Datum',
    soldBy: 'Verkocht door',
    number: 'Nr.',
    tax: (rate: string) => `Btw ${rate} %`,
    net: 'excl.',
    subtotal: 'Subtotaal',
    delivery: 'Bezorging',
    platformFee:
      'Platformvergoeding (betaald door de boerderijen uit de producten hierboven, niet bij uw totaal opgeteld)',
    total: 'Totaal betaald',
    refunded: 'Totaal terugbetaald',
    taxTotal: 'waarvan btw',
    platform: 'FieldToTable (bezorging)',
    creditFor: 'Terugbetaling van de bestelling hieronder',
    invoice: 'Factuur',
    billTo: 'Factuur aan',
    vatId: 'Btw-nummer',
    corrects: 'Corrigeert factuur',
  },
} as const;

const locale = (lang: ReceiptLanguage) => (lang === 'nl' ? 'nl-NL' : 'en-GB');
const amount = (minor: number, currency: string, lang: ReceiptLanguage) =>
  new Intl.NumberFormat(locale(lang), { style: 'currency', currency }).format(minor / 100);
const rate = (bps: number, lang: ReceiptLanguage) =>
  new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(bps / 100);
/** The date in the market's time zone (the one its numbering periods run in). */
const day = (at: Date, lang: ReceiptLanguage, timeZone: string) =>
  new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(at);

/** A4, the kit's fonts (Chinese and Latin; a character they lack prints as '?'), new pages as needed; amounts right-aligned. */
export class Sheet {
  private page: PDFPage;
  private y = 800;
  private readonly keep = printable;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage([595, 842]);
  }
  line(left: string, right = '', o: { size?: number; strong?: boolean; x?: number } = {}) {
    const size = o.size ?? 10;
    if (this.y < 60) {
      this.page = this.pdf.addPage([595, 842]);
      this.y = 800;
    }
    const font = o.strong ? this.bold : this.font;
    this.page.drawText(this.keep(left), {
      x: o.x ?? 50,
      y: this.y,
      size,
      font,
      color: rgb(0.1, 0.1, 0.1),
      maxWidth: 380,
    });
    if (right) {
      const r = this.keep(right);
      this.page.drawText(r, {
        x: 545 - font.widthOfTextAtSize(r, size),
        y: this.y,
        size,
        font,
        color: rgb(0.1, 0.1, 0.1),
      });
    }
    this.y -= size + 6;
  }
  gap(n = 8) {
    this.y -= n;
  }
}

const taxes = (s: Sheet, lines: TaxLine[], currency: string, lang: ReceiptLanguage) => {
  const w = WORDS[lang];
  for (const t of lines)
    s.line(
      `${w.tax(rate(t.rateBps, lang))} (${w.net} ${amount(t.net, currency, lang)})`,
      amount(t.tax, currency, lang),
      { x: 70, size: 9 },
    );
};

export interface ReceiptDocument {
  receipt: Receipt;
  issuedAt: Date;
  /** The market's time zone (the document's date is the market's). */
  timeZone: string;
  numbers: ReadonlyMap<string, string>;
  platformNumber: string;
  /** A business buyer's company: the document is then its invoice (numbers in the invoice series). */
  company?: CompanyDetails | undefined;
}

/** A new document with its title and language, and the sheet its lines are written on. */
export const newDocument = async (title: string, lang: ReceiptLanguage) => {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreator('FieldToTable');
  pdf.setLanguage(lang);
  const { regular, bold } = await embedFonts(pdf);
  const s = new Sheet(pdf, regular, bold);
  return { pdf, s };
};

/** The buyer's receipt: each farm's part under its own name and number, then delivery, the platform fee and the total. */
export const receiptPdf = async (d: ReceiptDocument, lang: ReceiptLanguage): Promise<Uint8Array> => {
  const w = WORDS[lang];
  const { receipt: r } = d;
  const title = d.company ? w.invoice : w.receipt;
  const { pdf, s } = await newDocument(`${title} ${r.orderId}`, lang);
  const money = (n: number) => amount(n, r.currency, lang);
  s.line(title, '', { size: 20, strong: true });
  s.line(`${w.order} ${r.orderId}`, `${w.date} ${day(d.issuedAt, lang, d.timeZone)}`);
  if (d.company) {
    const c = d.company;
    s.gap(4);
    s.line(w.billTo, '', { strong: true });
    s.line(c.name, '', { x: 60 });
    s.line([c.address.line1, c.address.line2].filter(Boolean).join(', '), '', { x: 60 });
    s.line(`${c.address.postalCode} ${c.address.city}, ${c.address.country}`, '', { x: 60 });
    s.line(`${w.vatId} ${c.vatId}`, '', { x: 60 });
  }
  s.gap();
  for (const seller of r.sellers) {
    s.line(`${w.soldBy} ${seller.sellerName}`, `${w.number} ${d.numbers.get(seller.sellerId) ?? ''}`, {
      strong: true,
      size: 11,
    });
    for (const l of seller.lines) s.line(`${l.quantity} ${l.unit}  ${l.title}`, money(l.amount), { x: 60 });
    taxes(s, seller.taxes, r.currency, lang);
    s.line(w.subtotal, money(seller.total), { x: 60, strong: true });
    s.gap(6);
  }
  s.line(w.platform, `${w.number} ${d.platformNumber}`, { strong: true, size: 11 });
  s.line(w.delivery, money(r.delivery.gross), { x: 60 });
  taxes(s, [r.delivery], r.currency, lang);
  s.line(w.platformFee, money(r.platformFee.gross), { x: 60, size: 9 });
  s.gap();
  s.line(w.total, money(r.total), { strong: true, size: 13 });
  s.line(w.taxTotal, money(r.taxTotal), { size: 9 });
  return pdf.save();
};

export interface CreditNoteDocument {
  note: CreditNote;
  issuedAt: Date;
  /** The market's time zone (the document's date is the market's). */
  timeZone: string;
  numbers: ReadonlyMap<string, string>;
  sellerName: (sellerId: string) => string;
  /** Per seller, the invoice number this note corrects (an invoiced order's refund). */
  corrects?: ReadonlyMap<string, string> | undefined;
}

/** A credit note: the refund per seller, under its credit-note number, with the tax it gives back. */
export const creditNotePdf = async (d: CreditNoteDocument, lang: ReceiptLanguage): Promise<Uint8Array> => {
  const w = WORDS[lang];
  const { note } = d;
  const { pdf, s } = await newDocument(`${w.creditNote} ${note.orderId}`, lang);
  const money = (n: number) => amount(-n, note.currency, lang);
  s.line(w.creditNote, '', { size: 20, strong: true });
  s.line(`${w.creditFor}: ${w.order} ${note.orderId}`, `${w.date} ${day(d.issuedAt, lang, d.timeZone)}`);
  s.gap();
  for (const seller of note.sellers) {
    const name = seller.sellerId === 'platform' ? w.platform : d.sellerName(seller.sellerId);
    s.line(`${w.soldBy} ${name}`, `${w.number} ${d.numbers.get(seller.sellerId) ?? ''}`, {
      strong: true,
      size: 11,
    });
    const invoice = d.corrects?.get(seller.sellerId);
    if (invoice) s.line(`${w.corrects} ${invoice}`, '', { x: 60, size: 9 });
    taxes(s, seller.taxes, note.currency, lang);
    s.line(w.subtotal, money(seller.total), { x: 60, strong: true });
    s.gap(6);
  }
  s.line(w.refunded, money(note.total), { strong: true, size: 13 });
  return pdf.save();
};
