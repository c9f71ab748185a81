import { ApiError, request } from './client';
import { downloadPdf } from './delivery';
import type { BoxTraceView, ScannedBox } from './types';

const id = encodeURIComponent;

/** The two sheet formats logistics prints: one 100 × 150 mm label per page, or four A6 labels per A4 sheet. */
export type LabelFormat = 'label' | 'a4';

/** Box labels with a QR code (issue #33): the farm prints them; the QR code's address opens the box's public trace. */
export const boxLabels = {
  download: (farmId: string, day: string, format: LabelFormat) =>
    downloadPdf(
      'logistics',
      `/farms/${id(farmId)}/box-labels.pdf?day=${day}&format=${format}`,
      `box-labels-${day}${format === 'a4' ? '-a4' : ''}.pdf`,
    ),
  /** The box a partner scanned, by its label's serial (403: another partner's; 404: no box has it). */
  scan: (serial: string) => request<ScannedBox>('logistics', `/shipments/by-serial/${id(serial)}`),
  /** The box's public trace, or null when no box has this product, lot and serial (a mistyped or forged address). */
  trace: async (k: { product: string; lot: string; serial: string }): Promise<BoxTraceView | null> => {
    try {
      return await request<BoxTraceView>(
        'logistics',
        `/boxes/01/${id(k.product)}/10/${id(k.lot)}/21/${id(k.serial)}`,
      );
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return null;
      throw err;
    }
  },
};
