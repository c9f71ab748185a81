/**
 * The serial a box label's QR code carries: `<site>/01/<product>/10/<lot>/21/<serial>` (GS1 Digital Link style; the
 * service's own reader is services/logistics/src/domain/labels/digital-link.ts), or the serial typed from under the
 * code. Any origin: a label printed for another address of the site still names the box.
 */
const PATH = /\/01\/[^/]+\/10\/[^/]+\/21\/([^/?#]+)\/?$/;
export const SERIAL = /^FTT-[0-9A-HJKMNP-TV-Z]{12}$/;

export const serialOf = (scanned: string): string | null => {
  const text = scanned.trim();
  if (SERIAL.test(text.toUpperCase())) return text.toUpperCase();
  let path = text;
  try {
    path = new URL(text).pathname;
  } catch {
    // a bare path
  }
  const m = PATH.exec(path);
  if (!m) return null;
  try {
    const serial = decodeURIComponent(m[1]!);
    return SERIAL.test(serial) ? serial : null;
  } catch {
    return null;
  }
};
