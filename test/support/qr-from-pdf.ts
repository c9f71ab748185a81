import { writeFileSync } from 'node:fs';
import jsQR from 'jsqr';
import * as mupdf from 'mupdf';

/**
 * The QR codes printed on a PDF, read the way a phone reads paper: each page rasterized (MuPDF, 144 dpi), cut into
 * `cols` × `rows` cells (one label each on a sheet of labels), each cell decoded with jsQR. One entry per cell, in
 * reading order, null where no code was found.
 */
export const qrCodesOf = (pdf: Uint8Array, grid: { cols: number; rows: number } = { cols: 1, rows: 1 }) => {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const found: (string | null)[] = [];
  for (let p = 0; p < doc.countPages(); p++) {
    const pix = doc.loadPage(p).toPixmap(mupdf.Matrix.scale(2, 2), mupdf.ColorSpace.DeviceRGB, false);
    const w = pix.getWidth();
    const h = pix.getHeight();
    const rgb = pix.getPixels();
    const cw = Math.floor(w / grid.cols);
    const ch = Math.floor(h / grid.rows);
    for (let r = 0; r < grid.rows; r++)
      for (let c = 0; c < grid.cols; c++) {
        const rgba = new Uint8ClampedArray(cw * ch * 4);
        for (let y = 0; y < ch; y++)
          for (let x = 0; x < cw; x++) {
            const from = ((r * ch + y) * w + c * cw + x) * 3;
            const to = (y * cw + x) * 4;
            rgba[to] = rgb[from]!;
            rgba[to + 1] = rgb[from + 1]!;
            rgba[to + 2] = rgb[from + 2]!;
            rgba[to + 3] = 255;
          }
        found.push(jsQR(rgba, cw, ch)?.data ?? null);
      }
    pix.destroy();
  }
  return found;
};

/** The text MuPDF extracts from every page: what a reader of the printed label sees. */
export const textOf = (pdf: Uint8Array): string => {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  let out = '';
  for (let p = 0; p < doc.countPages(); p++)
    out += `${doc.loadPage(p).toStructuredText('preserve-whitespace').asText()}\n`;
  return out;
};

/**
 * A fake camera's video (Chromium's `--use-file-for-fake-video-capture`): the bottom of a PDF page (where a box
 * label's QR code sits) as `width` × `height` grey frames of a Y4M file, as if a phone were held over the label.
 */
export const pdfPageAsCamera = (
  pdf: Uint8Array,
  file: string,
  o: { page?: number; width?: number; height?: number; frames?: number } = {},
) => {
  const { page = 0, width = 640, height = 480, frames = 10 } = o;
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const p = doc.loadPage(page);
  const [x0, , x1] = p.getBounds();
  const scale = width / (x1 - x0);
  const pix = p.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false);
  const w = pix.getWidth();
  const h = pix.getHeight();
  const rgb = pix.getPixels();
  const luma = Buffer.alloc(width * height, 255);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < Math.min(width, w); x++) {
      const sy = h - height + y;
      if (sy < 0) continue;
      const i = (sy * w + x) * 3;
      luma[y * width + x] = Math.round(0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!);
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`),
      ...Array(frames).fill(frame),
    ]),
  );
};
