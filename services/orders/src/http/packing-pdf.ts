import { embedFonts, printable } from '@ftt/kit/pdf';
import { PDFDocument, rgb } from 'pdf-lib';

export interface PackingSheet {
  farmName: string;
  day: string;
  lines: { title: string; lotCode: string; quantity: number; unit: string }[];
  orders: {
    orderId: string;
    buyerName: string;
    drop?: string | undefined;
    lines: { title: string; quantity: number; unit: string; lotCode: string }[];
  }[];
}

/**
 * A farm's printable packing list for one delivery day: what to harvest and pack per lot, then per order (with
 * where it goes, so boxes can be labelled). A4, the kit's fonts (Chinese and Latin), new pages as needed.
 */
export const packingPdf = async (sheet: PackingSheet): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Packing list ${sheet.farmName} ${sheet.day}`);
  pdf.setCreator('FieldToTable');
  const { regular: font, bold } = await embedFonts(pdf);
  let page = pdf.addPage([595, 842]);
  let y = 800;
  const write = (text: string, opts: { size?: number; x?: number; strong?: boolean } = {}) => {
    const size = opts.size ?? 11;
    if (y < 50) {
      page = pdf.addPage([595, 842]);
      y = 800;
    }
    page.drawText(printable(text), {
      x: opts.x ?? 50,
      y,
      size,
      font: opts.strong ? bold : font,
      color: rgb(0.1, 0.1, 0.1),
    });
    y -= size + 6;
  };
  write(`Packing list - ${sheet.day}`, { size: 18, strong: true });
  const n = sheet.orders.length;
  write(`${sheet.farmName} - ${n} ${n === 1 ? 'box' : 'boxes'}`, { size: 11 });
  y -= 8;
  write('To harvest and pack, per lot', { size: 13, strong: true });
  if (!sheet.lines.length) write('Nothing to pack for this day.');
  for (const l of sheet.lines) write(`[ ]  ${l.quantity} ${l.unit}  ${l.title}   lot ${l.lotCode}`);
  y -= 8;
  write('Per box', { size: 13, strong: true });
  for (const o of sheet.orders) {
    // the label a packer writes on the box and the farm's screens show: buyer, short order number, destination
    write(`${o.buyerName} - order ${o.orderId.slice(0, 8)}${o.drop ? ` - to ${o.drop}` : ''}`, { strong: true, size: 10 });
    for (const l of o.lines)
      write(`${l.quantity} ${l.unit}  ${l.title}  (lot ${l.lotCode})`, { x: 70, size: 10 });
  }
  return pdf.save();
};
