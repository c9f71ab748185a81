import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import * as fontkit from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * The one font family of every PDF the services print (issue #33): Noto Sans SC (SIL Open Font License 1.1, from
 * @expo-google-fonts/noto-sans-sc), which covers Simplified Chinese and Latin text alike, so a farm called
 * 浙江安吉白茶合作社 prints as it is written, where the standard PDF fonts (WinAnsi) printed '?'.
 *
 * Each document embeds only the glyphs it draws (a receipt carries about 10 KB of font, not 10 MB). The subsetting is
 * upstream fontkit 2's: the fork pdf-lib ships (@pdf-lib/fontkit 1.1.1) writes broken subsets of CJK fonts (glyphs
 * drawn blank: pdf-lib issue #1232), so pdf-lib is handed fontkit 2 with the one method its embedder still calls on a
 * subset (`encodeStream`). The font files are read and parsed once per process, on the first document.
 *
 * The font's package is resolved at run time: a service whose bundle includes this module must declare
 * @expo-google-fonts/noto-sans-sc (and fontkit) itself, as orders and logistics do.
 */

const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

type Weight = keyof typeof FILES;
type Font = fontkit.Font;

interface Loaded {
  bytes: Uint8Array;
  font: Font;
}

const loaded = new Map<Weight, Loaded>();
const byBytes = new WeakMap<Uint8Array, Font>();

const load = (weight: Weight): Loaded => {
  let l = loaded.get(weight);
  if (!l) {
    const bytes = readFileSync(createRequire(import.meta.url).resolve(FILES[weight]));
    const font = fontkit.create(bytes) as Font;
    l = { bytes, font };
    loaded.set(weight, l);
    byBytes.set(bytes, font);
  }
  return l;
};

/** A fontkit 2 subset, as pdf-lib 1.17's subset embedder reads it (a stream of the encoded font). */
const streamed = (font: Font) =>
  new Proxy(font, {
    get(target, key) {
      if (key === 'createSubset')
        return () => {
          const subset = target.createSubset();
          return Object.assign(subset, { encodeStream: () => Readable.from([subset.encode()]) });
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

/** What pdf-lib's `registerFontkit` takes: the fonts parsed once, each document getting its own subset of them. */
const fontkitForPdfLib = {
  create: (bytes: Uint8Array) => {
    const font = byBytes.get(bytes);
    if (!font) throw new Error('kit pdf fonts: only the kit’s own font files are embedded');
    return streamed(font);
  },
};

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Embeds the family's regular and bold weights in the document, each subset to the glyphs the document draws. */
export const embedFonts = async (pdf: PDFDocument): Promise<PdfFonts> => {
  // pdf-lib types its fontkit as the old fork's; fontkit 2 has the same `create` and (with `streamed`) the same subset
  pdf.registerFontkit(fontkitForPdfLib as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  return {
    regular: await pdf.embedFont(load('regular').bytes, { subset: true }),
    bold: await pdf.embedFont(load('bold').bytes, { subset: true }),
  };
};

let covered: Set<number> | undefined;

/**
 * The text as the fonts can print it: a character they lack (an emoji, a rare ideograph) and control characters
 * (pdf-lib breaks the line at a newline) become '?', rather than a blank box or a failed document; the thin and narrow
 * no-break spaces Intl writes in some formats become a plain space.
 */
export const printable = (text: string): string => {
  covered ??= new Set(load('regular').font.characterSet.filter((c) => load('bold').font.hasGlyphForCodePoint(c)));
  const set = covered;
  return [...text.replace(/[\u202f\u2009]/g, ' ')]
    .map((c) => {
      const code = c.codePointAt(0)!;
      return code >= 0x20 && !(code >= 0x7f && code < 0xa0) && set.has(code) ? c : '?';
    })
    .join('');
};
