import { inflateSync } from 'node:zlib';

/**
 * A PDF's bytes with every Flate stream inflated, upper-cased, for tests that look for words in a generated PDF
 * (pdf-lib writes text and the title as hex strings: look for the hex of the upper-cased words).
 */
export const pdfText = (buf: Buffer): string => {
  let out = buf.toString('latin1');
  for (let i = buf.indexOf('stream'); i >= 0; i = buf.indexOf('stream', i)) {
    let start = i + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf('endstream', start);
    if (end < 0) break;
    try {
      out += inflateSync(buf.subarray(start, end)).toString('latin1');
    } catch {
      // not a Flate stream (an image, or already plain)
    }
    i = end + 9;
  }
  return out.toUpperCase();
};
