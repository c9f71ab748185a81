import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Run } from '../domain/runs/run';

const safe = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** The printable run sheet: the stops in order with times, places, recipients and box counts, and the route length. */
export const runSheetPdf = async (run: Run): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Run ${run.region} ${run.day}`);
  pdf.setCreator('FieldToTable');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([595, 842]);
  let y = 800;
  const write = (text: string, o: { size?: number; x?: number; strong?: boolean } = {}) => {
    const size = o.size ?? 10;
    if (y < 50) {
      page = pdf.addPage([595, 842]);
      y = 800;
    }
    page.drawText(safe(text), {
      x: o.x ?? 50,
      y,
      size,
      font: o.strong ? bold : font,
      color: rgb(0.1, 0.1, 0.1),
    });
    y -= size + 6;
  };
  write(`Run sheet - ${run.region}, ${run.day}`, { size: 18, strong: true });
  write(
    `${run.stops.length} stops, ${run.shipmentIds.length} boxes, ${run.lengthKm} km (in arrival order: ${run.naiveLengthKm} km)`,
    { size: 11 },
  );
  write(`Run ${run.runId}${run.partnerId ? ` - partner ${run.partnerId}` : ''}`, { size: 9 });
  y -= 6;
  for (const s of run.stops) {
    const what =
      s.kind === 'pickup'
        ? `PICK UP ${s.shipmentIds.length} box(es) at`
        : `DROP ${s.shipmentIds.length} box(es) at`;
    write(`${s.seq + 1}. ${s.eta}  ${what} ${s.label}${s.status === 'done' ? '  [done]' : ''}`, {
      strong: true,
    });
    const a = s.address;
    write(
      `${a.line1}, ${a.postalCode} ${a.city}${s.window ? `  (open ${s.window.opens}-${s.window.closes})` : ''}${s.contact ? `  for ${s.contact}` : ''}`,
      { x: 70, size: 9 },
    );
    write('[ ] done    signature / proof: ______________________', { x: 70, size: 9 });
  }
  return pdf.save();
};
