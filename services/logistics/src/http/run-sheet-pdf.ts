import { embedFonts, printable } from '@ftt/kit/pdf';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Run } from '../domain/runs/run';

/** Each box's cold-chain range (°C), by shipment id: what the sheet tells the driver to keep. */
export type Ranges = ReadonlyMap<string, { minC: number; maxC: number }>;

/** The run's day as people read it on paper: "Thursday 10 December 2026" (a calendar day, no time zone shift). */
export const sheetDay = (isoDay: string): string => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(new Date(`${isoDay}T00:00:00Z`));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
};

const boxes = (n: number) => `${n} ${n === 1 ? 'box' : 'boxes'}`;
const degrees = (c: number) => `${Number.isInteger(c) ? c : c.toFixed(1)}`;

/**
 * The range that keeps every one of these boxes right ("2 to 8 C"), or each box's own when no single range does
 * ("2 to 8 C and 8 to 14 C: keep them apart"); nothing when the boxes' ranges are not known.
 */
export const keepText = (ids: readonly string[], ranges: Ranges): string | null => {
  const known = ids
    .map((id) => ranges.get(id))
    .filter((r): r is { minC: number; maxC: number } => Boolean(r));
  if (known.length === 0) return null;
  const lo = Math.max(...known.map((r) => r.minC));
  const hi = Math.min(...known.map((r) => r.maxC));
  if (lo <= hi) return `Keep between ${degrees(lo)} and ${degrees(hi)} °C`;
  const each = [...new Set(known.map((r) => `${degrees(r.minC)} to ${degrees(r.maxC)} °C`))];
  return `Keep at ${each.join(' and ')}: these boxes need different temperatures, keep them apart`;
};

/**
 * The printable run sheet: the day as a date people read, the stops in order with times, places, recipients, box
 * counts and the temperature each stop's boxes must be kept at, and the route length. No ids: the driver works by
 * place, time and name.
 */
export const runSheetPdf = async (run: Run, ranges: Ranges = new Map()): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Run ${run.region} ${sheetDay(run.day)}`);
  pdf.setCreator('FieldToTable');
  const { regular: font, bold } = await embedFonts(pdf);
  let page = pdf.addPage([595, 842]);
  let y = 800;
  const write = (text: string, o: { size?: number; x?: number; strong?: boolean } = {}) => {
    const size = o.size ?? 10;
    if (y < 50) {
      page = pdf.addPage([595, 842]);
      y = 800;
    }
    page.drawText(printable(text), {
      x: o.x ?? 50,
      y,
      size,
      font: o.strong ? bold : font,
      color: rgb(0.1, 0.1, 0.1),
    });
    y -= size + 6;
  };
  write(`Run sheet - ${run.region}, ${sheetDay(run.day)}`, { size: 18, strong: true });
  write(
    `${run.stops.length} stops, ${boxes(run.shipmentIds.length)}, ${run.lengthKm} km (in arrival order: ${run.naiveLengthKm} km)`,
    { size: 11 },
  );
  const van = keepText(run.shipmentIds, ranges);
  if (van) write(`In the van: ${van.charAt(0).toLowerCase()}${van.slice(1)}`, { size: 11 });
  y -= 6;
  for (const s of run.stops) {
    const what = `${s.kind === 'pickup' ? 'PICK UP' : 'DROP'} ${boxes(s.shipmentIds.length)} at`;
    write(`${s.seq + 1}. ${s.eta}  ${what} ${s.label}${s.status === 'done' ? '  [done]' : ''}`, {
      strong: true,
    });
    const a = s.address;
    write(
      `${a.line1}, ${a.postalCode} ${a.city}${s.window ? `  (open ${s.window.opens}-${s.window.closes})` : ''}${s.contact ? `  for ${s.contact}` : ''}`,
      { x: 70, size: 9 },
    );
    const keep = keepText(s.shipmentIds, ranges);
    if (keep) write(keep, { x: 70, size: 9 });
    write('[ ] done    signature / proof: ______________________', { x: 70, size: 9 });
  }
  return pdf.save();
};
