import { embedFonts, printable, type PdfFonts } from '@ftt/kit/pdf';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { BoxLabel } from '../domain/labels/box-label';
import { sheetDay } from './run-sheet-pdf';

/** The two sheet formats: one 100 × 150 mm label per page (label printers), or A4 sheets of four A6 labels. */
export const LABEL_FORMATS = ['label', 'a4'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

const MM = 72 / 25.4;
const LABEL = { w: 100 * MM, h: 150 * MM };
const A4 = { w: 210 * MM, h: 297 * MM };
const INK = rgb(0.05, 0.05, 0.05);
const GREY = rgb(0.35, 0.35, 0.35);

const degrees = (c: number) => (Number.isInteger(c) ? `${c}` : c.toFixed(1));

/** The text cut with an ellipsis to fit the width. */
const fit = (font: PDFFont, text: string, size: number, width: number) => {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let t = text;
  while (t.length > 1 && font.widthOfTextAtSize(`${t}...`, size) > width) t = t.slice(0, -1);
  return `${t}...`;
};

/** Words wrapped to the width, at most `max` lines (the last one cut). */
const wrap = (font: PDFFont, text: string, size: number, width: number, max: number) => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length > max
    ? [...lines.slice(0, max - 1), fit(font, lines.slice(max - 1).join(' '), size, width)]
    : lines;
};

/**
 * The QR code as vector squares (sharp at any printer resolution), error correction M (15 %: a scuffed or wet box
 * still scans), with the 4-module quiet zone the standard asks for left blank around it.
 */
const drawQr = (page: PDFPage, url: string, x: number, y: number, size: number) => {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 8);
  let path = '';
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c))
        path += `M${((c + 4) * cell).toFixed(3)} ${((r + 4) * cell).toFixed(3)}h${cell.toFixed(3)}v${cell.toFixed(3)}h-${cell.toFixed(3)}z`;
  // drawSvgPath's y axis points down from (x, y): the top-left corner of the symbol
  page.drawSvgPath(path, { x, y: y + size, color: rgb(0, 0, 0) });
};

/** One label in the box (x, y) — (x + w, y + h), in points from the page's bottom-left. */
const drawLabel = (page: PDFPage, f: PdfFonts, label: BoxLabel, x: number, y: number, w: number, h: number) => {
  const m = 12;
  const inner = w - 2 * m;
  const text = (
    t: string,
    o: { at: number; size: number; bold?: boolean; color?: typeof INK; dx?: number },
  ) => {
    const font = o.bold ? f.bold : f.regular;
    page.drawText(fit(font, printable(t), o.size, inner - (o.dx ?? 0)), {
      x: x + m + (o.dx ?? 0),
      y: o.at,
      size: o.size,
      font,
      color: o.color ?? INK,
    });
  };
  let at = y + h - m - 8;
  text(label.drop === 'pickup_point' ? 'PICKUP POINT' : 'DELIVER TO', { at, size: 8, color: GREY });
  at -= 22;
  // the addressee as large as fits: a packer reads it from arm's length
  const who = printable(label.addressee);
  let size = 22;
  while (size > 12 && f.bold.widthOfTextAtSize(who, size) > inner) size -= 1;
  text(who, { at, size, bold: true });
  at -= 18;
  text(label.day ? sheetDay(label.day) : 'No delivery day chosen', { at, size: 12, bold: true });
  at -= 13;
  text(`From ${label.farmName}`, { at, size: 9, color: GREY });
  at -= 8;
  page.drawLine({ start: { x: x + m, y: at }, end: { x: x + w - m, y: at }, thickness: 0.8, color: INK });

  // from the bottom up: the QR code with its serial, then the cold-chain range, then what room is left for contents
  const qr = Math.min(inner * 0.52, 150);
  drawQr(page, label.url, x + m - 4, y + m - 4, qr);
  const side = x + m + qr + 2;
  const sideW = x + w - m - side;
  let sy = y + m + qr - 16;
  for (const l of wrap(
    f.regular,
    "Scan for this box's story: field, harvest, journey and temperatures.",
    8,
    sideW,
    5,
  )) {
    page.drawText(printable(l), { x: side, y: sy, size: 8, font: f.regular, color: GREY });
    sy -= 10;
  }
  sy -= 6;
  const serial = printable(label.serial);
  page.drawText(serial, {
    x: side,
    y: sy,
    size: Math.min(10, (sideW / f.bold.widthOfTextAtSize(serial, 10)) * 10),
    font: f.bold,
    color: INK,
  });

  const rangeTop = y + m + qr + 30;
  page.drawRectangle({
    x: x + m,
    y: rangeTop - 26,
    width: inner,
    height: 26,
    borderColor: INK,
    borderWidth: 1.2,
  });
  page.drawText(
    printable(`KEEP AT ${degrees(label.coldChain.minC)} - ${degrees(label.coldChain.maxC)} °C`),
    {
      x: x + m + 8,
      y: rangeTop - 18,
      size: 13,
      font: f.bold,
      color: INK,
    },
  );

  at -= 14;
  text('CONTENTS', { at, size: 8, color: GREY });
  const floor = rangeTop + 6;
  const perLine = 23;
  label.lines.forEach((l, i) => {
    if (at - perLine < floor) return;
    const left = label.lines.length - i;
    if (left > 1 && at - 2 * perLine < floor) {
      at -= 12;
      text(`+ ${left} more lines: see the packing list`, { at, size: 9, bold: true });
      at = -Infinity;
      return;
    }
    at -= 12;
    text(`${l.quantity} ${l.unit}  ${l.title}`, { at, size: 10, bold: true });
    at -= 10;
    text(`lot ${l.lotCode}`, { at, size: 8, dx: 10 });
    at -= 1;
  });
};

/**
 * Box labels for a farm's delivery day, one per box, as a PDF: 100 × 150 mm pages for a label printer, or A4 sheets of
 * four A6 labels (105 × 148.5 mm, the common four-up label stock) with thin cut marks.
 */
export const boxLabelsPdf = async (
  labels: readonly BoxLabel[],
  format: LabelFormat,
  title: string,
): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreator('FieldToTable');
  const fonts = await embedFonts(pdf);
  if (format === 'label') {
    for (const l of labels) drawLabel(pdf.addPage([LABEL.w, LABEL.h]), fonts, l, 0, 0, LABEL.w, LABEL.h);
  } else {
    const cw = A4.w / 2;
    const ch = A4.h / 2;
    for (let i = 0; i < labels.length; i += 4) {
      const page = pdf.addPage([A4.w, A4.h]);
      const mark = { thickness: 0.3, color: rgb(0.7, 0.7, 0.7) };
      page.drawLine({ start: { x: cw, y: 0 }, end: { x: cw, y: A4.h }, ...mark });
      page.drawLine({ start: { x: 0, y: ch }, end: { x: A4.w, y: ch }, ...mark });
      labels
        .slice(i, i + 4)
        .forEach((l, k) => drawLabel(page, fonts, l, (k % 2) * cw, k < 2 ? ch : 0, cw, ch));
    }
  }
  if (!labels.length) {
    const page = pdf.addPage(format === 'label' ? [LABEL.w, LABEL.h] : [A4.w, A4.h]);
    page.drawText('No boxes for this day.', {
      x: 20,
      y: page.getHeight() - 40,
      size: 12,
      font: fonts.regular,
    });
  }
  return pdf.save();
};
