import * as mupdf from 'mupdf';

/**
 * The text a reader of the PDF sees, page by page, line by line (MuPDF's extraction, through each font's ToUnicode
 * map): what a test compares with what was drawn. Text in embedded CID fonts (the kit's `embedFonts`) is stored as
 * glyph ids, so looking for the words' bytes in the file (`pdfText`) finds nothing there.
 */
export const pdfLines = (pdf: Uint8Array): string[] => {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const lines: string[] = [];
  for (let p = 0; p < doc.countPages(); p++) {
    const text = doc.loadPage(p).toStructuredText('preserve-whitespace').asText();
    lines.push(...text.split('\n').filter((l) => l.trim() !== ''));
  }
  return lines;
};

/** The fonts a PDF embeds (their base names, e.g. "ABCDEF+NotoSansSC-Regular": a subset has a six-letter tag). */
export const pdfFontNames = (pdf: Uint8Array): string[] => {
  const text = Buffer.from(pdf).toString('latin1');
  return [...new Set([...text.matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g)].map((m) => m[1]!))].sort();
};

/** The document's title (its Info dictionary, wherever pdf-lib put it: often inside a compressed object stream). */
export const pdfTitle = (pdf: Uint8Array): string | undefined =>
  mupdf.Document.openDocument(pdf, 'application/pdf').getMetaData('info:Title');
